// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ComponentQuery } from "../bindings";
import { everything } from "./component-filters";
import { columnHeader } from "./column-header";

const query = (): ComponentQuery => ({ filter: everything(), sort: "name", descending: false, offset: 0, limit: 200 });

describe("the components table's header", () => {
  beforeEach(() => {
    localStorage.clear();
    Object.defineProperty(window, "innerWidth", { value: 1920, configurable: true });
  });

  it("sorts by a column and marks it", () => {
    const header = document.createElement("div");
    const sort = vi.fn();
    const q = { ...query(), sort: "files" as const, descending: true };
    columnHeader(header, document.createElement("div"), q, sort, () => {}).draw();
    const files = header.querySelector<HTMLButtonElement>("[data-sort='files']");
    expect(files?.textContent).toBe("Files ▾");
    expect(files?.closest("[role=columnheader]")?.getAttribute("aria-sort")).toBe("descending");
    header.querySelector<HTMLButtonElement>("[data-sort='declared']")?.click();
    expect(sort).toHaveBeenCalledWith("declared");
  });

  it("hides a column from its menu, lays the rows out without it, and remembers", () => {
    const header = document.createElement("div");
    const table = document.createElement("div");
    const changed = vi.fn();
    const cols = columnHeader(header, table, query(), () => {}, changed);
    cols.draw();
    expect(header.querySelectorAll("[data-sort]").length).toBe(10);
    const box = cols.menu.querySelector<HTMLInputElement>("input[data-column='ecosystem']");
    if (!box) throw new Error("no box");
    box.checked = false;
    box.dispatchEvent(new Event("change"));
    expect(changed).toHaveBeenCalled();
    expect(cols.columns().map((c) => c.key)).not.toContain("ecosystem");
    expect(header.querySelector("[data-sort='ecosystem']")).toBeNull();
    expect(table.style.getPropertyValue("--cols")).not.toContain("108px");
    // A table drawn later (another visit, the next start of the app) takes the choice.
    const next = columnHeader(document.createElement("div"), document.createElement("div"), query(), () => {}, () => {});
    expect(next.columns().map((c) => c.key)).not.toContain("ecosystem");
    next.close();
    cols.close();
  });

  it("resizes a column with the arrow keys on its edge", () => {
    const header = document.createElement("div");
    const table = document.createElement("div");
    const cols = columnHeader(header, table, query(), () => {}, () => {});
    cols.draw();
    const edge = header.querySelector<HTMLElement>("[data-resize='status']");
    if (!edge) throw new Error("no edge");
    edge.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    edge.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", shiftKey: true, bubbles: true }));
    // Status starts at its 96 px (jsdom lays nothing out, so the usual width stands in): + 16 + 64.
    expect(edge.getAttribute("aria-valuenow")).toBe("176");
    expect(table.style.getPropertyValue("--cols")).toContain("176px");
    cols.close();
  });
});
