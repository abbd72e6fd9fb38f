// @vitest-environment jsdom
// The component page over a typed answer: what it shows, and what its buttons send.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { ComponentDetail, ConcludeRequest } from "../bindings";

const detail: ComponentDetail = {
  component: {
    id: 7,
    root: "rel",
    dir: "node_modules/mixed",
    manifest_path: "node_modules/mixed/package.json",
    ecosystem: "npm",
    name: "mixed",
    version: "1.0.0",
    purl: "pkg:npm/mixed@1.0.0",
    declared_license: "MIT",
    declared_original: "MIT",
    homepage: null,
    supplier: null,
    is_root: false,
    source: "manifest",
    detected: ["GPL-2.0-only", "MIT"],
    files: 3,
    conclusion: null,
    suggestion: { expression: "MIT AND GPL-2.0-only", reason: "declared MIT; its files also say GPL-2.0-only" },
    open_obligations: 0,
    not_shipped: null,
    clarity: 75,
    clarity_gaps: ["detected-disagrees"],
  },
  files: [
    {
      id: 41,
      path: "node_modules/mixed/gpl.c",
      kind: "source",
      findings: [{ id: 901, detector: "spdx-tag", expression: "GPL-2.0-only", score: 1, lines: [1, 1], false_positive: null }],
      copyrights: [],
    },
  ],
  file_count: 3,
  comments: [],
  excluded: null,
  obligations: [],
  depends_on: [],
  used_by: [{ id: 2, name: "app", version: "1.0.0" }],
  vulnerabilities: [
    {
      component_id: 7,
      component: "mixed 1.0.0",
      advisory_id: "GHSA-aaaa-bbbb-cccc",
      aliases: ["CVE-2026-1"],
      summary: "Prototype pollution",
      exposure: "affected",
      why: null,
      modified: "2026-07-01T00:00:00Z",
      score: 8.1,
      severity: "high",
      vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
      triage: null,
      shipped: true,
    },
  ],
};

const conclude = vi.fn(async (_r: ConcludeRequest) => detail);
const falsePositive = vi.fn(async (_ids: number[], _reason: string, _undo: boolean) => 1);
vi.mock("../ipc", () => ({
  api: {
    componentDetail: vi.fn(async () => detail),
    componentFiles: vi.fn(async () => ({ total: 3, files: [] })),
    checkExpression: vi.fn(async (text: string) => ({ valid: true, canonical: text, message: null })),
    completeLicense: vi.fn(async () => [{ id: "MIT-Wu", name: "MIT Tom Wu Variant", exception: false }]),
    conclude: (r: ConcludeRequest) => conclude(r),
    falsePositive: (ids: number[], reason: string, undo: boolean) => falsePositive(ids, reason, undo),
  },
}));

const { componentView } = await import("./component");

const ctx = (): Ctx & { said: string[]; went: string[] } => {
  const said: string[] = [];
  const went: string[] = [];
  return {
    said,
    went,
    review: null,
    reviewer: "Ada <ada@example.org>",
    go: (r) => went.push(r),
    fail: (e) => {
      throw e;
    },
    say: (t) => said.push(t),
    opened: () => {},
    askReviewer: async () => null,
  };
};

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

describe("the component page", () => {
  beforeEach(() => {
    document.body.replaceChildren();
    conclude.mockClear();
    falsePositive.mockClear();
  });

  it("shows what the component declares and what its files say, and who uses it", async () => {
    const root = document.body.appendChild(document.createElement("main"));
    const cleanup = await componentView(root, ctx(), "7");
    expect(byId("component-name").textContent).toBe("mixed 1.0.0");
    expect(root.textContent).toContain("GPL-2.0-only, MIT");
    expect(byId("used-by").textContent).toBe("app 1.0.0");
    expect(byId("component-supplier").textContent).toContain("not stated by its manifest");
    expect(root.querySelector("#component-files [data-finding='901']")?.textContent).toContain("spdx-tag");
    expect(root.querySelector("#component-vulnerabilities h2")?.textContent).toBe("Known vulnerabilities (1 open)");
    expect(root.querySelector("#component-vulnerabilities [data-vulnerability='GHSA-aaaa-bbbb-cccc']")?.textContent).toContain("high 8.1");
    expect(root.querySelector("#component-vulnerabilities .triage-open")?.textContent).toBe("Triage…");
    cleanup();
  });

  it("saves the suggestion put in by its chip, untouched by the completion list, and draws the page again", async () => {
    const root = document.body.appendChild(document.createElement("main"));
    const c = ctx();
    const cleanup = await componentView(root, c, "7");
    byId<HTMLButtonElement>("use-suggestion").click();
    await new Promise((r) => setTimeout(r, 0));
    expect(root.querySelectorAll(".expression li").length).toBe(0);
    byId<HTMLSelectElement>("component-status").value = "needs-info";
    byId<HTMLTextAreaElement>("conclusion-comment").value = "  GPL file to be checked  ";
    byId<HTMLButtonElement>("save-conclusion").click();
    await vi.waitFor(() => expect(conclude).toHaveBeenCalled());
    expect(conclude).toHaveBeenLastCalledWith({
      component: 7,
      expression: "MIT AND GPL-2.0-only",
      status: "needs-info",
      comment: "GPL file to be checked",
    });
    await vi.waitFor(() => expect(c.went).toEqual(["component/7"]));
    expect(c.said).toEqual(["mixed: conclusion saved"]);
    cleanup();
  });

  it("marks the ticked findings false positive with the reason given", async () => {
    const root = document.body.appendChild(document.createElement("main"));
    const cleanup = await componentView(root, ctx(), "7");
    const tick = root.querySelector<HTMLInputElement>("[data-finding='901'] input[type=checkbox]");
    if (!tick) throw new Error("a tick box on the finding");
    tick.checked = true;
    tick.dispatchEvent(new Event("change"));
    byId<HTMLInputElement>("fp-reason").value = "test fixture";
    byId<HTMLButtonElement>("mark-fp").click();
    await vi.waitFor(() => expect(falsePositive).toHaveBeenCalledWith([901], "test fixture", false));
    cleanup();
  });
});
