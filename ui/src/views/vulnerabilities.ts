// Known vulnerabilities of the release's components, as the last match against the machine's
// advisory database found them: the database's snapshot and age (import dumps, match again),
// severity chips of what is still open, then one row per component and vulnerability — filtered
// by exposure, triage and severity, searched by id, alias, component or summary, the most severe
// first — each with its triage (VEX: state, justification, responses, note) and an editor.

import type { Ctx } from "../app";
import type { Exposure, VexState, VulnerabilityList, VulnerabilityRow, VulnerabilitySeverity } from "../bindings";
import { h, replace } from "../dom";
import { call } from "../ipc";
import { plural, when } from "../lib/format";
import { EXPOSURE_LABELS, STATE_LABELS, settles, vulnerabilityHead, vulnerabilityRows } from "./vulnerability-rows";

export { EXPOSURE_LABELS, settles } from "./vulnerability-rows";

const ORDER: Record<Exposure, number> = { affected: 0, possibly: 1, undecidable: 2 };

/** Severity bands, the most severe first; "unknown" for advisories without a CVSS score. */
export type SeverityBand = VulnerabilitySeverity | "unknown";
export const SEVERITIES: SeverityBand[] = ["critical", "high", "medium", "low", "none", "unknown"];

/** Triage filters: what still needs a decision, what was never triaged, or one state. */
export type TriageFilter = "" | "open" | "untriaged" | VexState;

export function bandOf(r: VulnerabilityRow): SeverityBand {
  return r.severity ?? "unknown";
}

/** Whole days from `rfc3339` to `now`. */
export function daysOld(rfc3339: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(rfc3339).getTime()) / 86_400_000));
}

/** What the list says about its data: when it was matched, against what, how old, or how to match. */
export function snapshotLine(v: VulnerabilityList, now: Date = new Date()): string {
  const s = v.snapshot;
  if (!s) return "Not matched yet: import the OSV project's dumps (ECOSYSTEM/all.zip), then match the review against them.";
  const age = s.newest ? ` Advisories from ${s.newest.slice(0, 10)}, ${plural(daysOld(s.newest, now), "day")} old.` : "";
  return `Matched ${when(s.matched_at)} against ${plural(Number(s.records), "advisory", "advisories")}.${age}`;
}

export interface Filters {
  /** Only components the release ships (what approval and the gate count). */
  shippedOnly?: boolean;
  exposure: Exposure | "";
  triage: TriageFilter;
  severity: SeverityBand | "";
  search: string;
}

