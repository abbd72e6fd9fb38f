// Components: a virtualised table. Only the rows in view exist in the DOM; rows arrive a page
// at a time from SQLite (filtered and sorted there), so 5k components or more stay smooth.
// Keys: j/k or arrows move, Enter opens, / searches, x ticks, a/r/n/p set the status. The bulk
// bar (bulk-bar.ts) decides for the ticked rows or for every row the filter shows.

import type { Ctx } from "../app";
import type { Category, Clarity, ComponentFilter, ComponentListRow, ComponentQuery, ComponentStatus, SortKey, StatusFilter } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { STATUS_LABELS, categoryLabel, plural, statusLabel } from "../lib/format";
import { pagesFor, scrollToShow, visibleRows } from "../lib/virtual";
import { bulkBar } from "./bulk-bar";

export const ROW_HEIGHT = 32;
export const PAGE_SIZE = 200;

const COLUMNS: { key: SortKey; title: string; cls?: string }[] = [
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

const FILTER_LABELS: Record<string, string> = {
  ...STATUS_LABELS,
  unconcluded: "No conclusion",
  "open-obligations": "Open obligations",
  carried: "Carried over",
  shipped: "Shipped",
  excluded: "Not shipped",
};

const CLARITY_LABELS: Record<Clarity, string> = {
  disagree: "Declared and detected disagree",
  copyleft: "Copyleft",
  "no-license-text": "No license text found",
  "no-license": "No license at all",
};

/** A filter that selects every component. */
export const everything = (): ComponentFilter => ({ search: "", status: null, ecosystem: "", license: "", category: null, clarity: null });

const STATUS_KEYS: Record<string, ComponentStatus> = { a: "approved", r: "rejected", n: "needs-info", p: "pending" };

// The table keeps its filters, sort and position while the reviewer visits a component.
const fresh = () => ({
  query: { filter: everything(), sort: "name", descending: false, offset: 0, limit: PAGE_SIZE } as ComponentQuery,
  selected: 0,
  scrollTop: 0,
});
const remembered: { query: ComponentQuery; selected: number; scrollTop: number } = fresh();

/** Another review is open: the last one's search, filters, sort and place do not apply to it. */
export function forgetPlace(): void {
  Object.assign(remembered, fresh());
}

/** The table's query now (for tests). */
export function rememberedQuery(): ComponentQuery {
  return { ...remembered.query };
}

/** Open the table with a search already typed (from the overview's license list). */
export function setSearch(text: string): void {
  remembered.query = { ...remembered.query, filter: { ...everything(), search: text } };
  remembered.selected = 0;
  remembered.scrollTop = 0;
}

/** The component `step` rows from the one last opened from the table, in the table's order and
 * filters: its id, or null past either end. The table's selection follows, so going back shows
 * where the reviewer is. */
export async function neighbour(step: number): Promise<number | null> {
  const offset = remembered.selected + step;
  if (offset < 0) return null;
  const page = await api.componentPage({ ...remembered.query, offset, limit: 1 });
  const row = page.rows[0];
  if (!row) return null;
  remembered.selected = offset;
  remembered.scrollTop = Math.max(0, offset * ROW_HEIGHT - 200);
  return row.id;
}

export async function componentsView(root: HTMLElement, ctx: Ctx): Promise<() => void> {
  const q = remembered.query;
  const pages = new Map<number, ComponentListRow[]>();
  const pending = new Set<number>();
  let total = 0;
  let generation = 0;
  let selected = remembered.selected;
  const ticked = new Set<number>();

  const search = h("input", {
    type: "search",
    id: "component-search",
    placeholder: "Search name, purl or license  ( / )",
    value: q.filter.search,
    "aria-label": "Search components",
  });
  const status = h("select", { id: "status-filter", "aria-label": "Status filter" });
  const ecosystem = h("select", { id: "ecosystem-filter", "aria-label": "Ecosystem filter" });
  const license = h("select", { id: "license-filter", "aria-label": "License filter" });
  const category = h("select", { id: "category-filter", "aria-label": "License category filter" });
  const clarity = h("select", { id: "clarity-filter", "aria-label": "What needs a look" });
  const count = h("span", { class: "muted", id: "component-count", "aria-live": "polite" });
  const header = h("div", { class: "vrow vhead", role: "row" });
  const spacer = h("div", { class: "vspacer" });
  const body = h("div", { class: "vbody", id: "component-table", tabindex: 0, role: "grid", "aria-label": "Components" }, header, spacer);

  const facets = await api.componentFacets();
  replace(
    status,
    h("option", { value: "" }, `All statuses (${facets.total})`),
    facets.statuses.map((f) =>
      h("option", { value: f.value, selected: f.value === q.filter.status }, `${FILTER_LABELS[f.value] ?? f.value} (${f.count})`),
    ),
  );
  replace(
    ecosystem,
    h("option", { value: "" }, "All ecosystems"),
    facets.ecosystems.map((f) => h("option", { value: f.value, selected: f.value === q.filter.ecosystem }, `${f.value} (${f.count})`)),
  );
  replace(
    license,
    h("option", { value: "" }, "All licenses"),
    facets.licenses.map((f) => h("option", { value: f.value, selected: f.value === q.filter.license }, `${f.value} (${f.count})`)),
  );
  replace(
    category,
    h("option", { value: "" }, "All categories"),
    facets.categories.map((f) =>
      h("option", { value: f.value, selected: f.value === q.filter.category }, `${categoryLabel(f.value)} (${f.count})`),
    ),
  );
  replace(
    clarity,
    h("option", { value: "" }, "Anything"),
    facets.clarity.map((f) =>
      h("option", { value: f.value, selected: f.value === q.filter.clarity }, `${CLARITY_LABELS[f.value as Clarity] ?? f.value} (${f.count})`),
    ),
  );

  const drawHeader = () =>
    replace(
      header,
      h("span", { class: "vcell tick", role: "columnheader", title: "Ticked rows take the bulk decision" }, "✓"),
      COLUMNS.map((c) =>
        h(
          "button",
          {
            type: "button",
            class: `vcell sort ${c.cls ?? ""} ${q.sort === c.key ? "sorted" : ""}`,
            role: "columnheader",
            "aria-sort": q.sort === c.key ? (q.descending ? "descending" : "ascending") : "none",
            "data-sort": c.key,
            onclick: () => {
              if (q.sort === c.key) q.descending = !q.descending;
              else {
                q.sort = c.key;
                q.descending = c.key === "open-obligations" || c.key === "files";
              }
              void reload();
            },
          },
          c.title,
          q.sort === c.key ? (q.descending ? " ▾" : " ▴") : "",
        ),
      ),
    );

  const rowAt = (i: number): ComponentListRow | undefined => pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];

  const cell = (text: string, cls = "") => h("span", { class: `vcell ${cls}`, role: "gridcell", title: text }, text);

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
        h(
          "div",
          {
            class: `vrow ${i === selected ? "selected" : ""} ${r.excluded ? "excluded" : ""}`,
            style: top,
            role: "row",
            "data-id": r.id,
            "data-index": i,
            "aria-selected": i === selected,
            onclick: () => select(i),
            ondblclick: () => ctx.go(`component/${r.id}`),
          },
          h(
            "span",
            { class: "vcell tick", role: "gridcell" },
            h("input", {
              type: "checkbox",
              class: "tick",
              "aria-label": `Tick ${r.name}`,
              checked: ticked.has(r.id),
              onclick: (e: Event) => {
                e.stopPropagation();
                toggle(r.id);
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
        ),
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
    q.filter = {
      search: search.value,
      status: (status.value || null) as StatusFilter | null,
      ecosystem: ecosystem.value,
      license: license.value,
      category: (category.value || null) as Category | null,
      clarity: (clarity.value || null) as Clarity | null,
    };
    drawHeader();
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

  const toggle = (id: number) => {
    if (ticked.has(id)) ticked.delete(id);
    else ticked.add(id);
    bar.refresh();
    drawRows();
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

  let typing = 0;
  search.addEventListener("input", () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(() => void reload(), 150);
  });
  status.addEventListener("change", () => void reload());
  for (const f of [ecosystem, license, category, clarity]) f.addEventListener("change", () => void reload());
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
      if (r) toggle(r.id);
    }
    else if (STATUS_KEYS[e.key]) void setStatus(STATUS_KEYS[e.key]);
    else return;
    e.preventDefault();
  };
  document.addEventListener("keydown", onKey);

  replace(
    root,
    h("div", { class: "title-row" }, h("h1", {}, "Components"), count),
    h("div", { class: "toolbar" }, search, status, ecosystem, license, category, clarity),
    bar.root,
    h("p", { class: "muted keys" }, "j/k or ↑/↓ move · Enter opens · / searches · x ticks · a approve · r reject · n needs info · p pending"),
    body,
  );
  drawHeader();
  await reload();
  if (remembered.scrollTop) {
    body.scrollTop = remembered.scrollTop;
    drawRows();
  }
  body.focus();
  return () => {
    document.removeEventListener("keydown", onKey);
    remembered.selected = selected;
    remembered.scrollTop = body.scrollTop;
  };
}
