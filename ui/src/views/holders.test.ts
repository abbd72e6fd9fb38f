// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { HolderRow } from "../bindings";

const rows: HolderRow[] = [
  {
    holder: "<b>Evil</b> Corp",
    statements: 2,
    files: 2,
    components: [
      { id: 1, name: "a", version: "1.0" },
      { id: 2, name: "b", version: null },
    ],
    component_count: 5,
    example: "(c) <script>x</script>",
  },
];
const holders = vi.fn(async (_args: { search: string }) => rows);
vi.mock("../ipc", () => ({ call: (_cmd: string, args: { search: string }) => holders(args) }));
const { componentLinks, holdersView } = await import("./holders");

describe("the copyright holders view", () => {
  it("links each holder's components and counts the rest", () => {
    const p = document.createElement("p");
    p.append(...componentLinks(rows[0]));
    expect(p.textContent).toBe("a 1.0, b and 3 more");
    expect([...p.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual(["#/component/1", "#/component/2"]);
  });

  it("shows holders and statements as text, and searches as the reviewer types", async () => {
    const root = document.createElement("div");
    await holdersView(root, { fail: vi.fn() } as unknown as Ctx);
    expect(root.querySelector("#holder-count")?.textContent).toBe("1 holder");
    expect(root.querySelector("#holders-table strong")?.textContent).toBe("<b>Evil</b> Corp");
    expect(root.querySelector("#holders-table b, #holders-table script")).toBeNull();
    const search = root.querySelector<HTMLInputElement>("#holder-search");
    if (!search) throw new Error("no search");
    search.value = "evil";
    search.dispatchEvent(new Event("input"));
    await vi.waitFor(() => expect(holders).toHaveBeenLastCalledWith({ search: "evil" }));
  });
});
