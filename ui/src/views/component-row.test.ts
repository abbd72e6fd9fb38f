// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { ComponentListRow } from "../bindings";
import { layout, noPrefs } from "../lib/columns";
import { componentRow } from "./component-row";

const row: ComponentListRow = {
  id: 7,
  name: "<img src=x>",
  version: "1.0.0",
  ecosystem: "npm",
  declared: "MIT",
  detected: ["GPL-2.0-only", "MIT"],
  concluded: null,
  status: "needs-info",
  carried: true,
  excluded: true,
  is_root: false,
  source: "lockfile",
  open_obligations: 0,
  files: 0,
  clarity: 55,
  clarity_gaps: ["missing-license-text", "no-copyright"],
  assignee: "Bo <bo@example.com>",
  second_review: true,
};
const on = () => ({ selected: true, ticked: false, select: vi.fn(), open: vi.fn(), toggle: vi.fn() });

describe("a components table row", () => {
  it("has one cell per shown column, in order, as text, with its tags", () => {
    const cols = layout({ ...noPrefs(), hidden: ["ecosystem", "files"] }, 1920).columns;
    const el = componentRow(row, 3, cols, on());
    const cells = [...el.children].map((c) => c.textContent);
    expect(cells.length).toBe(cols.length + 1);
    expect(cells.slice(2)).toEqual(["1.0.0", "MIT", "GPL-2.0-only, MIT", "", "Needs info", "", "55"]);
    // The clarity score says what the evidence lacks, and is marked when below "clear".
    const clarity = el.lastElementChild as HTMLElement;
    expect(clarity.className).toContain("unclear");
    expect(clarity.title).toBe("License clarity 55/100: no license text for a declared license (−25); no copyright statement (−20)");
    expect(el.querySelector("img")).toBeNull();
    expect([...el.querySelectorAll(".tag")].map((t) => t.textContent)).toEqual(["carried", "lockfile", "not shipped", "Bo", "second review"]);
    expect(el.style.top).toBe("96px");
    expect(el.getAttribute("aria-selected")).toBe("");
    expect(el.className).toContain("excluded");
  });

  it("passes clicks on to the table: the row (with its modifier keys) and its tick box", () => {
    const state = on();
    const el = componentRow(row, 0, layout(noPrefs(), 1920).columns, state);
    el.querySelector<HTMLElement>(".vcell.name")?.dispatchEvent(new MouseEvent("click", { bubbles: true, shiftKey: true }));
    expect(state.select).toHaveBeenCalledWith(expect.objectContaining({ shiftKey: true }));
    el.querySelector<HTMLInputElement>("input.tick")?.click();
    expect(state.toggle).toHaveBeenCalledTimes(1);
    // The tick box's click is its own: it does not also select the row.
    expect(state.select).toHaveBeenCalledTimes(1);
  });
});
