// Known vulnerabilities of the release's components, as the last match against the machine's
// advisory database found them (`clearance advisories match`): the database's snapshot and age,
// then one row per component and vulnerability — affected first, then possibly affected, then
// what cannot be decided offline, the highest CVSS score first — searched by id, alias,
// component or words of the summary.

import type { Ctx } from "../app";
import type { Exposure, VulnerabilityList, VulnerabilityRow } from "../bindings";
import { h, replace } from "../dom";
import { call } from "../ipc";
import { plural, when } from "../lib/format";

export const EXPOSURE_LABELS: Record<Exposure, string> = {
  affected: "Affected",
  possibly: "Possibly affected",
  undecidable: "Cannot be decided offline",
};
const ORDER: Record<Exposure, number> = { affected: 0, possibly: 1, undecidable: 2 };

/** What the list says about its data: when it was matched, against what, or how to match. */
export function snapshotLine(v: VulnerabilityList): string {
  const s = v.snapshot;
  if (!s) return "Not matched yet: import the OSV dumps and run `clearance advisories match --db <this review>`.";
  return `Matched ${when(s.matched_at)} against ${plural(Number(s.records), "advisory", "advisories")}${s.newest ? `, the newest of ${s.newest.slice(0, 10)}` : ""}.`;
}

/** The rows a filter shows, in order: exposure, then component, then id. */
export function shown(rows: VulnerabilityRow[], exposure: Exposure | "", search: string): VulnerabilityRow[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return rows
    .filter((r) => !exposure || r.exposure === exposure)
    .filter((r) => {
      const hay = `${r.component} ${r.advisory_id} ${r.aliases.join(" ")} ${r.summary ?? ""}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .sort(
      (a, b) =>
        ORDER[a.exposure] - ORDER[b.exposure] ||
        (b.score ?? -1) - (a.score ?? -1) ||
        a.component.localeCompare(b.component) ||
        a.advisory_id.localeCompare(b.advisory_id),
    );
}

export async function vulnerabilitiesView(root: HTMLElement, _ctx: Ctx): Promise<void> {
  const list = await call("vulnerabilities", {});
  const counts = (e: Exposure) => list.rows.filter((r) => r.exposure === e).length;
  const filter = h(
    "select",
    { id: "exposure-filter", "aria-label": "Show" },
    h("option", { value: "" }, `All (${list.rows.length})`),
    (Object.keys(EXPOSURE_LABELS) as Exposure[]).map((e) => h("option", { value: e }, `${EXPOSURE_LABELS[e]} (${counts(e)})`)),
  );
  const search = h("input", { type: "search", id: "vulnerability-search", placeholder: "Search id, alias, component or summary", "aria-label": "Search vulnerabilities" });
  const count = h("span", { class: "muted", id: "vulnerability-count", "aria-live": "polite" });
  const body = h("tbody", {});
  const draw = () => {
    const rows = shown(list.rows, filter.value as Exposure | "", search.value);
    count.textContent = plural(rows.length, "vulnerability", "vulnerabilities");
    replace(
      body,
      rows.map((r) =>
        h(
          "tr",
          { "data-vulnerability": r.advisory_id },
          h("td", {}, h("span", { class: `status exposure-${r.exposure}` }, EXPOSURE_LABELS[r.exposure])),
          h(
            "td",
            { class: "num", title: r.vector ?? "No CVSS vector in the advisory" },
            r.score !== null ? h("span", { class: `status severity-${r.severity}` }, `${r.severity} ${r.score.toFixed(1)}`) : "—",
          ),
          h("td", {}, h("a", { href: `#/component/${r.component_id}` }, r.component)),
          h("td", {}, h("code", {}, r.advisory_id), r.aliases.length ? h("div", { class: "muted small" }, r.aliases.join(", ")) : null),
          h("td", {}, r.summary ?? "", r.why ? h("div", { class: "muted small" }, r.why) : null),
        ),
      ),
    );
  };
  filter.addEventListener("change", draw);
  search.addEventListener("input", draw);
  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Vulnerabilities"), count),
    h("p", { class: list.snapshot ? "muted" : "notice", id: "vulnerability-snapshot" }, snapshotLine(list)),
    h("div", { class: "toolbar" }, filter, search),
    h(
      "table",
      { class: "grid", id: "vulnerabilities-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "Exposure"), h("th", { class: "num" }, "CVSS"), h("th", {}, "Component"), h("th", {}, "Advisory"), h("th", {}, "Summary"))),
      body,
    ),
  );
  draw();
}
