import { describe, expect, it } from "vitest";
import { brief } from "./audit";

describe("audit entries", () => {
  it("show only what changed", () => {
    const before = JSON.stringify({ status: "open", license: "MIT", note: null });
    const after = JSON.stringify({ status: "fulfilled", license: "MIT", note: "in NOTICE" });
    expect(brief(after, before)).toBe("status: fulfilled, note: in NOTICE");
    expect(brief(before, after)).toBe("status: open");
    expect(brief(null)).toBe("—");
    expect(brief("not json")).toBe("not json");
  });
});
