// Obligations across the release: every obligation of every concluded component, filterable,
// each signed off with a status and a note.

import type { Ctx } from "../app";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { isSettled, plural } from "../lib/format";
import { signOffRow } from "./component";

let filter = "open";

export async function obligationsView(root: HTMLElement, ctx: Ctx): Promise<void> {
  const all = await api.obligations();
  const select = h(
    "select",
    { id: "obligation-filter", "aria-label": "Show" },
    [
      ["open", "Still to do (open, deferred, escalated)"],
      ["done", "Done (fulfilled, not applicable)"],
      ["", "All"],
    ].map(([v, t]) => h("option", { value: v, selected: v === filter }, t)),
  );
  const search = h("input", { type: "search", placeholder: "Filter by component, license or text", "aria-label": "Filter obligations" });
  const body = h("tbody", {});
  const count = h("span", { class: "muted" });
  const draw = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const rows = all.filter((o) => {
      const done = isSettled(o.status);
      if (filter === "open" && done) return false;
      if (filter === "done" && !done) return false;
      const hay = `${o.component} ${o.license} ${o.summary} ${o.kind}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
    count.textContent = `${plural(rows.length, "obligation")} shown of ${all.length}`;
    replace(body, rows.slice(0, 2000).map((o) => signOffRow(o, ctx, () => ctx.go("obligations"), true)));
  };
  select.addEventListener("change", () => {
    filter = select.value;
    draw();
  });
  search.addEventListener("input", draw);
  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Obligations"), count),
    h("p", { class: "muted" }, "What the concluded licenses require for this release's distribution mode. Sign each off with how it is met."),
    h("div", { class: "toolbar" }, select, search),
    h(
      "table",
      { class: "grid", id: "obligations-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "Component"), h("th", {}, "License"), h("th", {}, "Obligation"), h("th", {}, "Kind"), h("th", {}, "Status"), h("th", {}, "Sign-off"))),
      body,
    ),
  );
  draw();
}
