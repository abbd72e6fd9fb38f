// @vitest-environment jsdom
// A component's file list alone: every file linked to the viewer, its kind said when it is not
// source, filtered by path as the reviewer types, and a long list said to be the first part.
import { describe, expect, it, vi } from "vitest";
import type { FileList, FileRow } from "../bindings";

const file = (id: number, path: string, kind: FileRow["kind"] = "source") => ({ id, path, kind }) as unknown as FileRow;
const componentFiles = vi.fn(async (_component: number, search: string): Promise<FileList> => {
  const all = [file(1, "vendor/zlib/LICENSE", "license"), file(2, "vendor/zlib/inflate.c"), file(3, "vendor/zlib/<b>x</b>.c")];
  const files = all.filter((f) => f.path.includes(search));
  return { total: search ? files.length : 250, files };
});
vi.mock("../ipc", () => ({ api: { componentFiles: (c: number, s: string) => componentFiles(c, s) } }));
const { allFilesSection } = await import("./component-files");

describe("a component's file list", () => {
  it("links every file, names non-source kinds, says when it shows only the first ones, and filters by path", async () => {
    const section = allFilesSection(7);
    document.body.replaceChildren(section.root);
    await section.draw();
    expect(componentFiles).toHaveBeenLastCalledWith(7, "");
    const items = [...section.root.querySelectorAll("#all-files li")];
    expect(items.map((li) => li.querySelector("a")?.getAttribute("href"))).toEqual(["#/file/1", "#/file/2", "#/file/3"]);
    expect(items[0].querySelector(".tag")?.textContent).toBe("license");
    expect(items[1].querySelector(".tag")).toBeNull();
    expect(section.root.querySelector("#all-files b")).toBeNull();
    expect(section.root.textContent).toContain("first 3 of 250");
    const search = section.root.querySelector<HTMLInputElement>("#file-search");
    if (!search) throw new Error("no search");
    search.value = "inflate";
    search.dispatchEvent(new Event("input"));
    await vi.waitFor(() => expect(componentFiles).toHaveBeenLastCalledWith(7, "inflate"));
    await vi.waitFor(() => expect(section.root.querySelectorAll("#all-files li").length).toBe(1));
    expect(section.root.textContent).toContain("1 file");
  });
});
