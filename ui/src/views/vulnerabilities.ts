// Known vulnerabilities of the release's components, as the last match against the machine's
// advisory database found them: the database's snapshot and age (import dumps, match again),
// severity chips of what is still open, then one row per component and vulnerability — filtered
// by exposure, triage and severity, searched by id, alias, component or summary, the most severe
// first — each with its triage (VEX: state, justification, responses, note) and an editor.

import type { Ctx } from "../app";
import type { Exposure, Triage, VexJustification, VexResponse, VexState, VulnerabilityList, VulnerabilityRow } from "../bindings";
import { h, replace } from "../dom";
import { call } from "../ipc";
import { plural, when } from "../lib/format";

export const EXPOSURE_LABELS: Record<Exposure, string> = {
  affected: "Affected",
  possibly: "Possibly affected",
  undecidable: "Cannot be decided offline",
};
const ORDER: Record<Exposure, number> = { affected: 0, possibly: 1, undecidable: 2 };

export const STATE_LABELS: Record<VexState, string> = {
  exploitable: "Exploitable",
  "in-triage": "In triage",
  "not-affected": "Not affected",
  resolved: "Resolved",
  "false-positive": "False positive",
};
export const JUSTIFICATION_LABELS: Record<VexJustification, string> = {
  "code-not-present": "The vulnerable code is not present",
  "code-not-reachable": "The vulnerable code is not reachable",
  "requires-configuration": "Needs a configuration the release does not use",
  "requires-dependency": "Needs a dependency the release does not have",
  "requires-environment": "Needs an environment the release does not run in",
  "protected-by-compiler": "Protected by the compiler",
  "protected-at-runtime": "Protected at run time",
  "protected-at-perimeter": "Protected at the perimeter",
  "protected-by-mitigating-control": "Protected by a mitigating control",
};
export const RESPONSE_LABELS: Record<VexResponse, string> = {
  update: "Update",
  rollback: "Roll back",
  "workaround-available": "Workaround available",
  "will-not-fix": "Will not fix",
  "can-not-fix": "Cannot fix",
};
/** Severity bands, the most severe first; "unknown" for advisories without a CVSS score. */
export const SEVERITIES = ["critical", "high", "medium", "low", "none", "unknown"] as const;
export type SeverityBand = (typeof SEVERITIES)[number];

/** Triage filters: what still needs a decision, what was never triaged, or one state. */
export type TriageFilter = "" | "open" | "untriaged" | VexState;

/** Settled: the release is not affected, it is fixed, or the advisory does not apply. */
export function settles(t: Triage | null): boolean {
  return t !== null && (t.state === "not-affected" || t.state === "resolved" || t.state === "false-positive");
}

