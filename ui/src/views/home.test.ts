import { describe, expect, it } from "vitest";
import { progressText } from "./home";

describe("a recent review's progress", () => {
  it("says how many shipped components are concluded, or that it is approved", () => {
    expect(progressText({ components: 300, concluded: 12, approved: false })).toBe("12 / 300 concluded");
    expect(progressText({ components: 7, concluded: 7, approved: true })).toBe("approved (7 components)");
    expect(progressText(null)).toBe("");
  });
});
