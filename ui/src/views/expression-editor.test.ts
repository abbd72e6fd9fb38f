// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";

const completeLicense = vi.fn(async (_word: string) => [
  { id: "MIT", name: "MIT License", exception: false },
  { id: "MIT-Wu", name: "MIT Tom Wu Variant", exception: false },
]);
vi.mock("../ipc", () => ({
  api: {
    checkExpression: vi.fn(async (text: string) => ({ valid: true, canonical: text, message: null })),
    completeLicense: (w: string) => completeLicense(w),
  },
}));

const { expressionEditor } = await import("./expression-editor");
const settle = () => new Promise((r) => setTimeout(r, 250));

describe("the concluded-license field", () => {
  beforeEach(() => completeLicense.mockClear());

  it("takes a suggestion whole, without opening the id list over the next controls", async () => {
    const editor = expressionEditor("", () => {});
    document.body.replaceChildren(editor.root);
    editor.set("BSD-3-Clause OR MIT");
    await settle();
    expect(editor.input.value).toBe("BSD-3-Clause OR MIT");
    expect((editor.root.querySelector("#expression-choices") as HTMLElement).hidden).toBe(true);
    expect(completeLicense).not.toHaveBeenCalled();
  });

  it("offers ids while typing; Enter picks one, Tab leaves the text as typed", async () => {
    const editor = expressionEditor("", () => {});
    document.body.replaceChildren(editor.root);
    const list = editor.root.querySelector("#expression-choices") as HTMLElement;
    editor.input.value = "MI";
    editor.input.setSelectionRange(2, 2);
    editor.input.dispatchEvent(new Event("input"));
    await settle();
    expect(list.hidden).toBe(false);
    const tab = new KeyboardEvent("keydown", { key: "Tab", cancelable: true });
    editor.input.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(false);
    expect(editor.input.value).toBe("MI");
    expect(list.hidden).toBe(true);

    editor.input.dispatchEvent(new Event("input"));
    await settle();
    editor.input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", cancelable: true }));
    expect(editor.input.value.trim()).toBe("MIT");
  });
});
