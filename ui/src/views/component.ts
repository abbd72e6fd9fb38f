// One component: what it declares and what its files say, its conclusion (conclusion.ts),
// comments and whether it ships, the obligations checklist with sign-off (sign-off.ts), and
// its files with findings and false-positive marks (component-files.ts).

import type { Ctx } from "../app";
import type { ComponentDetail, ComponentLink } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { CLARITY_CLEAR, clarityTitle, isSettled, statusLabel, when } from "../lib/format";
import { allFilesSection, findingsSection } from "./component-files";
import { neighbour } from "./table-place";
import { conclusionCard } from "./conclusion";
import { signOffRow } from "./sign-off";
import { settles, vulnerabilityHead, vulnerabilityRows } from "./vulnerability-rows";

/** The component's known vulnerabilities, each with its triage editor. */
function vulnerabilitySection(ctx: Ctx, d: ComponentDetail): HTMLElement {
  const title = h("h2", {});
  const body = h("tbody", {});
  const draw = () => {
    title.textContent = `Known vulnerabilities (${d.vulnerabilities.filter((v) => !settles(v.triage)).length} open)`;
    replace(body, vulnerabilityRows(ctx, d.vulnerabilities, draw, false));
  };
  draw();
  return h("section", { id: "component-vulnerabilities" }, title, h("table", { class: "grid" }, vulnerabilityHead(false), body));
}

