// The audit log: every decision, who made it and when, newest first, with the state of the
// hash chain that makes tampering visible.

import type { Ctx } from "../app";
import type { AuditEvent } from "../bindings";
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

/** Events whose actor, action, target or states contain every word of `search` (any case). */
export function matching(events: AuditEvent[], search: string): AuditEvent[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return events;
  return events.filter((e) => {
    const hay = `${e.at} ${e.actor} ${e.action} ${e.target} ${e.before ?? ""} ${e.after ?? ""}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export async function auditView(root: HTMLElement, _ctx: Ctx): Promise<void> {
  const a = await api.auditLog();
  const events = [...a.events].reverse();
  const search = h("input", { type: "search", id: "audit-search", placeholder: "Search who, what, on what, or a value", "aria-label": "Search the audit log" });
  const count = h("span", { class: "muted", id: "audit-count" }, plural(events.length, "event"));
  const body = h("tbody", {});
  const more = h("p", { class: "muted" });
  const draw = () => {
    const shown = matching(events, search.value);
    count.textContent = shown.length === events.length ? plural(events.length, "event") : `${shown.length} of ${plural(events.length, "event")}`;
    replace(
      body,
      shown.slice(0, SHOWN).map((e) =>
        h("tr", {}, h("td", { class: "nowrap" }, when(e.at)), h("td", {}, e.actor), h("td", {}, e.action), h("td", {}, h("code", {}, e.target)), h("td", { class: "small" }, brief(e.before, e.after)), h("td", { class: "small" }, brief(e.after, e.before))),
      ),
    );
    more.textContent = shown.length > SHOWN ? `The newest ${SHOWN} are shown; \`clearance audit log\` lists them all.` : "";
  };
  search.addEventListener("input", draw);
  draw();
  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Audit log"), count),
    h(
      "p",
      { class: a.intact ? "notice ok" : "notice bad", id: "audit-chain" },
      a.intact ? "The hash chain is intact: no entry was changed or removed." : `The hash chain is broken: ${a.broken ?? "an entry was changed"}.`,
    ),
    h("div", { class: "toolbar" }, search),
    h(
      "table",
      { class: "grid", id: "audit-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "When"), h("th", {}, "Who"), h("th", {}, "What"), h("th", {}, "On"), h("th", {}, "Before"), h("th", {}, "After"))),
      body,
    ),
    more,
  );
}
