// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { VulnerabilityList, VulnerabilityRow } from "../bindings";

const row = (over: Partial<VulnerabilityRow>): VulnerabilityRow => ({
  component_id: 1,
  component: "smallvec 0.6.9",
  advisory_id: "RUSTSEC-2021-0003",
  aliases: ["CVE-2021-25900"],
  summary: "Buffer overflow in SmallVec::insert_many",
  exposure: "affected",
  why: null,
  modified: "2026-07-17T15:52:38Z",
  score: 9.8,
  severity: "critical",
  vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  ...over,
});
let answer: VulnerabilityList = { snapshot: null, rows: [] };
vi.mock("../ipc", () => ({ call: async () => answer }));
const { shown, snapshotLine, vulnerabilitiesView } = await import("./vulnerabilities");

describe("the vulnerabilities view", () => {
  it("says how to match when the review was never matched", async () => {
    answer = { snapshot: null, rows: [] };
    const root = document.createElement("div");
    await vulnerabilitiesView(root, {} as Ctx);
    expect(root.querySelector("#vulnerability-snapshot")?.textContent).toContain("clearance advisories match");
    expect(root.querySelector("#vulnerability-count")?.textContent).toBe("0 vulnerabilities");
  });

  it("lists affected first, as text, each linked to its component, filtered and searched", async () => {
    answer = {
      snapshot: { hash: "h", records: 3867, newest: "2026-08-21T06:28:40Z", matched_at: "2026-12-06T10:00:00Z" },
      rows: [
        row({ component_id: 2, component: "django 3.2.1", advisory_id: "PYSEC-1", aliases: ["CVE-2021-1"], summary: "SQL injection", exposure: "possibly", why: "the component's version is not known" }),
        row({}),
        row({ component_id: 3, component: "<b>evil</b> 1.0", advisory_id: "GHSA-x", aliases: [], summary: "<script>x</script>", exposure: "undecidable" }),
      ],
    };
    expect(snapshotLine(answer)).toBe("Matched 2026-12-06 10:00 UTC against 3,867 advisories, the newest of 2026-08-21.");
    const root = document.createElement("div");
    await vulnerabilitiesView(root, {} as Ctx);
    const ids = () => [...root.querySelectorAll("#vulnerabilities-table tbody tr")].map((tr) => tr.getAttribute("data-vulnerability"));
    expect(ids()).toEqual(["RUSTSEC-2021-0003", "PYSEC-1", "GHSA-x"]);
    expect(root.querySelector("#vulnerabilities-table b, #vulnerabilities-table script")).toBeNull();
    expect(root.querySelector("#vulnerabilities-table a")?.getAttribute("href")).toBe("#/component/1");
    expect(root.querySelector("#vulnerabilities-table tbody td.num")?.textContent).toBe("critical 9.8");
    expect(root.querySelector("#exposure-filter option[value='affected']")?.textContent).toBe("Affected (1)");
    const filter = root.querySelector<HTMLSelectElement>("#exposure-filter");
    if (!filter) throw new Error("no filter");
    filter.value = "possibly";
    filter.dispatchEvent(new Event("change"));
    expect(ids()).toEqual(["PYSEC-1"]);
    expect(root.querySelector("#vulnerabilities-table tbody")?.textContent).toContain("the component's version is not known");
    expect(shown(answer.rows, "", "smallvec 25900").map((r) => r.advisory_id)).toEqual(["RUSTSEC-2021-0003"]);
  });
});

describe("the vulnerabilities' order", () => {
  it("puts the sure ones first, the most severe first among them, unscored last", () => {
    const rows = [
      row({ advisory_id: "LOW", score: 3.1, severity: "low" }),
      row({ advisory_id: "NONE", score: null, severity: null, vector: null }),
      row({ advisory_id: "HIGH", score: 8.1, severity: "high" }),
      row({ advisory_id: "MAYBE", score: 9.9, exposure: "possibly" }),
    ];
    expect(shown(rows, "", "").map((r) => r.advisory_id)).toEqual(["HIGH", "LOW", "NONE", "MAYBE"]);
  });
});
