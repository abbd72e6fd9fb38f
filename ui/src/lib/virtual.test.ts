import { describe, expect, it } from "vitest";
import { pagesFor, scrollToShow, visibleRows } from "./virtual";

describe("visibleRows", () => {
  it("renders the rows in view plus overscan, never past the ends", () => {
    expect(visibleRows(0, 320, 32, 5000, 5)).toEqual({ first: 0, last: 15 });
    expect(visibleRows(3200, 320, 32, 5000, 5)).toEqual({ first: 95, last: 115 });
    expect(visibleRows(5000 * 32, 320, 32, 5000, 5)).toEqual({ first: 4995, last: 5000 });
  });
  it("keeps the DOM small however long the table", () => {
    const w = visibleRows(1_234_567, 800, 32, 100_000);
    expect(w.last - w.first).toBeLessThan(50);
  });
  it("is empty for an empty table", () => {
    expect(visibleRows(0, 320, 32, 0)).toEqual({ first: 0, last: 0 });
  });
});

describe("pagesFor", () => {
  it("lists the pages a window touches", () => {
    expect(pagesFor({ first: 190, last: 215 }, 200)).toEqual([0, 1]);
    expect(pagesFor({ first: 0, last: 200 }, 200)).toEqual([0]);
    expect(pagesFor({ first: 5, last: 5 }, 200)).toEqual([]);
  });
});

describe("scrollToShow", () => {
  it("scrolls only when the row is out of view", () => {
    expect(scrollToShow(5, 0, 320, 32)).toBe(0);
    expect(scrollToShow(10, 0, 320, 32)).toBe(32);
    expect(scrollToShow(10, 400, 320, 32)).toBe(320);
    expect(scrollToShow(20, 0, 320, 32)).toBe(352);
  });
});
