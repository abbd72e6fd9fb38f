// The components table's bulk bar: one decision for the ticked rows, or for every component the
// table's filter shows. "Preview" asks for a dry run (nothing written) and lists what would
// change and what would be skipped and why; "Apply" makes the change, one audit entry each.

import type { BulkAction, BulkReport, ComponentFilter, ComponentSelection, ComponentStatus, ObligationStatus } from "../bindings";
import { h, replace } from "../dom";
import { api, call } from "../ipc";
import { COMPONENT_STATUSES, OBLIGATION_STATUSES, plural, statusLabel } from "../lib/format";
import { everything } from "./component-filters";

export interface BulkBarProps {
  /** Ids of the ticked rows. */
  ticked: () => number[];
  /** The table's filter as it stands, and how many rows it shows. */
  filter: () => { filter: ComponentFilter; total: number };
  /** After a change: redraw the table (keeping its filter and place). */
  changed: (report: BulkReport) => void;
  fail: (e: unknown) => void;
}

type Kind = "conclude-clear" | "conclude" | "set-status" | "sign-off" | "not-shipped" | "assign" | "second-review" | "clear-second-review";

/** The action the bar's fields describe, or a reason it cannot be built yet. */
export function actionOf(kind: Kind, status: string, obligation: string, note: string): BulkAction | string {
  switch (kind) {
    case "conclude":
    case "conclude-clear":
      return {
        action: "conclude",
        expression: null,
        status: status ? (status as ComponentStatus) : null,
        comment: null,
        only_clear: kind === "conclude-clear",
      };
    case "set-status":
      if (!status) return "Choose a status.";
      return { action: "set-status", status: status as ComponentStatus, comment: null };
    case "sign-off":
      if (!obligation.trim()) return "Name the obligation to sign off (e.g. include-license-text).";
      return {
        action: "sign-off",
        obligation: obligation.trim(),
        license: null,
        status: (status || "fulfilled") as ObligationStatus,
        note: note.trim() || null,
      };
    case "not-shipped":
      if (!note.trim()) return "Say why they are not shipped (test data, build tooling, another platform…).";
      return { action: "not-shipped", reason: note.trim() };
    case "assign":
      if (!note.trim()) return "Name the reviewer: Name <e-mail>, or none to unassign.";
      return { action: "assign", assignee: note.trim().toLowerCase() === "none" ? null : note.trim() };
    case "second-review":
      if (!note.trim()) return "Say what the second reviewer should look at.";
      return { action: "second-review", raise: true, note: note.trim() };
    case "clear-second-review":
      return { action: "second-review", raise: false, note: note.trim() || null };
  }
}

