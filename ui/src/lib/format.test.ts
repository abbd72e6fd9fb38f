import { describe, expect, it } from "vitest";
import { bytes, categoryLabel, percent, plural, statusLabel, when } from "./format";

describe("format", () => {
  it("says counts in words", () => {
    expect(plural(1, "file")).toBe("1 file");
    expect(plural(12345, "file")).toBe("12,345 files");
    expect(plural(2, "license use", "license uses")).toBe("2 license uses");
  });
  it("formats times, shares, sizes and labels", () => {
    expect(when("2026-11-25T10:04:05Z")).toBe("2026-11-25 10:04 UTC");
    expect(when(null)).toBe("");
    expect(percent(1, 3)).toBe("33%");
    expect(percent(1, 0)).toBe("0%");
    expect(bytes(2048)).toBe("2.0 KiB");
    expect(statusLabel("needs-info")).toBe("Needs info");
    expect(categoryLabel("strong-copyleft")).toBe("Strong copyleft");
    expect(categoryLabel("something-new")).toBe("something-new");
  });
});