export function bandOf(r: VulnerabilityRow): SeverityBand {
  const s = r.severity as SeverityBand | null;
  return s && (SEVERITIES as readonly string[]).includes(s) ? s : "unknown";
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

/** A triage in words: "Not affected — The vulnerable code is not reachable; Update". */
export function triageWords(t: Triage): string {
  const extra = [t.justification ? JUSTIFICATION_LABELS[t.justification] : null, ...t.responses.map((r) => RESPONSE_LABELS[r])].filter(Boolean);
  return `${STATE_LABELS[t.state]}${extra.length ? ` — ${extra.join("; ")}` : ""}`;
}

/**
 * The triage editor of one vulnerability of one component: state, a justification (only for
 * "not affected", and required there), responses, a note (always required), saved as one
 * audited decision. `saved` gets the triage as recorded.
 */
export function triageEditor(ctx: Ctx, r: VulnerabilityRow, saved: (t: Triage) => void): HTMLElement {
  const t = r.triage;
  const state = h(
    "select",
    { class: "triage-state", "aria-label": "Triage state" },
    (Object.keys(STATE_LABELS) as VexState[]).map((s) => h("option", { value: s, selected: s === (t?.state ?? "in-triage") }, STATE_LABELS[s])),
  );
  const justification = h(
    "select",
    { class: "triage-justification", "aria-label": "Why not affected" },
    h("option", { value: "" }, "Why not affected…"),
    (Object.keys(JUSTIFICATION_LABELS) as VexJustification[]).map((j) => h("option", { value: j, selected: j === t?.justification }, JUSTIFICATION_LABELS[j])),
  );
  const responses = (Object.keys(RESPONSE_LABELS) as VexResponse[]).map((value) =>
    h("label", { class: "check" }, h("input", { type: "checkbox", value, class: "triage-response", checked: t?.responses.includes(value) ?? false }), RESPONSE_LABELS[value]),
  );
  const note = h("input", { type: "text", class: "triage-note", placeholder: "Why (required; kept in the audit log and the VEX)", value: t?.note ?? "" });
  const sync = () => {
    justification.disabled = state.value !== "not-affected";
    if (justification.disabled) justification.value = "";
  };
  state.addEventListener("change", sync);
  sync();
  const save = h(
    "button",
    {
      type: "button",
      class: "small triage-save",
      onclick: async () => {
        try {
          const recorded = await call("triage", {
            request: {
              component_id: r.component_id,
              advisory_id: r.advisory_id,
              state: state.value as VexState,
              justification: (justification.value || null) as VexJustification | null,
              responses: responses.map((l) => l.querySelector("input")).filter((i): i is HTMLInputElement => !!i?.checked).map((i) => i.value as VexResponse),
              note: note.value,
            },
          });
          ctx.say(`Triaged ${r.advisory_id} in ${r.component}: ${STATE_LABELS[recorded.state]}`);
          saved(recorded);
        } catch (e) {
          ctx.fail(e);
        }
      },
    },
    "Save triage",
  );
  return h("div", { class: "triage-editor" }, h("div", { class: "sign" }, state, justification, note, save), h("div", { class: "responses" }, responses));
}

/** The triage cell: the state (or "Open"), who decided, and a button that opens the editor. */
function triageCell(ctx: Ctx, r: VulnerabilityRow, redraw: () => void): HTMLElement {
  const cell = h("td", { class: "triage" });
  const show = () => {
    const t = r.triage;
    replace(
      cell,
      t
        ? h("span", { class: `status ${settles(t) ? "status-fulfilled" : "status-open"}`, title: `${t.note} — ${t.reviewer}, ${when(t.decided_at)}${t.carried_from ? `, carried over from ${t.carried_from}` : ""}` }, triageWords(t))
        : h("span", { class: "status status-open" }, "Open"),
      h(
        "button",
        {
          type: "button",
          class: "small secondary triage-open",
          onclick: () =>
            replace(
              cell,
              triageEditor(ctx, r, (recorded) => {
                r.triage = recorded;
                redraw();
              }),
            ),
        },
        t ? "Change…" : "Triage…",
      ),
    );
  };
  show();
  return cell;
}

/** The table of vulnerabilities, each with its triage (the view's, and a component page's). */
export function vulnerabilityRows(ctx: Ctx, rows: VulnerabilityRow[], redraw: () => void, withComponent = true): HTMLElement[] {
  return rows.map((r) =>
    h(
      "tr",
      { "data-vulnerability": r.advisory_id, "data-component": r.component_id },
      h("td", {}, h("span", { class: `status exposure-${r.exposure}` }, EXPOSURE_LABELS[r.exposure])),
      h(
        "td",
        { class: "num", title: r.vector ?? "No CVSS vector in the advisory" },
        r.score !== null ? h("span", { class: `status severity-${r.severity}` }, `${r.severity} ${r.score.toFixed(1)}`) : "—",
      ),
      withComponent ? h("td", {}, h("a", { href: `#/component/${r.component_id}` }, r.component)) : null,
      h("td", {}, h("code", {}, r.advisory_id), r.aliases.length ? h("div", { class: "muted small" }, r.aliases.join(", ")) : null),
      h("td", {}, r.summary ?? "", r.why ? h("div", { class: "muted small" }, r.why) : null),
      triageCell(ctx, r, redraw),
    ),
  );
}

export function vulnerabilityHead(withComponent = true): HTMLElement {
  return h(
    "thead",
    {},
    h("tr", {}, h("th", {}, "Exposure"), h("th", { class: "num" }, "CVSS"), withComponent ? h("th", {}, "Component") : null, h("th", {}, "Advisory"), h("th", {}, "Summary"), h("th", {}, "Triage")),
  );
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
