import { describe, expect, it } from "vitest";
import { actionOf } from "./bulk-bar";

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
