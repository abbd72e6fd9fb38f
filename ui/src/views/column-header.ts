// The components table's header: sort buttons, a handle on each column's edge to drag (or
// arrow-key) its width, and a Columns menu to hide and show columns. What the reviewer sets is
// kept on this machine (lib/columns.ts says how it is read back); until they hide a column
// themselves, narrow windows hide the ones a reviewer needs least.

import type { ComponentQuery, SortKey } from "../bindings";
import { h, replace } from "../dom";
import { store, stored } from "../lib/stored";
import { ALWAYS, COLUMNS, type Column, type ColumnPrefs, layout, noPrefs, parsePrefs, resized, toggled } from "../lib/columns";

const STORAGE_KEY = "clearance.components.columns";
const STEP = 16;

const load = (): ColumnPrefs => parsePrefs(stored(STORAGE_KEY));
const save = (prefs: ColumnPrefs): void => store(STORAGE_KEY, JSON.stringify(prefs));

export interface ColumnHeader {
  /** The Columns menu, for the view's title row. */
  menu: HTMLElement;
  /** The columns shown now, in order. */
  columns: () => Column[];
  /** Draw the header row again (after a sort). */
  draw: () => void;
  /** Stop following the window's width. */
  close: () => void;
}

/** `header` is the table's header row, `table` the element whose rows take the layout;
 * `sort` is called when a column's sort button is pressed, `changed` when columns change. */
export function columnHeader(header: HTMLElement, table: HTMLElement, q: ComponentQuery, sort: (key: SortKey) => void, changed: () => void): ColumnHeader {
  let prefs = load();
  let current = layout(prefs, window.innerWidth);

  const apply = () => {
    current = layout(prefs, window.innerWidth);
    table.style.setProperty("--cols", current.template);
    table.style.setProperty("--row-min", `${current.minWidth + 14}px`);
  };

  const choose = (next: ColumnPrefs, redraw: boolean) => {
    prefs = next;
    save(prefs);
    apply();
    if (redraw) {
      draw();
      drawMenu();
      changed();
    }
  };

  const handle = (c: Column, cell: () => HTMLElement): HTMLElement => {
    // What it has now: set by the reviewer, else as laid out (else, not laid out yet, its least).
    const widthNow = () => prefs.widths[c.key] ?? (cell().getBoundingClientRect().width || c.min);
    const el = h("span", {
      class: "col-resize",
      role: "separator",
      tabindex: 0,
      "aria-orientation": "vertical",
      "aria-label": `Width of ${c.title}`,
      "aria-valuenow": prefs.widths[c.key] ?? null,
      title: `Drag or use ←/→ to change the width of ${c.title}; double-click for its usual width`,
      "data-resize": c.key,
      onkeydown: (event: Event) => {
        const e = event as KeyboardEvent;
        if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
        e.preventDefault();
        e.stopPropagation();
        const step = (e.shiftKey ? 4 : 1) * STEP * (e.key === "ArrowLeft" ? -1 : 1);
        choose(resized(prefs, c.key, widthNow() + step), false);
        el.setAttribute("aria-valuenow", String(prefs.widths[c.key]));
      },
      ondblclick: (e: Event) => {
        e.stopPropagation();
        const widths = { ...prefs.widths };
        delete widths[c.key];
        choose({ ...prefs, widths }, true);
      },
      onpointerdown: (event: Event) => {
        const e = event as PointerEvent;
        e.preventDefault();
        e.stopPropagation();
        const startX = e.clientX;
        const startWidth = widthNow();
        el.setPointerCapture?.(e.pointerId);
        const move = (m: PointerEvent) => choose(resized(prefs, c.key, startWidth + m.clientX - startX), false);
        const up = () => {
          el.removeEventListener("pointermove", move);
          el.removeEventListener("pointerup", up);
          el.removeEventListener("pointercancel", up);
          el.setAttribute("aria-valuenow", String(prefs.widths[c.key] ?? ""));
        };
        el.addEventListener("pointermove", move);
        el.addEventListener("pointerup", up);
        el.addEventListener("pointercancel", up);
      },
    });
    return el;
  };

  const draw = () => {
    const cells = current.columns.map((c) => {
      const sorted = q.sort === c.key;
      const cellEl: HTMLElement = h(
        "span",
        { class: "vcell colhead", role: "columnheader", "aria-sort": sorted ? (q.descending ? "descending" : "ascending") : "none" },
        h(
          "button",
          { type: "button", class: `sort ${c.cls ?? ""} ${sorted ? "sorted" : ""}`, "data-sort": c.key, onclick: () => sort(c.key) },
          c.title,
          sorted ? (q.descending ? " ▾" : " ▴") : "",
        ),
      );
      cellEl.append(handle(c, () => cellEl));
      return cellEl;
    });
    replace(header, h("span", { class: "vcell tick", role: "columnheader", title: "Ticked rows take the bulk decision" }, "✓"), cells);
  };

  const list = h("div", { class: "columns-list" });
  const drawMenu = () =>
    replace(
      list,
      COLUMNS.map((c) =>
        h(
          "label",
          {},
          h("input", {
            type: "checkbox",
            "data-column": c.key,
            checked: current.columns.includes(c),
            disabled: c.key === ALWAYS,
            onchange: () => choose(toggled(prefs, c.key, window.innerWidth), true),
          }),
          ` ${c.title}`,
        ),
      ),
      h("button", { type: "button", id: "columns-reset", onclick: () => choose(noPrefs(), true) }, "Usual columns and widths"),
    );
  const menu = h("details", { class: "columns-menu", id: "columns-menu" }, h("summary", {}, "Columns"), list);

  // Until the reviewer hides a column, the window's width decides which show.
  const onResize = () => {
    if (prefs.hidden !== null) return;
    const before = current.columns.length;
    apply();
    if (current.columns.length !== before) {
      draw();
      drawMenu();
      changed();
    }
  };
  window.addEventListener("resize", onResize);

  apply();
  drawMenu();
  return { menu, columns: () => current.columns, draw, close: () => window.removeEventListener("resize", onResize) };
}
