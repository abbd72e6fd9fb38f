// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";

vi.mock("../ipc", () => ({
  api: {
    componentFacets: async () => ({
      total: 12,
      statuses: [
        { value: "shipped", count: 10 },
        { value: "excluded", count: 2 },
      ],
      ecosystems: [{ value: "npm", count: 7 }],
      licenses: [{ value: "<b>MIT</b>", count: 5 }],
      categories: [{ value: "strong-copyleft", count: 1 }],
      clarity: [{ value: "disagree", count: 3 }],
      assignees: [
        { value: "Bo Second <bo@example.com>", count: 4 },
        { value: "Erin <erin@example.com>", count: 2 },
      ],
    }),
    whoAmI: async () => "Erin <erin@example.com>",
  },
}));
const { everything, filterBar } = await import("./component-filters");

describe("the components table's filters", () => {
  it("show each choice with its count, start from the filter given, and read back what is chosen", async () => {
    const changed = vi.fn();
    const bar = await filterBar({ ...everything(), status: "shipped" }, changed);
    const status = bar.root.querySelector<HTMLSelectElement>("#status-filter");
    expect([...(status?.options ?? [])].map((o) => o.textContent)).toEqual(["All statuses (12)", "Shipped (10)", "Not shipped (2)"]);
    expect(status?.value).toBe("shipped");
    expect(bar.root.querySelector("#license-filter b")).toBeNull();
    expect(bar.root.querySelector("#category-filter option[value='strong-copyleft']")?.textContent).toBe("Strong copyleft (1)");
    expect(bar.root.querySelector("#clarity-filter option[value='disagree']")?.textContent).toBe("Declared and detected disagree (3)");
    const clarity = bar.root.querySelector<HTMLSelectElement>("#clarity-filter");
    if (!clarity || !status) throw new Error("no filters");
    clarity.value = "disagree";
    clarity.dispatchEvent(new Event("change"));
    expect(changed).toHaveBeenCalledTimes(1);
    status.value = "";
    expect(bar.read()).toEqual({ search: "", status: null, ecosystem: "", license: "", category: null, clarity: "disagree", clarity_at_least: null, clarity_below: null, assignee: "" });
    // The clarity score: the clear ones (80 and up) or the rest, for bulk decisions over either.
    const score = bar.root.querySelector<HTMLSelectElement>("#clarity-score-filter");
    if (!score) throw new Error("no score filter");
    score.value = "clear";
    score.dispatchEvent(new Event("change"));
    expect(changed).toHaveBeenCalledTimes(2);
    expect(bar.read().clarity_at_least).toBe(80);
    expect(bar.read().clarity_below).toBeNull();
    score.value = "unclear";
    expect(bar.read().clarity_below).toBe(80);
    const again = await filterBar({ ...everything(), clarity_below: 80 }, vi.fn());
    expect(again.root.querySelector<HTMLSelectElement>("#clarity-score-filter")?.value).toBe("unclear");
  });

  it("offer my queue, the unassigned and each reviewer's components", async () => {
    const bar = await filterBar({ ...everything(), assignee: "Erin <erin@example.com>" }, vi.fn());
    const assignee = bar.root.querySelector<HTMLSelectElement>("#assignee-filter");
    expect([...(assignee?.options ?? [])].map((o) => o.textContent)).toEqual([
      "Assigned: anyone",
      "My queue",
      "Unassigned",
      "Bo Second <bo@example.com> (4)",
    ]);
    expect(assignee?.value).toBe("Erin <erin@example.com>");
    expect(bar.read().assignee).toBe("Erin <erin@example.com>");
  });

  it("wait for the reviewer to pause typing before searching", async () => {
    vi.useFakeTimers();
    const changed = vi.fn();
    const bar = await filterBar(everything(), changed);
    for (const text of ["g", "gp", "gpl"]) {
      bar.search.value = text;
      bar.search.dispatchEvent(new Event("input"));
    }
    expect(changed).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(bar.read().search).toBe("gpl");
    vi.useRealTimers();
  });
});
