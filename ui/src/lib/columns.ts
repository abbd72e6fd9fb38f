// The components table's columns: which show and how wide. A reviewer can hide columns and drag
// (or arrow-key) their widths; what they chose is kept on this machine. Until they choose, the
// columns a reviewer needs least give way to narrow windows, so no header is ever cut.
// Pure functions over a plain preference object, unit-tested; the table applies the result.

import type { SortKey } from "../bindings";

export interface Column {
  key: SortKey;
  title: string;
  cls?: string;
  /** Fewest pixels the column takes (its header whole at that width). */
  min: number;
  /** Share of the room left over; 0 = fixed at `min`. */
  grow: number;
}

export const COLUMNS: readonly Column[] = [
  { key: "name", title: "Component", min: 160, grow: 2 },
  { key: "version", title: "Version", min: 80, grow: 0 },
  { key: "ecosystem", title: "Ecosystem", min: 108, grow: 0 },
  { key: "declared", title: "Declared", min: 100, grow: 1.2 },
  { key: "detected", title: "Detected", min: 140, grow: 1.6 },
  { key: "concluded", title: "Concluded", min: 100, grow: 1.2 },
  { key: "status", title: "Status", min: 96, grow: 0 },
  { key: "open-obligations", title: "Open", cls: "num", min: 56, grow: 0 },
  { key: "clarity", title: "Clarity", cls: "num", min: 64, grow: 0 },
  { key: "files", title: "Files", cls: "num", min: 56, grow: 0 },
];

/** The tick box's column, before every other. */
export const TICK_WIDTH = 28;
/** Widths a drag or a key can give a column. */
export const NARROWEST = 40;
export const WIDEST = 900;
/** The component's name is how a row is known: it cannot be hidden. */
export const ALWAYS = "name";

export interface ColumnPrefs {
  /** Hidden columns the reviewer chose, or null: chosen by the window's width. */
  hidden: SortKey[] | null;
  /** Widths the reviewer set, in pixels. */
  widths: Partial<Record<SortKey, number>>;
}

export const noPrefs = (): ColumnPrefs => ({ hidden: null, widths: {} });

/** Hidden by default at a window width: Ecosystem (a filter says it) and Files below 1,300 px,
 * Version and Clarity (on the component's page; a filter selects by it) below 1,120 px. */
export function autoHidden(windowWidth: number): SortKey[] {
  const out: SortKey[] = [];
  if (windowWidth < 1120) out.push("version", "clarity");
  if (windowWidth < 1300) out.push("ecosystem", "files");
  return out;
}

export interface Layout {
  columns: Column[];
  /** CSS grid-template-columns for every row, the tick column first. */
  template: string;
  /** The row's least width: below it the table scrolls sideways rather than cutting. */
  minWidth: number;
}

export function layout(prefs: ColumnPrefs, windowWidth: number): Layout {
  const hidden = new Set(prefs.hidden ?? autoHidden(windowWidth));
  const columns = COLUMNS.filter((c) => c.key === ALWAYS || !hidden.has(c.key));
  const tracks = columns.map((c) => {
    const set = prefs.widths[c.key];
    if (set !== undefined) return `${set}px`;
    return c.grow ? `minmax(${c.min}px, ${c.grow}fr)` : `${c.min}px`;
  });
  const minWidth = columns.reduce((sum, c) => sum + (prefs.widths[c.key] ?? c.min), TICK_WIDTH);
  return { columns, template: [`${TICK_WIDTH}px`, ...tracks].join(" "), minWidth };
}

/** The preferences with a column shown or hidden; the first choice starts from what the window
 * width hid, so choosing one column does not bring back the others. */
export function toggled(prefs: ColumnPrefs, key: SortKey, windowWidth: number): ColumnPrefs {
  if (key === ALWAYS) return prefs;
  const hidden = new Set(prefs.hidden ?? autoHidden(windowWidth));
  if (hidden.has(key)) hidden.delete(key);
  else hidden.add(key);
  return { ...prefs, hidden: COLUMNS.map((c) => c.key).filter((k) => hidden.has(k)) };
}

/** The preferences with a column's width set (kept within NARROWEST..WIDEST). */
export function resized(prefs: ColumnPrefs, key: SortKey, width: number): ColumnPrefs {
  const w = Math.round(Math.min(WIDEST, Math.max(NARROWEST, width)));
  return { ...prefs, widths: { ...prefs.widths, [key]: w } };
}

const KEYS = new Set<string>(COLUMNS.map((c) => c.key));

/** Preferences read back from storage: anything unknown or malformed is dropped, never trusted. */
export function parsePrefs(text: string | null): ColumnPrefs {
  const prefs = noPrefs();
  if (!text) return prefs;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return prefs;
  }
  if (typeof raw !== "object" || raw === null) return prefs;
  const { hidden, widths } = raw as { hidden?: unknown; widths?: unknown };
  if (Array.isArray(hidden)) {
    prefs.hidden = hidden.filter((k): k is SortKey => typeof k === "string" && KEYS.has(k) && k !== ALWAYS);
  }
  if (typeof widths === "object" && widths !== null) {
    for (const [k, w] of Object.entries(widths)) {
      if (KEYS.has(k) && typeof w === "number" && Number.isFinite(w)) {
        prefs.widths[k as SortKey] = Math.round(Math.min(WIDEST, Math.max(NARROWEST, w)));
      }
    }
  }
  return prefs;
}
