// A view drawn again for the same route (after Save, a sign-off, a false-positive mark) keeps
// the reviewer's place: where the page was scrolled, what was typed in its filters, and which
// control had the focus. Without it every decision scrolled to the top, cleared the filter and
// dropped the focus on the page body.

export interface Place {
  scrollTop: number;
  /** Values of search fields, by id or label. */
  filters: [string, string][];
  /** The focused control: its id, or the row it sits in and its class. */
  focus: { id: string } | { row: string; value: string; classes: string[]; index: number } | null;
}

const ROW_ATTRS = ["data-obligation", "data-group", "data-id", "data-finding"];

function keyOf(el: Element): string | null {
  return el.id || el.getAttribute("aria-label");
}

export function takePlace(scroller: HTMLElement): Place {
  const filters: [string, string][] = [];
  for (const input of scroller.querySelectorAll<HTMLInputElement>("input[type=search]")) {
    const key = keyOf(input);
    if (key && input.value) filters.push([key, input.value]);
  }
  let focus: Place["focus"] = null;
  const active = document.activeElement;
  if (active && active !== document.body && scroller.contains(active)) {
    if (active.id) focus = { id: active.id };
    else {
      for (const attr of ROW_ATTRS) {
        const row = active.closest(`[${attr}]`);
        if (row) {
          const rows = [...scroller.querySelectorAll(`[${attr}]`)];
          focus = { row: attr, value: row.getAttribute(attr) ?? "", classes: [...active.classList], index: rows.indexOf(row) };
          break;
        }
      }
    }
  }
  return { scrollTop: scroller.scrollTop, filters, focus };
}

/** Put the place back on the view drawn again: filters first (they decide what is shown), then
 * the scroll position, then the focus — on the same control, or, when its row is gone (an
 * obligation signed off under "still to do"), on the same control of the row now in its place. */
export function restorePlace(scroller: HTMLElement, place: Place): void {
  for (const [key, value] of place.filters) {
    const input = [...scroller.querySelectorAll<HTMLInputElement>("input[type=search]")].find((i) => keyOf(i) === key);
    if (input && !input.value) {
      input.value = value;
      input.dispatchEvent(new Event("input"));
    }
  }
  scroller.scrollTop = place.scrollTop;
  const f = place.focus;
  if (!f) return;
  let target: HTMLElement | undefined;
  if ("id" in f) target = [...scroller.querySelectorAll<HTMLElement>("[id]")].find((e) => e.id === f.id);
  else {
    const rows = [...scroller.querySelectorAll(`[${f.row}]`)];
    const same = rows.find((r) => r.getAttribute(f.row) === f.value);
    const row = same ?? rows[Math.min(f.index, rows.length - 1)];
    const controls = row ? [...row.querySelectorAll<HTMLElement>("input, select, button, textarea, a[href]")] : [];
    // The same control in the same row; in the row that took its place, that row's first.
    target = same ? controls.find((c) => f.classes.every((k) => c.classList.contains(k))) : controls.find((c) => c.tagName !== "A");
  }
  target?.focus({ preventScroll: true });
}
