import { describe, expect, it } from "vitest";
import type { AuditAction, AuditEvent } from "../bindings";
import { brief, matching } from "./audit";

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

describe("the audit log's search", () => {
  const event = (id: number, actor: string, action: AuditAction, target: string, after: string | null): AuditEvent => ({
    id,
    at: "2026-12-06T10:00:00Z",
    actor,
    action,
    target,
    before: null,
    after,
    hash: "h",
  });
  const events = [
    event(1, "Ada <ada@example.org>", "conclude", "conclusion:3", JSON.stringify({ expression: "MIT" })),
    event(2, "Bo <bo@example.org>", "sign-off", "obligation:9", JSON.stringify({ status: "fulfilled" })),
    event(3, "Ada <ada@example.org>", "undo", "conclusion:3", null),
  ];
  it("finds events by every word given, in who, what, on what or a value", () => {
    expect(matching(events, "").map((e) => e.id)).toEqual([1, 2, 3]);
    expect(matching(events, "ada conclusion").map((e) => e.id)).toEqual([1, 3]);
    expect(matching(events, "FULFILLED").map((e) => e.id)).toEqual([2]);
    expect(matching(events, "ada mit").map((e) => e.id)).toEqual([1]);
    expect(matching(events, "nobody")).toEqual([]);
  });
});
