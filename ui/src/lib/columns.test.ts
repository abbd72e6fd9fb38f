import { describe, expect, it } from "vitest";
import { autoHidden, layout, noPrefs, parsePrefs, resized, toggled, WIDEST } from "./columns";

const keys = (w: number, prefs = noPrefs()) => layout(prefs, w).columns.map((c) => c.key);

describe("columns", () => {
  it("give way to narrow windows until the reviewer chooses", () => {
    expect(keys(1920)).toEqual(["name", "version", "ecosystem", "declared", "detected", "concluded", "status", "open-obligations", "clarity", "files"]);
    expect(keys(1280)).toEqual(["name", "version", "declared", "detected", "concluded", "status", "open-obligations", "clarity"]);
    expect(keys(1024)).toEqual(["name", "declared", "detected", "concluded", "status", "open-obligations"]);
    // What fits at 1,024 px fits: the row's least width is within the window.
    expect(layout(noPrefs(), 1024).minWidth).toBeLessThan(1024 - 300);
  });

  it("keep the reviewer's choice at every width, starting from what the width had hidden", () => {
    const prefs = toggled(noPrefs(), "status", 1024);
    expect(prefs.hidden).toEqual(["version", "ecosystem", "status", "clarity", "files"]);
    expect(keys(1920, prefs)).toEqual(["name", "declared", "detected", "concluded", "open-obligations"]);
    const back = toggled(toggled(prefs, "files", 1920), "status", 1920);
    expect(keys(1024, back)).toEqual(["name", "declared", "detected", "concluded", "status", "open-obligations", "files"]);
  });

  it("never hide the component's name", () => {
    const prefs = toggled(noPrefs(), "name", 1920);
    expect(prefs).toEqual(noPrefs());
    expect(keys(1920, parsePrefs(JSON.stringify({ hidden: ["name", "version"] })))[0]).toBe("name");
  });

  it("take set widths as fixed tracks, within bounds", () => {
    const prefs = resized(resized(noPrefs(), "detected", 333.4), "version", 5);
    const l = layout(prefs, 1920);
    expect(l.template).toBe("28px minmax(160px, 2fr) 40px 108px minmax(100px, 1.2fr) 333px minmax(100px, 1.2fr) 96px 56px 64px 56px");
    expect(l.minWidth).toBe(28 + 160 + 40 + 108 + 100 + 333 + 100 + 96 + 56 + 64 + 56);
    expect(resized(noPrefs(), "name", 1e9).widths.name).toBe(WIDEST);
  });

  it("read stored preferences without trusting them", () => {
    expect(parsePrefs(null)).toEqual(noPrefs());
    expect(parsePrefs("not json")).toEqual(noPrefs());
    expect(parsePrefs("[1,2]")).toEqual({ hidden: null, widths: {} });
    const p = parsePrefs(JSON.stringify({ hidden: ["files", "<img>", 3], widths: { status: 120, bogus: 4, detected: "wide", files: 1e6 } }));
    expect(p).toEqual({ hidden: ["files"], widths: { status: 120, files: WIDEST } });
  });

  it("hide by width at the thresholds the header test checks", () => {
    expect(autoHidden(1300)).toEqual([]);
    expect(autoHidden(1299)).toEqual(["ecosystem", "files"]);
    expect(autoHidden(1119)).toEqual(["version", "clarity", "ecosystem", "files"]);
  });
});
