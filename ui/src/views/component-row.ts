// One row of the components table, and its columns: a pure builder over a typed row, so the
// table (components.ts) only windows, fetches and keeps the selection.

import type { ComponentListRow, SortKey } from "../bindings";
import type { Column } from "../lib/columns";
import { h } from "../dom";
import { CLARITY_CLEAR, clarityTitle, statusLabel } from "../lib/format";
import { ROW_HEIGHT } from "./table-place";

export const cell = (text: string, cls = ""): HTMLElement => h("span", { class: `vcell ${cls}`, role: "gridcell", title: text }, text);

export interface RowState {
  selected: boolean;
  ticked: boolean;
  /** A click on the row (shift: tick the range to it; ctrl/⌘: tick or untick it). */
  select: (e: MouseEvent) => void;
  open: () => void;
  /** A click on its tick box (shift: tick the range to it). */
  toggle: (e: MouseEvent) => void;
}

/** Row `i` of the table, placed at its offset. */
export function componentRow(r: ComponentListRow, i: number, cols: readonly Column[], on: RowState): HTMLElement {
  return h(
    "div",
    {
      class: `vrow ${on.selected ? "selected" : ""} ${r.excluded ? "excluded" : ""}`,
      style: `top: ${i * ROW_HEIGHT}px`,
      role: "row",
      "data-id": r.id,
      "data-index": i,
      "aria-selected": on.selected,
      onclick: (e: Event) => on.select(e as MouseEvent),
      // Shift-click ticks a range: it should not also select the page's text.
      onmousedown: (e: Event) => {
        if ((e as MouseEvent).shiftKey) e.preventDefault();
      },
      ondblclick: on.open,
    },
    h(
      "span",
      { class: "vcell tick", role: "gridcell" },
      h("input", {
        type: "checkbox",
        class: "tick",
        "aria-label": `Tick ${r.name}`,
        checked: on.ticked,
        onclick: (e: Event) => {
          e.stopPropagation();
          on.toggle(e as MouseEvent);
        },
      }),
    ),
    cols.map((c) => columnCell(r, c.key)),
  );
}

/** One column's cell of a row. */
function columnCell(r: ComponentListRow, key: SortKey): HTMLElement {
  switch (key) {
    case "name":
      return h(
        "span",
        { class: "vcell name", role: "gridcell", title: r.name },
        h("a", { href: `#/component/${r.id}` }, r.name),
        r.is_root ? h("span", { class: "tag" }, "release") : null,
        r.carried ? h("span", { class: "tag", title: "Decision carried over from an earlier release" }, "carried") : null,
        r.source === "lockfile" ? h("span", { class: "tag", title: "Listed by a lockfile; none of its files are in the scanned folders" }, "lockfile") : null,
        r.excluded
          ? h("span", { class: "tag", title: "Not shipped: no obligations, not in attribution, blocks nothing (the component page says why)" }, "not shipped")
          : null,
        r.assignee ? h("span", { class: "tag assignee", title: `Assigned to ${r.assignee}` }, r.assignee.replace(/\s*<.*>\s*$/, "")) : null,
        r.second_review ? h("span", { class: "tag flag", title: "Needs a second review: approval waits until another reviewer clears it" }, "second review") : null,
      );
    case "version":
      return cell(r.version ?? "");
    case "ecosystem":
      return cell(r.ecosystem ?? "");
    case "declared":
      return cell(r.declared ?? "");
    case "detected":
      return cell(r.detected.join(", "));
    case "concluded":
      return cell(r.concluded ?? "", r.concluded ? "concluded" : "");
    case "status":
      return h("span", { class: "vcell", role: "gridcell" }, h("span", { class: `status status-${r.status}` }, statusLabel(r.status)));
    case "open-obligations":
      return cell(r.open_obligations ? String(r.open_obligations) : "", "num");
    case "clarity":
      return h(
        "span",
        { class: `vcell num ${r.clarity < CLARITY_CLEAR ? "unclear" : ""}`, role: "gridcell", title: clarityTitle(r.clarity, r.clarity_gaps) },
        String(r.clarity),
      );
    case "files":
      return cell(String(r.files), "num");
  }
}
