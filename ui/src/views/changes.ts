// Changes since an earlier release: the open review compared with the review of an earlier
// release (from the recent list, or a file chosen with the native dialog) — components added,
// removed and changed, and for a changed one what: version, declared, detected or concluded
// license, license and notice files. The same comparison as `clearance diff`.

import type { Ctx } from "../app";
import type { ComponentChange, ReviewDiff } from "../bindings";
import { h, replace } from "../dom";
import { api, call } from "../ipc";
import { plural } from "../lib/format";

/** The earlier review last compared with, kept while the reviewer visits a component. */
let lastEarlier: { review: string; earlier: string } | null = null;

const versions = (c: ComponentChange): string => {
  if (c.old_version && c.new_version && c.old_version !== c.new_version) return `${c.old_version} → ${c.new_version}`;
  return c.new_version ?? c.old_version ?? "";
};

function section(id: string, title: string, rows: ComponentChange[], empty: string): HTMLElement {
  return h(
    "section",
    { class: "card", id },
    h("h2", {}, `${title} (${rows.length})`),
    rows.length === 0
      ? h("p", { class: "muted" }, empty)
      : h(
          "table",
          { class: "grid" },
          h("thead", {}, h("tr", {}, h("th", {}, "Component"), h("th", {}, "Version"), h("th", {}, "Ecosystem"), h("th", {}, "What changed"))),
          h(
            "tbody",
            {},
            rows.map((c) =>
              h(
                "tr",
                {},
                h("td", {}, c.id !== null ? h("a", { href: `#/component/${c.id}` }, c.name) : c.name),
                h("td", {}, versions(c)),
                h("td", {}, c.ecosystem ?? ""),
                h("td", {}, h("ul", { class: "changes" }, c.changes.map((x) => h("li", {}, x)))),
              ),
            ),
          ),
        ),
  );
}

/** The comparison drawn as three sections; exported for the unit test. */
export function diffSections(d: ReviewDiff): HTMLElement[] {
  return [
    section("changes-added", "Added", d.added, "No component is new in this release."),
    section("changes-removed", "Removed", d.removed, "No component of the earlier release is gone."),
    section("changes-changed", "Changed", d.changed, "No component that both releases have changed."),
  ];
}

export async function changesView(root: HTMLElement, ctx: Ctx): Promise<void> {
  const current = ctx.review?.path ?? "";
  const recent = (await api.recentReviews()).filter((r) => r.exists && r.path !== current);
  const picker = h(
    "select",
    { id: "earlier-review", "aria-label": "The review of an earlier release" },
    h("option", { value: "" }, recent.length ? "Choose an earlier review…" : "No other review on the recent list"),
    recent.map((r) => h("option", { value: r.path }, `${r.name} — ${r.path}`)),
  );
  const summary = h("p", { id: "changes-summary", "aria-live": "polite" });
  const result = h("div", { id: "changes" });

  const compare = async (earlier: string) => {
    if (!earlier) return;
    summary.textContent = "Comparing…";
    replace(result);
    try {
      const d = await call("changes_since", { earlier });
      lastEarlier = { review: current, earlier };
      const n = d.added.length + d.removed.length + d.changed.length;
      summary.textContent = n
        ? `Since ${earlier}: ${plural(d.added.length, "component")} added, ${d.removed.length} removed, ${d.changed.length} changed.`
        : `Since ${earlier}: no component was added, removed or changed.`;
      replace(result, diffSections(d));
    } catch (e) {
      summary.textContent = "";
      ctx.fail(e);
    }
  };

  picker.addEventListener("change", () => void compare(picker.value));
  const choose = h(
    "button",
    {
      type: "button",
      id: "pick-earlier",
      onclick: async () => {
        try {
          const path = await call("pick_earlier_review", {});
          if (path) await compare(path);
        } catch (e) {
          ctx.fail(e);
        }
      },
    },
    "Choose a review file…",
  );

  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Changes since an earlier release")),
    h(
      "p",
      { class: "muted" },
      "Components added, removed and changed since the review of an earlier release: what to look at again. Decisions carried over from it are marked “carried” in the components table.",
    ),
    h("div", { class: "toolbar" }, picker, choose),
    summary,
    result,
  );
  if (lastEarlier && lastEarlier.review === current) {
    if ([...picker.options].some((o) => o.value === lastEarlier?.earlier)) picker.value = lastEarlier.earlier;
    await compare(lastEarlier.earlier);
  }
}
