// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { actionOf, bulkBar } from "./bulk-bar";
import { everything } from "./component-filters";

describe("the bulk bar's action", () => {
  it("concludes each suggestion, with or without a status", () => {
    expect(actionOf("conclude", "", "", "")).toEqual({ action: "conclude", expression: null, status: null, comment: null, only_clear: false });
    expect(actionOf("conclude-clear", "", "", "")).toMatchObject({ action: "conclude", expression: null, only_clear: true });
    expect(actionOf("conclude", "approved", "", "")).toMatchObject({ action: "conclude", status: "approved" });
  });

  it("asks for what it needs instead of guessing", () => {
    expect(actionOf("set-status", "", "", "")).toBe("Choose a status.");
    expect(actionOf("assign", "", "", " Bo <bo@example.com> ")).toEqual({ action: "assign", assignee: "Bo <bo@example.com>" });
    expect(actionOf("assign", "", "", "None")).toEqual({ action: "assign", assignee: null });
    expect(actionOf("assign", "", "", "")).toMatch(/Name the reviewer/);
    expect(actionOf("second-review", "", "", "")).toMatch(/what the second reviewer/);
    expect(actionOf("second-review", "", "", "dual license")).toEqual({ action: "second-review", raise: true, note: "dual license" });
    expect(actionOf("clear-second-review", "", "", "")).toEqual({ action: "second-review", raise: false, note: null });
    expect(actionOf("sign-off", "fulfilled", "  ", "")).toMatch(/^Name the obligation/);
  });

  it("marks not shipped only with the reason", () => {
    expect(actionOf("not-shipped", "", "", "  ")).toMatch(/^Say why they are not shipped/);
    expect(actionOf("not-shipped", "approved", "", " test data ")).toEqual({ action: "not-shipped", reason: "test data" });
  });

  it("signs off one obligation key with its note", () => {
    expect(actionOf("sign-off", "not-applicable", " attribution ", " shipped as a service ")).toEqual({
      action: "sign-off",
      obligation: "attribution",
      license: null,
      status: "not-applicable",
      note: "shipped as a service",
    });
  });
});

describe("the bulk bar's status", () => {
  it("stays chosen when the action changes to one that offers it", () => {
    const bar = bulkBar({ ticked: () => [], filter: () => ({ filter: everything(), total: 0 }), changed: () => {}, fail: () => {} });
    const pick = (id: string, value: string) => {
      const el = bar.root.querySelector<HTMLSelectElement>(`#${id}`);
      if (!el) throw new Error(id);
      el.value = value;
      el.dispatchEvent(new Event("change"));
      return el;
    };
    const status = pick("bulk-status", "approved");
    pick("bulk-action", "conclude");
    expect(status.value).toBe("approved");
    pick("bulk-action", "set-status");
    expect(status.value).toBe("approved");
    pick("bulk-action", "sign-off");
    expect(status.value).toBe("fulfilled");
    // Not shipped takes a reason and no status.
    pick("bulk-action", "not-shipped");
    expect(status.hidden).toBe(true);
    const note = bar.root.querySelector<HTMLInputElement>("#bulk-note");
    expect(note?.hidden).toBe(false);
    expect(note?.placeholder).toBe("why they are not shipped (required)");
  });
});

describe("the bulk bar's scope", () => {
  it("follows the ticks until the reviewer picks one", () => {
    let ticked: number[] = [];
    const bar = bulkBar({ ticked: () => ticked, filter: () => ({ filter: everything(), total: 42 }), changed: () => {}, fail: () => {} });
    const scope = bar.root.querySelector<HTMLSelectElement>("#bulk-scope");
    const label = bar.root.querySelector("#bulk-count");
    if (!scope || !label) throw new Error("no scope");
    // Nothing ticked: every row the filter shows, and the label says how many.
    expect(scope.value).toBe("filter");
    expect(label.textContent).toBe("42 components in the filter");
    ticked = [3, 4];
    bar.refresh();
    expect(scope.value).toBe("ticked");
    expect(label.textContent).toBe("2 rows ticked");
    // A scope picked by hand stays while the ticks do not change...
    scope.value = "filter";
    scope.dispatchEvent(new Event("change"));
    bar.refresh();
    expect(scope.value).toBe("filter");
    // ...and a new tick makes the ticked rows the scope again.
    ticked = [3, 4, 5];
    bar.refresh();
    expect(scope.value).toBe("ticked");
    ticked = [];
    bar.refresh();
    expect(scope.value).toBe("filter");
  });
});
