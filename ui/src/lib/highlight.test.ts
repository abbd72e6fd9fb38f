import { describe, expect, it } from "vitest";
import type { Region, RegionKind } from "../bindings";
import { lineMarks, splitLines } from "./highlight";

const region = (kind: RegionKind, start: number, end: number, fp: string | null = null): Region => ({
  kind,
  start_line: start,
  end_line: end,
  label: kind === "license" ? "MIT" : "Copyright 2020 A",
  finding_id: kind === "license" ? 1 : null,
  detector: null,
  score: null,
  false_positive: fp,
  notes: [],
  comparable: false,
});

describe("lineMarks", () => {
  it("marks license and copyright lines and labels where regions start", () => {
    const m = lineMarks(6, [region("license", 2, 4), region("copyright", 3, 3), region("license", 6, 6, "test data")]);
    expect(m.map((l) => l.license)).toEqual([false, true, true, true, false, false]);
    expect(m[2].copyright).toBe(true);
    expect(m[5].falsePositive).toBe(true);
    expect(m[1].starts.map((r) => r.label)).toEqual(["MIT"]);
  });
  it("clamps regions that run past the text (the file changed since the scan)", () => {
    const m = lineMarks(3, [region("license", 2, 40), region("license", 10, 12)]);
    expect(m.map((l) => l.license)).toEqual([false, true, true]);
  });
});

describe("splitLines", () => {
  it("counts lines like the scanner", () => {
    expect(splitLines("a\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("a\r\nb")).toEqual(["a", "b"]);
    expect(splitLines("")).toEqual([""]);
  });
});