/** The rows the filters show, in order: exposure, then the highest score, then component and id. */
export function shown(rows: VulnerabilityRow[], f: Filters): VulnerabilityRow[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  return rows
    .filter((r) => !f.shippedOnly || r.shipped)
    .filter((r) => !f.exposure || r.exposure === f.exposure)
    .filter((r) => !f.severity || bandOf(r) === f.severity)
    .filter((r) => {
      if (f.triage === "") return true;
      if (f.triage === "open") return !settles(r.triage);
      if (f.triage === "untriaged") return r.triage === null;
      return r.triage?.state === f.triage;
    })
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

/** Open vulnerabilities of shipped components by severity band, for the chips. */
export function openBySeverity(rows: VulnerabilityRow[]): Map<SeverityBand, number> {
  const m = new Map<SeverityBand, number>();
  for (const r of rows) if (r.shipped && !settles(r.triage)) m.set(bandOf(r), (m.get(bandOf(r)) ?? 0) + 1);
  return m;
}

export async function vulnerabilitiesView(root: HTMLElement, ctx: Ctx): Promise<void> {
  let list = await call("vulnerabilities", {});
  const exposure = h(
    "select",
    { id: "exposure-filter", "aria-label": "Exposure" },
    h("option", { value: "" }, "Any exposure"),
    (Object.keys(EXPOSURE_LABELS) as Exposure[]).map((e) => h("option", { value: e }, EXPOSURE_LABELS[e])),
  );
  const triage = h(
    "select",
    { id: "triage-filter", "aria-label": "Triage" },
    h("option", { value: "" }, "Any triage"),
    h("option", { value: "open" }, "Open (to decide)"),
    h("option", { value: "untriaged" }, "Not triaged"),
    (Object.keys(STATE_LABELS) as VexState[]).map((s) => h("option", { value: s }, STATE_LABELS[s])),
  );
  let severity: SeverityBand | "" = "";
  const shippedOnly = h("input", { type: "checkbox", id: "shipped-only", checked: true });
  const notShippedCount = h("span", { id: "not-shipped-count" });
  const shippedLabel = h("label", { class: "check" }, shippedOnly, notShippedCount);
  const search = h("input", { type: "search", id: "vulnerability-search", placeholder: "Search id, alias, component or summary", "aria-label": "Search vulnerabilities" });
  const count = h("span", { class: "muted", id: "vulnerability-count", "aria-live": "polite" });
  const chips = h("div", { class: "chips", id: "severity-chips", role: "group", "aria-label": "Open vulnerabilities by severity" });
  const snapshot = h("p", { id: "vulnerability-snapshot" });
  const body = h("tbody", {});
  const draw = () => {
    snapshot.className = list.snapshot ? "muted" : "notice";
    snapshot.textContent = snapshotLine(list);
    const open = openBySeverity(list.rows);
    replace(
      chips,
      SEVERITIES.filter((s) => open.has(s)).map((s) =>
        h(
          "button",
          {
            type: "button",
            class: `chip severity-${s}${severity === s ? " on" : ""}`,
            "data-severity": s,
            "aria-pressed": String(severity === s),
            onclick: () => {
              severity = severity === s ? "" : s;
              draw();
            },
          },
          `${s} ${open.get(s)}`,
        ),
      ),
    );
    const rows = shown(list.rows, {
      shippedOnly: shippedOnly.checked,
      exposure: exposure.value as Exposure | "",
      triage: triage.value as TriageFilter,
      severity,
      search: search.value,
    });
    const stillOpen = list.rows.filter((r) => r.shipped && !settles(r.triage)).length;
    const notShipped = list.rows.filter((r) => !r.shipped).length;
    shippedLabel.hidden = notShipped === 0;
    notShippedCount.textContent = ` Shipped components only (${notShipped} in components not shipped)`;
    count.textContent = `${plural(rows.length, "vulnerability", "vulnerabilities")} shown, ${stillOpen} open`;
    replace(body, vulnerabilityRows(ctx, rows, draw));
  };
  const act = async (work: () => Promise<VulnerabilityList | null>) => {
    try {
      const next = await work();
      if (next) list = next;
      draw();
    } catch (e) {
      ctx.fail(e);
    }
  };
  const importButton = h(
    "button",
    {
      type: "button",
      class: "secondary",
      id: "import-advisories",
      onclick: () =>
        act(async () => {
          const done = await call("import_advisories", {});
          if (!done) return null;
          ctx.say(`${done.sources.join(". ")}. The database holds ${plural(Number(done.records), "advisory", "advisories")}.`);
          return await call("vulnerabilities", {});
        }),
    },
    "Import advisory dumps…",
  );
  const matchButton = h(
    "button",
    {
      type: "button",
      class: "secondary",
      id: "match-advisories",
      onclick: () =>
        act(async () => {
          const next = await call("match_advisories", {});
          ctx.say(`Matched: ${plural(next.rows.length, "known vulnerability", "known vulnerabilities")}`);
          return next;
        }),
    },
    "Match again",
  );
  for (const control of [exposure, triage, shippedOnly]) control.addEventListener("change", draw);
  search.addEventListener("input", draw);
  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Vulnerabilities"), count),
    snapshot,
    h("div", { class: "toolbar" }, importButton, matchButton),
    chips,
    h("div", { class: "toolbar" }, exposure, triage, search, shippedLabel),
    h("table", { class: "grid", id: "vulnerabilities-table" }, vulnerabilityHead(), body),
  );
  draw();
}
