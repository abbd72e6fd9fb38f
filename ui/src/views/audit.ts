// The audit log: every decision, who made it and when, newest first, with the state of the
// hash chain that makes tampering visible.

import type { Ctx } from "../app";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { plural, when } from "../lib/format";

const SHOWN = 1000;

/** The fields of a state as "key: value", leaving out those equal in `unchanged` (the other side). */
export function brief(json: string | null, unchanged: string | null = null): string {
  if (!json) return "—";
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    const other = unchanged ? (JSON.parse(unchanged) as Record<string, unknown>) : {};
    return Object.entries(v)
      .filter(([k, x]) => x !== null && x !== "" && JSON.stringify(other[k]) !== JSON.stringify(x))
      .map(([k, x]) => `${k}: ${typeof x === "object" ? JSON.stringify(x) : String(x)}`)
      .join(", ");
  } catch {
    return json;
  }
}

export async function auditView(root: HTMLElement, _ctx: Ctx): Promise<void> {
  const a = await api.auditLog();
  const events = [...a.events].reverse();
  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Audit log"), h("span", { class: "muted" }, plural(events.length, "event"))),
    h(
      "p",
      { class: a.intact ? "notice ok" : "notice bad", id: "audit-chain" },
      a.intact ? "The hash chain is intact: no entry was changed or removed." : `The hash chain is broken: ${a.broken ?? "an entry was changed"}.`,
    ),
    h(
      "table",
      { class: "grid", id: "audit-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "When"), h("th", {}, "Who"), h("th", {}, "What"), h("th", {}, "On"), h("th", {}, "Before"), h("th", {}, "After"))),
      h(
        "tbody",
        {},
        events.slice(0, SHOWN).map((e) =>
          h("tr", {}, h("td", { class: "nowrap" }, when(e.at)), h("td", {}, e.actor), h("td", {}, e.action), h("td", {}, h("code", {}, e.target)), h("td", { class: "small" }, brief(e.before, e.after)), h("td", { class: "small" }, brief(e.after, e.before))),
        ),
      ),
    ),
    events.length > SHOWN ? h("p", { class: "muted" }, `The newest ${SHOWN} are shown; \`clearance audit log\` lists them all.`) : null,
  );
}
