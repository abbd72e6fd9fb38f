// Obligations across the release: every obligation of every concluded component, filterable,
// each signed off with a status and a note — one at a time, or grouped by license and
// obligation and signed off for every component of a group with one note (one audit entry
// per obligation, as if signed one by one).

import type { Ctx } from "../app";
import type { ObligationRow } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { isSettled, plural } from "../lib/format";
import { store, stored } from "../lib/stored";
import { everything } from "./component-filters";
import { signOffControls, signOffRow } from "./sign-off";

let filter = "open";
// Grouped by license and obligation unless the reviewer chose one row per obligation: a release
// has a few groups and hundreds of rows.
const LAYOUT_KEY = "clearance.obligations.layout";
let grouped = stored(LAYOUT_KEY) !== "rows";

export interface Group {
  license: string;
  key: string;
  summary: string;
  kind: string;
  rows: ObligationRow[];
}

/** Obligations of one license and key together, largest groups first. */
export function groupsOf(rows: ObligationRow[]): Group[] {
  const by = new Map<string, Group>();
  for (const o of rows) {
    const id = `${o.license}\u0000${o.key}`;
    let g = by.get(id);
    if (!g) {
      g = { license: o.license, key: o.key, summary: o.summary, kind: o.kind, rows: [] };
      by.set(id, g);
    }
    g.rows.push(o);
  }
  return [...by.values()].sort((a, b) => b.rows.length - a.rows.length || a.license.localeCompare(b.license) || a.key.localeCompare(b.key));
}

function groupRow(g: Group, ctx: Ctx): HTMLElement {
  const components = [...new Set(g.rows.map((o) => o.component_id))];
  const names = g.rows.slice(0, 3).map((o) => o.component);
  const controls = signOffControls(
    ctx,
    { status: "fulfilled", note: "", placeholder: "One note for all of them", label: `Sign off ${g.rows.length}`, statusLabel: "Status for the group" },
    async (status, note) => {
      const report = await api.bulk({
        selection: { ids: components, filter: everything(), all: false },
        action: { action: "sign-off", obligation: g.key, license: g.license, status, note },
        dry_run: false,
      });
      ctx.say(`Signed off ${g.key} (${g.license}) for ${plural(report.changed, "component")}`);
      ctx.go("obligations");
    },
  );
  return h(
    "tr",
    { "data-group": `${g.license} ${g.key}`, class: "ob" },
    h("td", {}, h("code", {}, g.license)),
    h("td", {}, g.summary, h("div", { class: "muted small" }, `${g.kind} · ${g.key}`)),
    h("td", { class: "num" }, String(g.rows.length)),
    h("td", { class: "muted small" }, names.join(", "), g.rows.length > names.length ? ` and ${g.rows.length - names.length} more` : ""),
    h("td", {}, controls),
  );
}

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
  const layout = h(
    "select",
    { id: "obligation-layout", "aria-label": "Layout" },
    h("option", { value: "rows", selected: !grouped }, "One row per obligation"),
    h("option", { value: "groups", selected: grouped }, "Grouped by license and obligation"),
  );
  const search = h("input", { type: "search", placeholder: "Filter by component, license or text", "aria-label": "Filter obligations" });
  const table = h("table", { class: "grid", id: "obligations-table" });
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
    if (grouped) {
      const groups = groupsOf(rows);
      count.textContent = `${plural(rows.length, "obligation")} shown of ${all.length}, in ${plural(groups.length, "group")}`;
      const head = h("tr", {}, h("th", {}, "License"), h("th", {}, "Obligation"), h("th", {}, "Count"), h("th", {}, "Components"), h("th", {}, "Sign off all"));
      replace(table, h("thead", {}, head), h("tbody", {}, groups.map((g) => groupRow(g, ctx))));
      return;
    }
    count.textContent = `${plural(rows.length, "obligation")} shown of ${all.length}`;
    const head = h("tr", {}, h("th", {}, "Component"), h("th", {}, "License"), h("th", {}, "Obligation"), h("th", {}, "Kind"), h("th", {}, "Status"), h("th", {}, "Sign-off"));
    replace(table, h("thead", {}, head), h("tbody", {}, rows.slice(0, 2000).map((o) => signOffRow(o, ctx, () => ctx.go("obligations"), true))));
  };
  select.addEventListener("change", () => {
    filter = select.value;
    draw();
  });
  layout.addEventListener("change", () => {
    grouped = layout.value === "groups";
    store(LAYOUT_KEY, layout.value);
    draw();
  });
  search.addEventListener("input", draw);
  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Obligations"), count),
    h("p", { class: "muted" }, "What the concluded licenses require for this release's distribution mode. Sign each off with how it is met, or a whole group at once."),
    h("div", { class: "toolbar" }, select, layout, search),
    table,
  );
  draw();
}
