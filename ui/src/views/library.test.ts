// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { ConcludeRequest, LibraryEntry, LibraryView, PublishReport } from "../bindings";

const entry = (over: Partial<LibraryEntry>): LibraryEntry => ({
  key: "purl:pkg:npm/shared@2.1.0",
  expression: "MIT",
  status: "approved",
  comment: null,
  reviewer: "Ada Auditor",
  decided_at: "2026-03-01T10:00:00Z",
  release: "Alpha 1.0",
  reason: null,
  evidence_sha256: "abc",
  audit_head: "f00",
  ...over,
});
let view: LibraryView;
let report: PublishReport;
const concluded: ConcludeRequest[] = [];
vi.mock("../ipc", () => ({
  call: async (cmd: string, args: { request?: ConcludeRequest }) => {
    if (cmd === "conclude" && args.request) {
      concluded.push(args.request);
      return {};
    }
    if (cmd === "publish_release") return report;
    return view;
  },
}));
const { libraryView, provenance, summary } = await import("./library");
const ctx = () => ({ say: vi.fn(), fail: vi.fn() }) as unknown as Ctx;

describe("decision library", () => {
  it("says where a decision came from", () => {
    expect(provenance(entry({}))).toBe("Alpha 1.0 (Ada Auditor, 2026-03-01)");
    expect(provenance(entry({ release: null, reason: "checked by legal", reviewer: "Lee" }))).toBe("a curation by Lee (2026-03-01): checked by legal");
  });

  it("shows suggestions with why they are not taken, and concludes one only when asked", async () => {
    view = {
      library: "/data/library.sqlite",
      taken: 3,
      plan: {
        apply: [],
        suggestions: [{ component_id: 7, component: "shared 2.1.0", kind: "conclusion", entry: entry({}), why: "the evidence differs: LICENSE changed" }],
        conflicts: [
          {
            component_id: 9,
            component: "memchr 2.8.3",
            entries: [entry({ expression: "MIT" }), entry({ expression: "Unlicense", release: "Gamma 1.0" })],
          },
        ],
        false_positives: 0,
      },
    };
    const root = document.createElement("div");
    await libraryView(root, ctx());
    expect(root.querySelector("#library-summary")?.textContent).toContain(summary(view));
    expect(summary(view)).toBe("3 conclusions taken from the library · 0 more to take · 1 suggestion · 1 conflict");
    expect(root.querySelector("#take-library")).toBeNull();
    const conflict = [...root.querySelectorAll("#library-conflicts .conflict-entry")].map((e) => e.textContent);
    expect(conflict).toHaveLength(2);
    expect(conflict[1]).toContain("Unlicense");
    const row = root.querySelector('#library-suggestions tr[data-component="7"]');
    expect(row?.textContent).toContain("LICENSE changed");
    expect(concluded).toHaveLength(0);
    row?.querySelector<HTMLButtonElement>(".take-suggestion")?.click();
    await vi.waitFor(() => expect(concluded).toHaveLength(1));
    expect(concluded[0].component).toBe(7);
    expect(concluded[0].expression).toBe("MIT");
    expect(concluded[0].comment).toContain("as the library suggested: Alpha 1.0");
  });

  it("says an unapproved release's decisions stay out of the library", async () => {
    view = { library: null, taken: 0, plan: { apply: [], suggestions: [], conflicts: [], false_positives: 0 } };
    report = { product: "Beta", version: "0.9", approved: false, replaced: false, components: 4, conclusions: 0, false_positives: 0, exclusions: 0, license_refs: 0 };
    const root = document.createElement("div");
    await libraryView(root, ctx());
    expect(root.querySelector("#library-summary")?.textContent).toContain("no decision library");
    root.querySelector<HTMLButtonElement>("#publish-release")?.click();
    await vi.waitFor(() => expect(root.querySelector("#library-published")?.textContent).toContain("not approved"));
    expect(root.querySelector("#library-published")?.className).toBe("notice warn");
  });
});
