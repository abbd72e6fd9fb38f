// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { ClaimRequest, Disagreement, SupplierDiff } from "../bindings";

const disagreement = (over: Partial<Disagreement>): Disagreement => ({
  kind: "version",
  package: "cargo/tinyjson",
  name: "tinyjson",
  sbom: "0.8.0",
  scan: "0.8.1",
  component_id: 6,
  decision: null,
  ...over,
});
let answer: SupplierDiff;
const sent: ClaimRequest[] = [];
vi.mock("../ipc", () => ({
  call: async (cmd: string, args: { request?: ClaimRequest }) => {
    if (cmd === "resolve_claim" && args.request) {
      sent.push(args.request);
      const r = args.request;
      answer.versions_differ[0].decision = {
        package: r.package,
        kind: r.kind,
        claim: "0.8.0",
        evidence: "0.8.1",
        state: r.state,
        note: r.note,
        reviewer: "Erin",
        decided_at: "2026-12-06T10:00:00Z",
      };
      return answer.versions_differ[0].decision;
    }
    return answer;
  },
}));
const { supplierView, rows } = await import("./supplier");
const ctx = () => ({ say: vi.fn(), fail: vi.fn() }) as unknown as Ctx;

describe("the supplier SBOM view", () => {
  it("says how to start when the review holds no SBOM", async () => {
    answer = { documents: [], matched: 0, only_in_sbom: [], only_in_scan: [], versions_differ: [], licenses_differ: [], stale: [] };
    const root = document.createElement("div");
    await supplierView(root, ctx());
    expect(root.querySelector("#supplier-summary")?.textContent).toContain("No supplier SBOM in this review yet");
    expect(root.querySelector("#import-sbom")).not.toBeNull();
  });

  it("lists every disagreement as text, undecided first, and decides one with a note", async () => {
    answer = {
      documents: ["/deliveries/acme.cdx.json"],
      matched: 4,
      only_in_sbom: [disagreement({ kind: "only-in-sbom", package: "npm/lodash", name: "<b>lodash</b> 4.17.21", sbom: "4.17.21", scan: "-", component_id: 9 })],
      only_in_scan: [],
      versions_differ: [disagreement({})],
      licenses_differ: [
        disagreement({
          kind: "license",
          package: "npm/@acme/colors",
          name: "@acme/colors 3.1.0",
          sbom: "Apache-2.0",
          scan: "MIT",
          decision: { package: "npm/@acme/colors", kind: "license", claim: "Apache-2.0", evidence: "MIT", state: "rejected", note: "says MIT", reviewer: "Erin", decided_at: "2026-12-06T09:00:00Z" },
        }),
      ],
      stale: [],
    };
    expect(rows(answer).map((r) => r.kind)).toEqual(["only-in-sbom", "version", "license"]);
    const root = document.createElement("div");
    const c = ctx();
    await supplierView(root, c);
    expect(root.querySelector("#supplier-summary")?.textContent).toBe("4 packages agree; 3 disagreements, 2 undecided (/deliveries/acme.cdx.json)");
    expect(root.querySelector("#supplier-table b")).toBeNull();
    expect(root.querySelector("[data-kind='license'] .claim")?.textContent).toBe("rejected: says MIT");
    const row = root.querySelector("[data-kind='version']");
    const note = row?.querySelector<HTMLInputElement>(".claim-note");
    if (!note) throw new Error("no note");
    note.value = "0.8.1 is 0.8.0 with a security fix";
    row?.querySelector<HTMLButtonElement>(".claim-accept")?.click();
    await vi.waitFor(() => expect(sent.length).toBe(1));
    expect(sent[0]).toEqual({ package: "cargo/tinyjson", kind: "version", state: "accepted", note: "0.8.1 is 0.8.0 with a security fix" });
    await vi.waitFor(() => expect(root.querySelector("[data-kind='version'] .claim")?.textContent).toBe("accepted: 0.8.1 is 0.8.0 with a security fix"));
    expect(c.fail).not.toHaveBeenCalled();
  });
});
