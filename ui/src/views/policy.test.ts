// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { PolicyHit } from "../bindings";

const hit = (over: Partial<PolicyHit>): PolicyHit => ({
  license: "MIT",
  verdict: "allow",
  severity: "ok",
  reason: "permissive",
  source: "concluded",
  component: "tinyjson",
  files: [],
  file_count: 0,
  superseded_by: null,
  ...over,
});
const overview = {
  policy_own: false,
  policy: {
    errors: 1,
    warnings: 1,
    hits: [
      hit({}),
      hit({ license: "GPL-2.0-only", verdict: "review", severity: "warning", component: "<i>kernel</i>", files: ["a.c", "b.c", "c.c", "d.c"], file_count: 5 }),
      hit({ license: "AGPL-3.0-only", verdict: "deny", severity: "error", component: "server" }),
      hit({ license: "GPL-3.0-only", verdict: "deny", severity: "error", source: "detected", superseded_by: "MIT" }),
    ],
  },
};
const setPolicy = vi.fn();
vi.mock("../ipc", () => ({
  api: { overview: async () => overview },
  call: async (cmd: string, args: { text: string }) => {
    if (cmd === "policy_text") return { text: "[licenses]\nallow = []\n", own: false };
    if (cmd === "set_policy") {
      setPolicy(args.text);
      if (args.text.includes("oops")) throw { code: "bad-policy", message: "line 1: oops" };
      return null;
    }
  },
}));
const { policyView } = await import("./policy");
const ctx = () => ({ go: vi.fn(), say: vi.fn(), fail: vi.fn() }) as unknown as Ctx & { fail: ReturnType<typeof vi.fn>; go: ReturnType<typeof vi.fn> };

describe("the policy view", () => {
  it("says which policy judges, lists errors first, and keeps what a conclusion supersedes apart", async () => {
    const root = document.createElement("div");
    await policyView(root, ctx());
    expect(root.querySelector("#policy-summary")?.textContent).toBe("1 license use the policy forbids, and 1 warning.");
    expect(root.textContent).toContain("Judged against the default policy");
    const rows = [...root.querySelectorAll("#policy-table tbody tr")].map((r) => r.querySelector("code")?.textContent);
    expect(rows).toEqual(["AGPL-3.0-only", "GPL-2.0-only", "MIT"]);
    expect(root.querySelector("#policy-table i")).toBeNull();
    expect(root.querySelector("#policy-table")?.textContent).toContain("… and 2 more files");
    expect(root.querySelector("#policy-present code")?.textContent).toBe("GPL-3.0-only");
    // The default is not saved yet: the editor is open, saying so.
    expect(root.querySelector<HTMLDetailsElement>("#policy-editor")?.open).toBe(true);
  });

  it("saves the edited policy, or shows the Rust side's error and stays", async () => {
    const root = document.createElement("div");
    const c = ctx();
    await policyView(root, c);
    const text = root.querySelector<HTMLTextAreaElement>("#policy-text");
    if (!text) throw new Error("no editor");
    text.value = "oops";
    root.querySelector<HTMLButtonElement>("#save-policy")?.click();
    await vi.waitFor(() => expect(c.fail).toHaveBeenCalledWith({ code: "bad-policy", message: "line 1: oops" }));
    expect(c.go).not.toHaveBeenCalled();
    text.value = "[licenses]\ndeny = [\"AGPL-3.0-only\"]\n";
    root.querySelector<HTMLButtonElement>("#save-policy")?.click();
    await vi.waitFor(() => expect(c.go).toHaveBeenCalledWith("policy"));
    expect(setPolicy).toHaveBeenLastCalledWith("[licenses]\ndeny = [\"AGPL-3.0-only\"]\n");
  });
});
