// Copyright holders across the release: who holds what, in how many files and which
// components — what an attribution notice must name. The most widespread first; a search by
// holder or statement words.

import type { Ctx } from "../app";
import type { HolderRow } from "../bindings";
import { h, replace } from "../dom";
import { call } from "../ipc";
import { plural } from "../lib/format";

/** The components a holder appears in, as links, with how many more there are. */
export function componentLinks(r: HolderRow): (Node | string)[] {
  const out: (Node | string)[] = [];
  r.components.forEach((c, i) => {
    if (i) out.push(", ");
    out.push(h("a", { href: `#/component/${c.id}` }, c.version ? `${c.name} ${c.version}` : c.name));
  });
  const more = r.component_count - r.components.length;
  if (more > 0) out.push(` and ${more} more`);
  return out;
}

export async function holdersView(root: HTMLElement, ctx: Ctx): Promise<void> {
  const search = h("input", { type: "search", id: "holder-search", placeholder: "Search holders and statements", "aria-label": "Search holders" });
  const count = h("span", { class: "muted", id: "holder-count", "aria-live": "polite" });
  const body = h("tbody", {});
  const draw = async () => {
    try {
      const rows = await call("holders", { search: search.value });
      count.textContent = plural(rows.length, "holder");
      replace(
        body,
        rows.map((r) =>
          h(
            "tr",
            {},
            h("td", {}, h("strong", {}, r.holder), h("div", { class: "muted small" }, r.example)),
            h("td", { class: "num" }, String(r.statements)),
            h("td", { class: "num" }, String(r.files)),
            h("td", {}, componentLinks(r)),
          ),
        ),
      );
    } catch (e) {
      ctx.fail(e);
    }
  };
  let typing = 0;
  search.addEventListener("input", () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(() => void draw(), 150);
  });
  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Copyright holders"), count),
    h("p", { class: "muted" }, "Every holder the scan found in a copyright statement, the most widespread first: what the attribution notice names."),
    h("div", { class: "toolbar" }, search),
    h(
      "table",
      { class: "grid", id: "holders-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "Holder"), h("th", { class: "num" }, "Statements"), h("th", { class: "num" }, "Files"), h("th", {}, "Components"))),
      body,
    ),
  );
  await draw();
}
