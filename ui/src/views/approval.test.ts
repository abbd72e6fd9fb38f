// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { Overview } from "../bindings";

let overview: unknown;
const approve = vi.fn(async (_reason: string | null) => ({}));
const reopen = vi.fn(async (_reason: string) => null);
vi.mock("../ipc", () => ({
  api: { overview: async () => overview, approve: (r: string | null) => approve(r), reopen: (r: string) => reopen(r) },
}));
const { approvalView } = await import("./approval");

const status = (over: Record<string, unknown>) =>
  ({
    status: {
      approval: { approved: false, reviewer: null, at: null, reason: null, advisories: null },
      blockers: { unconcluded: [], open_obligations: [], vulnerabilities: [], second_review: [] },
      lapsed: [],
      ...over,
    },
  }) as unknown as Overview;
const ctx = () => ({ reviewer: "Erin <erin@example.com>", go: vi.fn(), say: vi.fn(), fail: vi.fn() }) as unknown as Ctx;

describe("the approval view", () => {
  it("lists what blocks approval, and approving despite it is an override with a reason", async () => {
    overview = status({
      blockers: { unconcluded: ["<b>evil</b> 1.0"], open_obligations: ["MIT attribution of tinyjson"], vulnerabilities: ["smallvec 0.6.9: RUSTSEC-2019-0009 (critical)"], second_review: ["tinyjson 0.8.1: check both texts (Rita)"] },
      lapsed: [{ kind: "finding-decision", target: "src/a.c", decision: "{}", reason: "the file changed", lapsed_at: "2026-12-06T10:00:00Z" }],
    });
    const root = document.createElement("div");
    const c = ctx();
    await approvalView(root, c);
    expect(root.querySelector("#approval-state")?.textContent).toBe("Not approved. What is still open:");
    expect(root.querySelector("#blocker-unconcluded li")?.textContent).toBe("<b>evil</b> 1.0");
    expect(root.querySelector("#blocker-unconcluded b")).toBeNull();
    expect(root.querySelector("#blocker-vulnerabilities li")?.textContent).toBe("smallvec 0.6.9: RUSTSEC-2019-0009 (critical)");
    expect(root.querySelector("#blocker-second-review li")?.textContent).toBe("tinyjson 0.8.1: check both texts (Rita)");
    expect(root.querySelector("#approve")?.textContent).toBe("Approve with override");
    expect(root.querySelector("tbody td")?.textContent).toBe("Decisions on a finding: src/a.c");
    const reason = root.querySelector<HTMLTextAreaElement>("#approval-reason");
    if (!reason) throw new Error("no reason");
    reason.value = "  tracked in JIRA-1 ";
    root.querySelector<HTMLButtonElement>("#approve")?.click();
    await vi.waitFor(() => expect(c.go).toHaveBeenCalledWith("approval"));
    expect(approve).toHaveBeenCalledWith("tracked in JIRA-1");
  });

  it("an approved review says who approved it, and offers only reopening", async () => {
    overview = status({ approval: { approved: true, reviewer: "Erin", at: "2026-12-06T10:00:00Z", reason: "all clear", advisories: "0123456789abcdef" } });
    const root = document.createElement("div");
    const c = ctx();
    await approvalView(root, c);
    expect(root.querySelector("#approval-state")?.textContent).toMatch(/^Approved by Erin on 2026-12-06 10:00 UTC — all clear; known vulnerabilities as of advisory snapshot 0123456789ab\. The review is frozen/);
    expect(root.querySelector("#approve")).toBeNull();
    root.querySelector<HTMLButtonElement>("#reopen")?.click();
    await vi.waitFor(() => expect(reopen).toHaveBeenCalled());
  });
});
