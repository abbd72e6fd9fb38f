// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { FileContent, Region } from "../bindings";

const falsePositive = vi.fn(async (..._args: unknown[]) => 1);
vi.mock("../ipc", () => ({ api: { falsePositive: (...a: unknown[]) => falsePositive(...a) } }));

const { regionActions } = await import("./region-actions");
const { conclusionCard } = await import("./conclusion");

const region = (over: Partial<Region>): Region => ({
  kind: "license",
  start_line: 1,
  end_line: 3,
  label: "GPL-2.0-or-later",
  finding_id: 7,
  detector: "license-notice",
  score: 0.98,
  false_positive: null,
  notes: [],
  comparable: true,
  ...over,
});
const file = { id: 5, path: "src/legacy/diff3.c", component_id: 2 } as FileContent;
const ctx = () => ({ go: vi.fn(), say: vi.fn(), fail: vi.fn() }) as unknown as Ctx & { go: ReturnType<typeof vi.fn> };

describe("a finding's actions in the file viewer", () => {
  beforeEach(() => falsePositive.mockClear());

  it("mark it false positive only with a reason, then draw the file again", async () => {
    const c = ctx();
    const el = regionActions(region({}), file, c);
    if (!el) throw new Error("no actions");
    const reason = el.querySelector<HTMLInputElement>(".fp-reason");
    const mark = el.querySelector<HTMLButtonElement>(".fp-mark");
    if (!reason || !mark) throw new Error("no form");
    expect(mark.disabled).toBe(true);
    reason.value = "  test data  ";
    reason.dispatchEvent(new Event("input"));
    expect(mark.disabled).toBe(false);
    mark.click();
    await vi.waitFor(() => expect(c.go).toHaveBeenCalledWith("file/5"));
    expect(falsePositive).toHaveBeenCalledWith([7], "test data", false);
  });

  it("take a false positive back", async () => {
    const c = ctx();
    const el = regionActions(region({ false_positive: "test data" }), file, c);
    el?.querySelector<HTMLButtonElement>(".fp-undo")?.click();
    await vi.waitFor(() => expect(falsePositive).toHaveBeenCalledWith([7], "", true));
    // A false positive is not a license to conclude.
    expect(el?.querySelector(".conclude-from")).toBeNull();
  });

  it("carry the license to the component's editor, filled in but not saved", () => {
    const c = ctx();
    regionActions(region({}), file, c)?.querySelector<HTMLButtonElement>(".conclude-from")?.click();
    expect(c.go).toHaveBeenCalledWith("component/2");
    const component = { id: 2, name: "skyline", conclusion: null, suggestion: null, declared_license: null, detected: [] };
    const card = conclusionCard({ component: component as never, ctx: c, reload: () => {} });
    expect(card.querySelector<HTMLInputElement>("#expression")?.value).toBe("GPL-2.0-or-later");
    expect(card.querySelector("#conclusion-carried")?.textContent).toContain("src/legacy/diff3.c, not saved");
    // Only once: the next drawing shows what is saved.
    const again = conclusionCard({ component: component as never, ctx: c, reload: () => {} });
    expect(again.querySelector<HTMLInputElement>("#expression")?.value).toBe("");
    expect(again.querySelector("#conclusion-carried")).toBeNull();
  });

  it("offer nothing for a region without a finding (a copyright line)", () => {
    expect(regionActions(region({ kind: "copyright", finding_id: null }), file, ctx())).toBeNull();
  });
});
