// The open review against the organisation's decision library: what was taken from it (the same
// package on the same evidence), what it only suggests (other evidence, another version — with
// what differs said; concluding one is the reviewer's decision, made here with a click and
// audited like any), what conflicts (entries side by side, none applied), and publishing this
// release into the library and the portfolio.

import type { Ctx } from "../app";
import type { LibraryConflict, LibraryEntry, LibrarySuggestion, LibraryView } from "../bindings";
import { h, replace } from "../dom";
import { call } from "../ipc";
import { plural } from "../lib/format";

/** "from Alpha 1.0 (Ada, 2026-03-01)" or "a curation by Lee (2026-03-01): checked by legal". */
export function provenance(e: LibraryEntry): string {
  const date = e.decided_at.slice(0, 10);
  return e.release ? `${e.release} (${e.reviewer}, ${date})` : `a curation by ${e.reviewer} (${date})${e.reason ? `: ${e.reason}` : ""}`;
}

export function summary(v: LibraryView): string {
  const p = v.plan;
  const parts = [
    `${plural(v.taken, "conclusion")} taken from the library`,
    `${p.apply.length.toLocaleString("en-US")} more to take`,
    `${plural(p.suggestions.length, "suggestion")}`,
    `${plural(p.conflicts.length, "conflict")}`,
  ];
  return parts.join(" · ");
}

function suggestionRow(ctx: Ctx, s: LibrarySuggestion, after: () => void): HTMLElement {
  const e = s.entry;
  const take =
    s.kind === "conclusion" && e.expression
      ? h(
          "button",
          {
            type: "button",
            class: "small take-suggestion",
            onclick: async () => {
              try {
                await call("conclude", {
                  request: {
                    component: s.component_id,
                    expression: e.expression,
                    status: null,
                    comment: `as the library suggested: ${provenance(e)}; ${s.why}`,
                  },
                });
                ctx.say(`${s.component}: concluded ${e.expression}`);
                after();
              } catch (err) {
                ctx.fail(err);
              }
            },
          },
          "Conclude as suggested",
        )
      : null;
  return h(
    "tr",
    { "data-component": String(s.component_id), "data-kind": s.kind },
    h("td", {}, h("a", { href: `#/component/${s.component_id}` }, s.component)),
    h("td", {}, s.kind === "exclusion" ? `not shipped: ${e.comment ?? ""}` : (e.expression ?? "—")),
    h("td", {}, provenance(e)),
    h("td", { class: "why" }, s.why),
    h("td", {}, take),
  );
}

function conflictRow(c: LibraryConflict): HTMLElement {
  return h(
    "tr",
    { "data-component": String(c.component_id) },
    h("td", {}, h("a", { href: `#/component/${c.component_id}` }, c.component)),
    h(
      "td",
      {},
      h(
        "div",
        { class: "side-by-side" },
        c.entries.map((e) => h("div", { class: "card conflict-entry" }, h("strong", {}, e.expression ?? "no license"), ` ${e.status}`, h("div", { class: "muted" }, provenance(e)))),
      ),
    ),
  );
}

export async function libraryView(root: HTMLElement, ctx: Ctx): Promise<void> {
  let view: LibraryView | null = null;
  const body = h("div", {});
  const published = h("p", { id: "library-published", role: "status" });
  const load = async () => {
    try {
      view = await call("library_view", {});
      draw();
    } catch (e) {
      ctx.fail(e);
    }
  };
  const publish = h(
    "button",
    {
      type: "button",
      id: "publish-release",
      onclick: async () => {
        try {
          const r = await call("publish_release", {});
          const release = `${r.product} ${r.version}`.trim();
          published.className = r.approved ? "notice ok" : "notice warn";
          published.textContent = r.approved
            ? `Published ${release}${r.replaced ? " again" : ""}: ${plural(r.conclusions, "conclusion")} and ${plural(r.false_positives, "false positive")} into the library, ${plural(r.components, "component")} into the portfolio.`
            : `${release} is in the portfolio, not approved: its decisions stay out of the library until it is approved and published again.`;
          await load();
        } catch (e) {
          ctx.fail(e);
        }
      },
    },
    "Publish this release",
  );
  const draw = () => {
    const v = view;
    if (!v) return;
    if (!v.library) {
      replace(
        body,
        h("p", { class: "notice", id: "library-summary" }, "There is no decision library on this machine yet. Approve a release and publish it: the next reviews take its decisions where the evidence is the same."),
      );
      return;
    }
    const p = v.plan;
    const takeAll =
      p.apply.length > 0 || p.false_positives > 0
        ? h(
            "button",
            {
              type: "button",
              class: "secondary",
              id: "take-library",
              onclick: async () => {
                try {
                  view = await call("apply_library", {});
                  ctx.say("Took the library's decisions made on the same evidence");
                  draw();
                } catch (e) {
                  ctx.fail(e);
                }
              },
            },
            `Take ${plural(p.apply.length, "decision")} made on the same evidence`,
          )
        : null;
    replace(
      body,
      h("p", { id: "library-summary", class: "muted" }, summary(v), h("br", {}), h("code", {}, v.library)),
      takeAll,
      p.conflicts.length
        ? h(
            "section",
            { id: "library-conflicts" },
            h("h2", {}, "Conflicting decisions — none applied"),
            h("table", { class: "grid" }, h("thead", {}, h("tr", {}, h("th", {}, "Component"), h("th", {}, "What the library says"))), h("tbody", {}, p.conflicts.map(conflictRow))),
          )
        : null,
      h(
        "section",
        { id: "library-suggestions" },
        h("h2", {}, "Suggested — not taken"),
        p.suggestions.length
          ? h(
              "table",
              { class: "grid" },
              h("thead", {}, h("tr", {}, h("th", {}, "Component"), h("th", {}, "Suggested"), h("th", {}, "From"), h("th", {}, "Why it is not taken"), h("th", {}, ""))),
              h(
                "tbody",
                {},
                p.suggestions.map((s) => suggestionRow(ctx, s, () => void load())),
              ),
            )
          : h("p", { class: "muted" }, "Nothing to suggest."),
      ),
    );
  };
  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Decision library"), publish),
    published,
    body,
  );
  await load();
}