/** Components as links, comma-separated, the first 30. */
function links(items: ComponentLink[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  items.slice(0, 30).forEach((l, i) => {
    if (i) out.push(", ");
    out.push(h("a", { href: `#/component/${l.id}` }, l.version ? `${l.name} ${l.version}` : l.name));
  });
  if (items.length > 30) out.push(` and ${items.length - 30} more`);
  return out;
}

export async function componentView(root: HTMLElement, ctx: Ctx, arg: string | undefined): Promise<() => void> {
  const id = Number(arg);
  const d: ComponentDetail = await api.componentDetail(id);
  const c = d.component;
  const k = c.conclusion;
  const reload = () => ctx.go(`component/${id}`);
  const all = allFilesSection(id);

  const newComment = h("textarea", { id: "new-comment", rows: 2, placeholder: "Add a comment for other reviewers" });
  const exclusion = d.excluded;
  const excludeReason = h("input", { type: "text", id: "exclude-reason", placeholder: "Why it is not shipped (e.g. build tooling, tests only)" });

  replace(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "#/components" }, "Components"), " / ", c.name),
    h(
      "div",
      { class: "title-row" },
      h("h1", { id: "component-name" }, c.name, c.version ? h("span", { class: "muted" }, ` ${c.version}`) : null),
      h("span", { class: `status status-${k?.status ?? "pending"}` }, statusLabel(k?.status ?? "pending")),
      k?.carried_from ? h("span", { class: "tag", id: "carried", title: `Carried over from ${k.carried_from}` }, "carried over") : null,
      c.not_shipped ? h("span", { class: "tag", title: c.not_shipped }, "not shipped") : null,
    ),
    h("p", { class: "muted keys" }, "] next · [ previous (in the components table's order) · Esc back to the table"),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "License clarity"),
      h("dd", { id: "component-clarity", class: c.clarity < CLARITY_CLEAR ? "unclear" : "" }, clarityTitle(c.clarity, c.clarity_gaps).replace(/^License clarity /, "")),
      h("dt", {}, "Ecosystem"),
      h("dd", {}, c.ecosystem ?? "—"),
      h("dt", {}, "Package URL"),
      h("dd", {}, h("code", {}, c.purl ?? "—")),
      h("dt", {}, c.source === "lockfile" ? "Listed by" : "Folder"),
      h(
        "dd",
        {},
        c.source === "lockfile"
          ? [h("code", {}, `${c.root}/${(c.manifest_path ?? "").split("#")[0]}`), h("span", { class: "muted" }, " — a lockfile entry; none of its files are in the scanned folders")]
          : h("code", {}, `${c.root}/${c.dir}`),
      ),
      h("dt", {}, "Supplier"),
      h(
        "dd",
        { id: "component-supplier", class: c.supplier ? "" : "muted" },
        c.supplier ?? "not stated by its manifest (SBOMs say NOASSERTION; NTIA's minimum elements want one)",
      ),
      h("dt", {}, "Declared"),
      h("dd", {}, c.declared_license ?? c.declared_original ?? "—"),
      h("dt", {}, "Detected"),
      h("dd", {}, c.detected.join(", ") || "—"),
      c.homepage ? h("dt", {}, "Homepage") : null,
      c.homepage ? h("dd", {}, c.homepage) : null,
      d.depends_on.length ? h("dt", {}, "Depends on") : null,
      d.depends_on.length ? h("dd", { id: "depends-on" }, links(d.depends_on)) : null,
      d.used_by.length ? h("dt", {}, "Used by") : null,
      d.used_by.length ? h("dd", { id: "used-by" }, links(d.used_by)) : null,
    ),
    h(
      "div",
      { class: "columns2" },
      conclusionCard({ component: c, ctx, reload }),
      h(
        "section",
        { class: "card", id: "comments" },
        h("h2", {}, "Comments"),
        d.comments.length
          ? h(
              "ul",
              { class: "comments" },
              d.comments.map((a) =>
                h("li", {}, h("div", {}, a.comment), h("div", { class: "muted small" }, `${a.reviewer}, ${when(a.created_at)}`, a.carried_from ? " · carried over" : "")),
              ),
            )
          : h("p", { class: "muted" }, "No comments yet."),
        newComment,
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            id: "add-comment",
            onclick: async () => {
              try {
                await api.comment("component", id, newComment.value);
                reload();
              } catch (e) {
                ctx.fail(e);
              }
            },
          },
          "Add comment",
        ),
        h("h2", {}, "In the release"),
        exclusion
          ? h(
              "div",
              {},
              h("p", { id: "excluded" }, `Not shipped — no obligations, not in attribution, blocks nothing: ${exclusion[0]} (${exclusion[1]}, ${when(exclusion[2])})`),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  onclick: async () => {
                    try {
                      await api.exclude(id, "", true);
                      reload();
                    } catch (e) {
                      ctx.fail(e);
                    }
                  },
                },
                "It is shipped: take it back in",
              ),
            )
          : h(
              "div",
              {},
              h("p", { class: "muted" }, "Shipped: its obligations count, it is in attribution files and approval waits for it."),
              excludeReason,
              h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  id: "exclude",
                  onclick: async () => {
                    try {
                      await api.exclude(id, excludeReason.value, false);
                      reload();
                    } catch (e) {
                      ctx.fail(e);
                    }
                  },
                },
                "Mark not shipped",
              ),
            ),
      ),
    ),
    h("h2", {}, `Obligations (${d.obligations.filter((o) => !isSettled(o.status)).length} open)`),
    d.obligations.length
      ? h(
          "table",
          { class: "grid", id: "component-obligations" },
          h("thead", {}, h("tr", {}, h("th", {}, "License"), h("th", {}, "Obligation"), h("th", {}, "Kind"), h("th", {}, "Status"), h("th", {}, "Sign-off"))),
          h("tbody", {}, d.obligations.map((o) => signOffRow(o, ctx, reload))),
        )
      : h("p", { class: "muted" }, k?.expression ? "No obligations for this license in this distribution mode." : "Obligations appear once a license is concluded."),
    d.vulnerabilities.length ? vulnerabilitySection(ctx, d) : null,
    findingsSection({ detail: d, ctx, reload }),
    h("h2", {}, "All files"),
    all.root,
  );
  // ] and [ go through the components table's rows (its filter and sort) without going back to
  // it; Escape goes back. Not while typing.
  const onKey = async (e: KeyboardEvent) => {
    if ((e.target as HTMLElement | null)?.closest?.("input, textarea, select")) return;
    if (e.key === "]" || e.key === "[") {
      e.preventDefault();
      try {
        const next = await neighbour(e.key === "]" ? 1 : -1);
        if (next === null) ctx.say(e.key === "]" ? "That was the table's last component" : "That was the table's first component");
        else ctx.go(`component/${next}`);
      } catch (err) {
        ctx.fail(err);
      }
    } else if (e.key === "Escape") ctx.go("components");
  };
  // Listening before the file list is drawn: a key pressed as soon as the page shows counts.
  document.addEventListener("keydown", onKey);
  try {
    await all.draw();
  } catch (e) {
    ctx.fail(e);
  }
  return () => document.removeEventListener("keydown", onKey);
}
