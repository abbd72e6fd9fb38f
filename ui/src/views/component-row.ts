// One row of the components table, and its columns: a pure builder over a typed row, so the
// table (components.ts) only windows, fetches and keeps the selection.

import type { ComponentListRow, SortKey } from "../bindings";
import { h } from "../dom";
import { statusLabel } from "../lib/format";
import { ROW_HEIGHT } from "./table-place";

export const COLUMNS: { key: SortKey; title: string; cls?: string }[] = [
  { key: "name", title: "Component" },
  { key: "version", title: "Version" },
  { key: "ecosystem", title: "Ecosystem" },
  { key: "declared", title: "Declared" },
  { key: "detected", title: "Detected" },
  { key: "concluded", title: "Concluded" },
  { key: "status", title: "Status" },
  { key: "open-obligations", title: "Open", cls: "num" },
  { key: "files", title: "Files", cls: "num" },
];

export const cell = (text: string, cls = ""): HTMLElement => h("span", { class: `vcell ${cls}`, role: "gridcell", title: text }, text);

export interface RowState {
  selected: boolean;
  ticked: boolean;
  select: () => void;
  open: () => void;
  toggle: () => void;
}

/** Row `i` of the table, placed at its offset. */
export function componentRow(r: ComponentListRow, i: number, on: RowState): HTMLElement {
  return h(
    "div",
    {
      class: `vrow ${on.selected ? "selected" : ""} ${r.excluded ? "excluded" : ""}`,
      style: `top: ${i * ROW_HEIGHT}px`,
      role: "row",
      "data-id": r.id,
      "data-index": i,
      "aria-selected": on.selected,
      onclick: on.select,
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
          on.toggle();
        },
      }),
    ),
    h(
      "span",
      { class: "vcell name", role: "gridcell", title: r.name },
      h("a", { href: `#/component/${r.id}` }, r.name),
      r.is_root ? h("span", { class: "tag" }, "release") : null,
      r.carried ? h("span", { class: "tag", title: "Decision carried over from an earlier release" }, "carried") : null,
      r.source === "lockfile" ? h("span", { class: "tag", title: "Listed by a lockfile; none of its files are in the scanned folders" }, "lockfile") : null,
      r.excluded
        ? h("span", { class: "tag", title: "Not shipped: no obligations, not in attribution, blocks nothing (the component page says why)" }, "not shipped")
        : null,
    ),
    cell(r.version ?? ""),
    cell(r.ecosystem ?? ""),
    cell(r.declared ?? ""),
    cell(r.detected.join(", ")),
    cell(r.concluded ?? "", r.concluded ? "concluded" : ""),
    h("span", { class: "vcell", role: "gridcell" }, h("span", { class: `status status-${r.status}` }, statusLabel(r.status))),
    cell(r.open_obligations ? String(r.open_obligations) : "", "num"),
    cell(String(r.files), "num"),
  );
}
