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
    expect(actionOf("sign-off", "fulfilled", "  ", "")).toMatch(/^Name the obligation/);
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
  });
});
