// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";

const componentPage = vi.fn(async (q: { offset: number; limit: number }) => {
  const ids = [11, 12, 13];
  return { total: ids.length, offset: q.offset, rows: ids.slice(q.offset, q.offset + q.limit).map((id) => ({ id })) };
});
vi.mock("../ipc", () => ({ api: { componentPage: (q: never) => componentPage(q) } }));

const { forgetPlace, neighbour, rememberedQuery, setSearch } = await import("./table-place");

describe("next and previous component", () => {
  it("walk the table's rows with its filter, and stop at either end", async () => {
    setSearch("mit");
    expect(await neighbour(-1)).toBeNull();
    expect(await neighbour(1)).toBe(12);
    expect(componentPage).toHaveBeenLastCalledWith(expect.objectContaining({ filter: expect.objectContaining({ search: "mit" }), offset: 1, limit: 1 }));
    expect(await neighbour(1)).toBe(13);
    expect(await neighbour(1)).toBeNull();
    expect(await neighbour(-1)).toBe(12);
  });
});

describe("another review", () => {
  it("starts with the table as new: what the release ships, no search, sort or place from the last one", async () => {
    setSearch("gpl");
    await neighbour(1);
    forgetPlace();
    expect(rememberedQuery()).toEqual(
      expect.objectContaining({
        filter: { search: "", status: "shipped", ecosystem: "", license: "", category: null, clarity: null, clarity_at_least: null, clarity_below: null, assignee: "" },
        sort: "name",
        descending: false,
      }),
    );
    expect(await neighbour(1)).toBe(12);
    expect(componentPage).toHaveBeenLastCalledWith(expect.objectContaining({ filter: expect.objectContaining({ search: "" }), offset: 1 }));
  });
});

describe("a range of rows", () => {
  it("takes the rows already fetched and asks for the others, in either direction", async () => {
    const { rangeIds } = await import("./table-place");
    forgetPlace();
    componentPage.mockClear();
    // Rows 0 and 2 are on the screen; row 1 is not fetched yet.
    const known = (i: number) => ({ 0: 11, 2: 13 })[i as 0 | 2];
    expect(await rangeIds(2, 0, known)).toEqual([11, 12, 13]);
    expect(componentPage).toHaveBeenCalledTimes(1);
    expect(componentPage).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 1, limit: 1 }));
    // Past the end, it stops at the last row.
    expect(await rangeIds(1, 9, () => undefined)).toEqual([12, 13]);
  });
});
