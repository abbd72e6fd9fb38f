// Windowing for long tables: which rows to render for a scroll position, and which pages of
// rows to fetch. Pure functions, unit-tested.

export interface Window {
  first: number;
  last: number; // exclusive
}

/** Rows in view plus `overscan` on each side, clamped to [0, total). */
export function visibleRows(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 10): Window {
  if (total <= 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/** Page numbers (of `pageSize` rows) a window needs. */
export function pagesFor(w: Window, pageSize: number): number[] {
  if (w.last <= w.first) return [];
  const out: number[] = [];
  for (let p = Math.floor(w.first / pageSize); p <= Math.floor((w.last - 1) / pageSize); p++) out.push(p);
  return out;
}

/** The scrollTop that brings `row` into view, or the current one if it already is. */
export function scrollToShow(row: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = row * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return scrollTop;
}
