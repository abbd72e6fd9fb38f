// Components: a virtualised table. Only the rows in view exist in the DOM; rows arrive a page
// at a time from SQLite (filtered and sorted there), so 5k components or more stay smooth.
// Keys: j/k or arrows move, Enter opens, / searches, x ticks, a/r/n/p set the status; a click
// with shift ticks the rows from the last one clicked, with ctrl (⌘) ticks one. The bulk
// bar (bulk-bar.ts) decides for the ticked rows or for every row the filter shows.

import type { Ctx } from "../app";
import type { ComponentListRow, ComponentStatus } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { plural, statusLabel } from "../lib/format";
import { pagesFor, scrollToShow, visibleRows } from "../lib/virtual";
import { bulkBar } from "./bulk-bar";
import { columnHeader } from "./column-header";
import { cell, componentRow } from "./component-row";
import { everything, filterBar } from "./component-filters";
import { PAGE_SIZE, ROW_HEIGHT, rangeIds, remembered } from "./table-place";

const STATUS_KEYS: Record<string, ComponentStatus> = { a: "approved", r: "rejected", n: "needs-info", p: "pending" };

export async function componentsView(root: HTMLElement, ctx: Ctx): Promise<() => void> {
  const q = remembered.query;
  const pages = new Map<number, ComponentListRow[]>();
  const pending = new Set<number>();
  let total = 0;
  let generation = 0;
  let selected = remembered.selected;
  const ticked = new Set<number>();

  const filters = await filterBar(q.filter, () => void reload());
  const search = filters.search;
  const count = h("span", { class: "muted", id: "component-count", "aria-live": "polite" });
  const header = h("div", { class: "vrow vhead", role: "row" });
  const spacer = h("div", { class: "vspacer" });
  const body = h("div", { class: "vbody", id: "component-table", tabindex: 0, role: "grid", "aria-label": "Components" }, header, spacer);

  const columns = columnHeader(
    header,
    body,
    q,
    (key) => {
      if (q.sort === key) q.descending = !q.descending;
      else {
        q.sort = key;
        q.descending = key === "open-obligations" || key === "files";
      }
      void reload();
    },
    () => drawRows(),
  );

  const rowAt = (i: number): ComponentListRow | undefined => pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];

  const drawRows = () => {
    const w = visibleRows(body.scrollTop, body.clientHeight || 600, ROW_HEIGHT, total);
    for (const p of pagesFor(w, PAGE_SIZE)) if (!pages.has(p)) void fetchPage(p);
    const rows: HTMLElement[] = [];
    for (let i = w.first; i < w.last; i++) {
      const r = rowAt(i);
      const top = `top: ${i * ROW_HEIGHT}px`;
      if (!r) {
        rows.push(h("div", { class: "vrow loading", style: top, role: "row" }, cell("…")));
        continue;
      }
      rows.push(
        componentRow(r, i, columns.columns(), {
          selected: i === selected,
          ticked: ticked.has(r.id),
          select: (e) => clickRow(i, r.id, e),
          open: () => ctx.go(`component/${r.id}`),
          toggle: (e) => (e.shiftKey ? void tickRange(i) : toggle(r.id, i)),
        }),
      );
    }
    replace(spacer, rows);
    spacer.style.height = `${total * ROW_HEIGHT}px`;
  };

  const fetchPage = async (p: number) => {
    if (pending.has(p)) return;
    pending.add(p);
    const gen = generation;
    try {
      const page = await api.componentPage({ ...q, offset: p * PAGE_SIZE, limit: PAGE_SIZE });
      if (gen !== generation) return;
      total = page.total;
      pages.set(p, page.rows);
      count.textContent = plural(total, "component");
      drawRows();
    } catch (e) {
      ctx.fail(e);
    } finally {
      pending.delete(p);
    }
  };

  const reload = async () => {
    generation++;
    pages.clear();
    pending.clear();
    anchor = null;
    q.filter = filters.read();
    columns.draw();
    // Back to the top at once, so a scroll made while the answer comes is kept.
    body.scrollTop = 0;
    body.setAttribute("aria-busy", "true");
    const gen = generation;
    try {
      const first = await api.componentPage({ ...q, offset: 0, limit: PAGE_SIZE });
      if (gen !== generation) return;
      total = first.total;
      pages.set(0, first.rows);
      count.textContent = plural(total, "component");
      selected = Math.min(selected, Math.max(0, total - 1));
      drawRows();
      bar.refresh();
    } catch (e) {
      ctx.fail(e);
    } finally {
      if (gen === generation) body.setAttribute("aria-busy", "false");
    }
  };

  const select = (i: number) => {
    if (total === 0) return;
    selected = Math.max(0, Math.min(total - 1, i));
    // The sticky header covers the first row's height of the viewport.
    body.scrollTop = scrollToShow(selected, body.scrollTop, body.clientHeight - ROW_HEIGHT, ROW_HEIGHT);
    drawRows();
  };

  // Where a shift-click range starts: the row last clicked or ticked.
  let anchor: number | null = null;
  const toggle = (id: number, i: number) => {
    if (ticked.has(id)) ticked.delete(id);
    else ticked.add(id);
    anchor = i;
    bar.refresh();
    drawRows();
  };
  const tickRange = async (i: number) => {
    const from = anchor ?? selected;
    try {
      for (const id of await rangeIds(from, i, (k) => rowAt(k)?.id)) ticked.add(id);
    } catch (e) {
      ctx.fail(e);
    }
    anchor = i;
    bar.refresh();
    select(i);
  };
  const clickRow = (i: number, id: number, e: MouseEvent) => {
    if (e.shiftKey) void tickRange(i);
    else if (e.ctrlKey || e.metaKey) {
      toggle(id, i);
      select(i);
    } else {
      anchor = i;
      select(i);
    }
  };

  // A status key is a bulk decision for one row: approving a component without a concluded
  // license is refused and said, not done.
  const setStatus = async (value: ComponentStatus) => {
    const r = rowAt(selected);
    if (!r) return;
    try {
      const report = await api.bulk({
        selection: { ids: [r.id], filter: everything(), all: false },
        action: { action: "set-status", status: value, comment: null },
        dry_run: false,
      });
      const o = report.outcomes[0];
      ctx.say(o?.changed ? `${r.name}: ${statusLabel(value)}` : `${r.name}: ${o?.detail ?? "unchanged"}`);
      pages.clear();
      drawRows();
    } catch (e) {
      ctx.fail(e);
    }
  };

  const bar = bulkBar({
    ticked: () => [...ticked],
    filter: () => ({ filter: { ...q.filter }, total }),
    changed: (report) => {
      ctx.say(`${report.changed} of ${plural(report.selected, "component")} changed`);
      pages.clear();
      drawRows();
    },
    fail: (e) => ctx.fail(e),
  });

  body.addEventListener("scroll", () => drawRows(), { passive: true });

  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA") {
      if (e.key === "Escape") body.focus();
      if (e.key === "Enter" && target === search) body.focus();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j" || e.key === "ArrowDown") select(selected + 1);
    else if (e.key === "k" || e.key === "ArrowUp") select(selected - 1);
    else if (e.key === "PageDown") select(selected + Math.floor(body.clientHeight / ROW_HEIGHT));
    else if (e.key === "PageUp") select(selected - Math.floor(body.clientHeight / ROW_HEIGHT));
    else if (e.key === "Home") select(0);
    else if (e.key === "End") select(total - 1);
    else if (e.key === "Enter") {
      const r = rowAt(selected);
      if (r) ctx.go(`component/${r.id}`);
    } else if (e.key === "/") search.focus();
    else if (e.key === "x") {
      const r = rowAt(selected);
      if (r) toggle(r.id, selected);
    }
    else if (STATUS_KEYS[e.key]) void setStatus(STATUS_KEYS[e.key]);
    else return;
    e.preventDefault();
  };
  document.addEventListener("keydown", onKey);

  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Components"), count, columns.menu),
    filters.root,
    bar.root,
    h("p", { class: "muted keys" }, "j/k or ↑/↓ move · Enter opens · / searches · x ticks (shift-click a range, ctrl-click one) · a approve · r reject · n needs info · p pending"),
    body,
  );
  columns.draw();
  await reload();
  if (remembered.scrollTop) {
    body.scrollTop = remembered.scrollTop;
    drawRows();
  }
  body.focus();
  return () => {
    document.removeEventListener("keydown", onKey);
    columns.close();
    // A table the reviewer left before it finished drawing was never on screen: nothing to keep.
    if (!body.isConnected) return;
    remembered.selected = selected;
    remembered.scrollTop = body.scrollTop;
  };
}
