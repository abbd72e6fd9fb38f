// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { ReleaseSummary, UsedIn } from "../bindings";

const release = (over: Partial<ReleaseSummary>): ReleaseSummary => ({
  product: "Skyline",
  version: "2.4",
  approved: true,
  approved_by: "Ada",
  approved_at: "2026-10-02T10:00:00Z",
  published_by: "Ada",
  published_at: "2026-10-02T11:00:00Z",
  components: 10,
  open_obligations: 0,
  open_vulnerabilities: null,
  license_mix: [["MIT", 6], ["Apache-2.0", 4]],
  review: "/reviews/skyline-2.4.clearance",
  ...over,
});
let releases: ReleaseSummary[] | null = null;
const queries: string[] = [];
const used: UsedIn[] = [
  { product: "Skyline", release: "Skyline 2.4", approved: true, name: "openssl", version: "0.10.54", purl: "pkg:cargo/openssl@0.10.54", shipped: true, concluded: "Apache-2.0", unreadable_version: false },
];
vi.mock("../ipc", () => ({
  call: async (cmd: string, args: { query?: string }) => {
    if (cmd === "where_used") {
      queries.push(args.query ?? "");
      return used;
    }
    return releases;
  },
}));
const { portfolioView, byMonth, mixShares, age } = await import("./portfolio");
const ctx = () => ({ say: vi.fn(), fail: vi.fn() }) as unknown as Ctx;

describe("portfolio", () => {
  it("counts releases by month, approved apart from those in review", () => {
    const months = byMonth([
      release({}),
      release({ version: "2.5", approved: false, approved_at: null, published_at: "2026-11-03T09:00:00Z" }),
      release({ product: "Harbor", version: "1.0", approved_at: "2026-11-20T09:00:00Z" }),
    ]);
    expect(months).toEqual([
      { month: "2026-10", approved: 1, inReview: 0 },
      { month: "2026-11", approved: 1, inReview: 1 },
    ]);
  });

  it("keeps the five largest licenses and folds the rest into other", () => {
    const r = release({ license_mix: [["MIT", 5], ["Apache-2.0", 4], ["ISC", 3], ["BSD-3-Clause", 2], ["Zlib", 2], ["0BSD", 1], ["Unlicense", 1]] });
    const shares = mixShares(r);
    expect(shares.map((s) => s.license)).toEqual(["MIT", "Apache-2.0", "ISC", "BSD-3-Clause", "Zlib", "other"]);
    expect(shares.at(-1)?.count).toBe(2);
    expect(shares.reduce((n, s) => n + s.share, 0)).toBeCloseTo(1);
    expect(mixShares(release({ license_mix: [] }))).toEqual([]);
  });

  it("says a release's age in days", () => {
    expect(age("2026-12-01T00:00:00Z", new Date("2026-12-06T12:00:00Z"))).toBe("5 days");
    expect(age("2026-12-06T10:00:00Z", new Date("2026-12-06T12:00:00Z"))).toBe("today");
  });

  it("lists every release with its state and mix, and answers where-used", async () => {
    releases = [release({}), release({ version: "2.5", approved: false, approved_at: null, open_vulnerabilities: 3 })];
    const root = document.createElement("div");
    await portfolioView(root, ctx());
    const rows = [...root.querySelectorAll("#portfolio-table tbody tr")];
    expect(rows.map((r) => r.getAttribute("data-release"))).toEqual(["Skyline 2.4", "Skyline 2.5"]);
    expect(rows[1].textContent).toContain("in review");
    expect(rows[1].textContent).toContain("3");
    expect(rows[0].textContent).toContain("not matched");
    expect(root.querySelector(".mix-bar")?.getAttribute("aria-label")).toBe("MIT 6, Apache-2.0 4");
    expect(root.querySelector("#portfolio-summary")?.textContent).toBe("2 releases of 1 product; 1 approved, 1 in review");
    const input = root.querySelector<HTMLInputElement>("#where-used-query");
    if (!input) throw new Error("no where-used box");
    input.value = " pkg:cargo/openssl@<0.10.55 ";
    root.querySelector<HTMLButtonElement>("#where-used-search")?.click();
    await vi.waitFor(() => expect(root.querySelector("#where-used-result")?.textContent).toContain("openssl 0.10.54"));
    expect(queries).toEqual(["pkg:cargo/openssl@<0.10.55"]);
  });

  it("says how to start when nothing is published", async () => {
    releases = null;
    const root = document.createElement("div");
    await portfolioView(root, ctx());
    expect(root.querySelector("#portfolio-empty")?.textContent).toContain("publish");
    expect(root.querySelector("#where-used-query")).not.toBeNull();
  });
});
