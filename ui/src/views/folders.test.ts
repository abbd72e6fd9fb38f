// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { FolderView } from "../bindings";

const calls: { cmd: string; args: unknown }[] = [];
const answers: Record<string, unknown> = {};
vi.mock("../ipc", () => ({
  call: async (cmd: string, args: unknown) => {
    calls.push({ cmd, args });
    return answers[cmd];
  },
}));
const { crumbs, folderRoute, foldersView } = await import("./folders");

const view: FolderView = {
  path: "release/vendor",
  folders: [{ name: "a b#c", path: "release/vendor/a b#c", files: 12, with_license: 3, licenses: ["GPL-2.0-only", "<b>MIT</b>", "A", "B", "C", "D", "E"] }],
  files: [{ id: 9, name: "README", kind: "notice", licenses: [] }],
  file_count: 1500,
};
const ctx = () => ({ go: vi.fn(), say: vi.fn(), fail: vi.fn() }) as unknown as Ctx & { go: ReturnType<typeof vi.fn>; say: ReturnType<typeof vi.fn> };

describe("the folders view", () => {
  it("routes and breadcrumbs keep odd folder names whole", () => {
    expect(folderRoute("release/a b#c")).toBe("folders/release/a%20b%23c");
    const parts = crumbs("release/vendor");
    const el = document.createElement("p");
    el.append(...parts);
    expect(el.textContent).toBe("Scanned folders / release / vendor");
    expect([...el.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual(["#/folders", "#/folders/release"]);
  });

  it("lists sub-folders with their licenses as text, some shown and the rest counted, and says when files are cut", async () => {
    answers.folder = view;
    const root = document.createElement("div");
    await foldersView(root, ctx(), "release/vendor");
    expect(calls.at(-1)).toEqual({ cmd: "folder", args: { path: "release/vendor" } });
    const row = root.querySelector("#folder-table tbody tr");
    expect(row?.querySelector("a")?.getAttribute("href")).toBe("#/folders/release/vendor/a%20b%23c");
    expect(row?.lastElementChild?.textContent).toBe("GPL-2.0-only, <b>MIT</b>, A, B, C, D and 1 more");
    expect(row?.querySelector("b")).toBeNull();
    expect(root.querySelector("#folder-files a")?.getAttribute("href")).toBe("#/file/9");
    expect(root.textContent).toContain("The first 1 of 1500 files are listed.");
  });

  it("marks a whole folder's components not shipped with the reason given, and says how many", async () => {
    answers.folder = view;
    answers.folder_not_shipped = 3;
    const root = document.createElement("div");
    const c = ctx();
    await foldersView(root, c, "release/vendor");
    const reason = root.querySelector<HTMLInputElement>("#folder-reason");
    if (!reason) throw new Error("no reason");
    reason.value = "build tooling";
    root.querySelector<HTMLButtonElement>("#folder-not-shipped")?.click();
    await vi.waitFor(() => expect(c.say).toHaveBeenCalledWith("3 components under release/vendor marked not shipped"));
    expect(calls.at(-1)).toEqual({ cmd: "folder_not_shipped", args: { request: { path: "release/vendor", reason: "build tooling" } } });
    expect(c.go).toHaveBeenCalledWith("folders/release/vendor");
  });

  it("at the top (the scanned folders) offers no folder decision", async () => {
    answers.folder = { ...view, path: "" };
    const root = document.createElement("div");
    await foldersView(root, ctx(), undefined);
    expect(root.querySelector("#folder-reason")).toBeNull();
    expect(root.querySelector("h1")?.textContent).toBe("Scanned folders");
  });
});
