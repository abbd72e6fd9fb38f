// @vitest-environment jsdom
// The conclusion card alone: chips put a license in the editor, a license carried from the file
// viewer fills it (said, not saved), an expression that does not parse cannot be saved, and Save
// sends what the reviewer sees, trimmed.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { ComponentView, ConcludeRequest } from "../bindings";

const conclude = vi.fn(async (_r: ConcludeRequest) => ({}));
vi.mock("../ipc", () => ({
  api: {
    checkExpression: vi.fn(async (text: string) =>
      text.includes("AND OR") ? { valid: false, canonical: null, message: "unexpected OR" } : { valid: true, canonical: text, message: null },
    ),
    completeLicense: vi.fn(async () => []),
    conclude: (r: ConcludeRequest) => conclude(r),
  },
}));
const { conclusionCard, prefillConclusion } = await import("./conclusion");

const component = (over: Partial<ComponentView> = {}): ComponentView =>
  ({
    id: 7,
    name: "mixed",
    version: "1.0.0",
    declared_license: "MIT",
    detected: ["GPL-2.0-only"],
    conclusion: null,
    suggestion: { expression: "MIT AND GPL-2.0-only", reason: "declared MIT; its files also say GPL-2.0-only" },
    ...over,
  }) as unknown as ComponentView;

const ctx = () => ({ say: vi.fn(), fail: vi.fn() }) as unknown as Ctx;
const input = (root: HTMLElement) => root.querySelector<HTMLInputElement>(".expression input") as HTMLInputElement;
function el<T extends HTMLElement>(root: HTMLElement, css: string): T {
  const found = root.querySelector<T>(css);
  if (!found) throw new Error(`no ${css}`);
  return found;
}

describe("the conclusion card", () => {
  beforeEach(() => {
    document.body.replaceChildren();
    conclude.mockClear();
  });

  it("puts the declared, detected or suggested license in the editor with one click", () => {
    const root = document.body.appendChild(conclusionCard({ component: component(), ctx: ctx(), reload: () => {} }));
    const chips = [...root.querySelectorAll<HTMLButtonElement>(".chips button")];
    expect(chips.map((c) => c.textContent)).toEqual(["Use suggestion: MIT AND GPL-2.0-only", "Declared: MIT", "Detected: GPL-2.0-only"]);
    chips[2].click();
    expect(input(root).value).toBe("GPL-2.0-only");
    chips[0].click();
    expect(input(root).value).toBe("MIT AND GPL-2.0-only");
  });

  it("is filled from the file viewer once, says so, and saves nothing by itself", () => {
    prefillConclusion(7, "BSD-3-Clause", "src/vendor/zlib.h lines 1-20");
    const c = ctx();
    const root = document.body.appendChild(conclusionCard({ component: component(), ctx: c, reload: () => {} }));
    expect(input(root).value).toBe("BSD-3-Clause");
    expect(root.querySelector("#conclusion-carried")?.textContent).toBe("Filled in from src/vendor/zlib.h lines 1-20, not saved: check it and save.");
    expect(conclude).not.toHaveBeenCalled();
    // Drawn again, the card shows the saved state, not the carried license.
    const again = conclusionCard({ component: component(), ctx: c, reload: () => {} });
    expect(again.querySelector("#conclusion-carried")).toBeNull();
  });

  it("saves the expression, status and comment trimmed, and draws the page again", async () => {
    const reload = vi.fn();
    const c = ctx();
    const root = document.body.appendChild(
      conclusionCard({
        component: component({ conclusion: { expression: "MIT", status: "pending", comment: null, reviewer: "Ada", decided_at: "2026-12-01T10:00:00Z" } as ComponentView["conclusion"] }),
        ctx: c,
        reload,
      }),
    );
    expect(root.textContent).toContain("Last decided by Ada, 2026-12-01 10:00 UTC");
    // An expression that does not parse cannot be saved.
    input(root).value = "MIT AND OR X";
    input(root).dispatchEvent(new Event("input"));
    await vi.waitFor(() => expect(el<HTMLButtonElement>(root, "#save-conclusion").disabled).toBe(true));
    input(root).value = "  MIT OR Apache-2.0 ";
    input(root).dispatchEvent(new Event("input"));
    await vi.waitFor(() => expect(el<HTMLButtonElement>(root, "#save-conclusion").disabled).toBe(false));
    el<HTMLSelectElement>(root, "#component-status").value = "approved";
    el<HTMLTextAreaElement>(root, "#conclusion-comment").value = "  dual licensed ";
    root.querySelector<HTMLButtonElement>("#save-conclusion")?.click();
    await vi.waitFor(() => expect(reload).toHaveBeenCalled());
    expect(conclude).toHaveBeenCalledWith({ component: 7, expression: "MIT OR Apache-2.0", status: "approved", comment: "dual licensed" });
    expect(c.say).toHaveBeenCalledWith("mixed: conclusion saved");
  });
});
