// Where the reviewer is in the components table — its filter, sort, selected row and scroll —
// kept while they visit a component, walked by ] and [ from the component page, and forgotten
// when another review opens.

import type { ComponentFilter, ComponentQuery } from "../bindings";
import { api } from "../ipc";
import { everything } from "./component-filters";

export const ROW_HEIGHT = 32;
export const PAGE_SIZE = 200;

/** The table's first filter: what the release ships. Entries of lockfiles inside vendored or
 * installed packages, and what a reviewer marked not shipped, are one choice away ("All
 * statuses", "Not shipped") but do not crowd the table or its bulk decisions. */
export const shippedOnly = (): ComponentFilter => ({ ...everything(), status: "shipped" });

// The table keeps its filters, sort and position while the reviewer visits a component.
const fresh = () => ({
  query: { filter: shippedOnly(), sort: "name", descending: false, offset: 0, limit: PAGE_SIZE } as ComponentQuery,
  selected: 0,
  scrollTop: 0,
});
export const remembered: { query: ComponentQuery; selected: number; scrollTop: number } = fresh();

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
  remembered.query = { ...remembered.query, filter: { ...shippedOnly(), search: text } };
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


/** The ids of rows `a` to `b` (either order, both included) in the table's order and filters:
 * those already fetched (`known`) are taken as they are, the rest asked for a page at a time. */
export async function rangeIds(a: number, b: number, known: (i: number) => number | undefined): Promise<number[]> {
  const [from, to] = a <= b ? [a, b] : [b, a];
  const ids: number[] = [];
  let i = from;
  while (i <= to) {
    const id = known(i);
    if (id !== undefined) {
      ids.push(id);
      i++;
      continue;
    }
    // The run of rows not fetched yet, up to the next one that is.
    let end = i;
    while (end <= to && end - i < MAX_RANGE_PAGE && known(end) === undefined) end++;
    const limit = end - i;
    const page = await api.componentPage({ ...remembered.query, offset: i, limit });
    if (page.rows.length === 0) break;
    for (const r of page.rows) ids.push(r.id);
    i += page.rows.length;
  }
  return ids;
}

/** The most rows one page may ask for (the store's own cap). */
const MAX_RANGE_PAGE = 1000;