/** The bar's element, and `refresh` to recount its scope after ticks or a new filter. */
export function bulkBar(p: BulkBarProps): { root: HTMLElement; refresh: () => void } {
  const scope = h(
    "select",
    { id: "bulk-scope", "aria-label": "Apply to" },
    h("option", { value: "ticked" }, "Ticked rows"),
    h("option", { value: "filter" }, "Every row the filter shows"),
  );
  const kind = h(
    "select",
    { id: "bulk-action", "aria-label": "Bulk action" },
    h(
      "option",
      { value: "conclude-clear", title: "Only where the declared license is what the files say, and the policy allows it; the others are listed with the reason" },
      "Conclude the clear suggestions",
    ),
    h("option", { value: "conclude" }, "Conclude each one's suggestion"),
    h("option", { value: "set-status" }, "Set status"),
    h("option", { value: "sign-off" }, "Sign off an obligation"),
    h("option", { value: "not-shipped", title: "Not distributed with the release: no obligations, not in attribution, blocks nothing" }, "Mark not shipped"),
    h("option", { value: "assign" }, "Assign to a reviewer"),
    h("option", { value: "second-review", title: "Approval waits until another reviewer clears it" }, "Flag for a second review"),
    h("option", { value: "clear-second-review", title: "Only a reviewer other than the one who raised it" }, "Clear the second-review flag"),
  );
  const status = h("select", { id: "bulk-status", "aria-label": "Status" });
  const obligation = h("input", { id: "bulk-obligation", placeholder: "obligation key", "aria-label": "Obligation", hidden: true });
  const note = h("input", { id: "bulk-note", placeholder: "note", "aria-label": "Note", hidden: true });
  const result = h("div", { id: "bulk-result", class: "bulk-result", "aria-live": "polite" });
  const scopeLabel = h("span", { id: "bulk-count", class: "muted" });

  // A status chosen for one action stays chosen for another that offers it (conclude → set
  // status): the reviewer does not pick it twice.
  const fillStatuses = () => {
    const k = kind.value as Kind;
    const was = status.value;
    const options: string[] = k === "sign-off" ? OBLIGATION_STATUSES : COMPONENT_STATUSES;
    const keep = options.includes(was) ? was : k === "sign-off" ? "fulfilled" : "";
    replace(
      status,
      k === "conclude" || k === "conclude-clear" ? h("option", { value: "" }, "Status unchanged") : null,
      options.map((s) => h("option", { value: s, selected: s === keep }, statusLabel(s))),
    );
    obligation.hidden = k !== "sign-off";
    const noted: Kind[] = ["sign-off", "not-shipped", "assign", "second-review", "clear-second-review"];
    note.hidden = !noted.includes(k);
    note.placeholder =
      k === "not-shipped"
        ? "why they are not shipped (required)"
        : k === "assign"
          ? "Name <e-mail>, or none"
          : k === "second-review"
            ? "what to look at (required)"
            : "note";
    status.hidden = !(k === "conclude" || k === "conclude-clear" || k === "set-status" || k === "sign-off");
  };
  kind.addEventListener("change", fillStatuses);
  fillStatuses();

  const selection = (): ComponentSelection | string => {
    if (scope.value === "ticked") {
      const ids = p.ticked();
      if (ids.length === 0) return "Tick rows first (x or the row's box), or apply to every row the filter shows.";
      return { ids, filter: everything(), all: false };
    }
    return { ids: [], filter: p.filter().filter, all: true };
  };

  const run = async (dryRun: boolean) => {
    const sel = selection();
    const action = actionOf(kind.value as Kind, status.value, obligation.value, note.value);
    if (typeof sel === "string" || typeof action === "string") {
      replace(result, h("p", { class: "error" }, typeof sel === "string" ? sel : (action as string)));
      return;
    }
    try {
      const report = await api.bulk({ selection: sel, action, dry_run: dryRun });
      show(report);
      if (!dryRun) p.changed(report);
    } catch (e) {
      p.fail(e);
    }
  };

  // The last applied bulk action can be undone: each decision put back unless changed since.
  const undo = async () => {
    try {
      const report = await call("undo_bulk", {});
      show(report, "Undone");
      p.changed(report);
    } catch (e) {
      p.fail(e);
    }
  };

  const show = (report: BulkReport, verb?: string) =>
    replace(
      result,
      h(
        "p",
        {},
        `${verb ?? (report.dry_run ? "Would change" : "Changed")} ${report.changed} of ${plural(report.selected, "component")}`,
        report.skipped ? `; ${report.skipped} skipped` : "",
        ".",
        report.undoable ? h("button", { type: "button", class: "small secondary", id: "bulk-undo", onclick: () => void undo() }, "Undo") : null,
      ),
      h(
        "ul",
        { class: "bulk-outcomes" },
        report.outcomes.map((o) => h("li", { class: o.changed ? "" : "skipped" }, `${o.component}: ${o.changed ? "" : "skipped, "}${o.detail}`)),
      ),
    );

  // The scope follows the ticks until the reviewer picks one: ticked rows when there are any,
  // else every row the filter shows (what the label then says, with its count).
  let chosen = false;
  let lastTicked = -1;
  const refresh = () => {
    const n = p.ticked().length;
    if (n !== lastTicked) chosen = false;
    lastTicked = n;
    if (!chosen) scope.value = n ? "ticked" : "filter";
    const f = p.filter();
    scopeLabel.textContent = scope.value === "ticked" ? `${plural(n, "row")} ticked` : `${plural(f.total, "component")} in the filter`;
  };
  scope.addEventListener("change", () => {
    chosen = true;
    refresh();
  });

  const bar = h(
    "div",
    { class: "bulk-bar toolbar", id: "bulk-bar", role: "group", "aria-label": "Bulk decision" },
    scope,
    scopeLabel,
    kind,
    status,
    obligation,
    note,
    h("button", { type: "button", id: "bulk-preview", onclick: () => void run(true) }, "Preview"),
    h("button", { type: "button", id: "bulk-apply", class: "primary", onclick: () => void run(false) }, "Apply"),
  );
  refresh();
  return { root: h("div", { class: "bulk" }, bar, result), refresh };
}
