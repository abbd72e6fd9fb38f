// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import type { Overview } from "../bindings";
import { policyLabel, vulnerabilityStat } from "./overview";

const overview = (own: boolean, hits: { license: string; severity: string }[]) =>
  ({ policy_own: own, policy: { errors: 0, warnings: hits.length, hits } }) as unknown as Overview;

describe("the policy card", () => {
  it("says which policy it counts against and what waits for review, though no license is denied", () => {
    const label = policyLabel(
      overview(false, [
        { license: "GPL-2.0-only", severity: "warning" },
        { license: "GPL-2.0-only", severity: "warning" },
        { license: "MPL-2.0", severity: "warning" },
        { license: "MIT", severity: "ok" },
      ]),
    );
    expect(label).toContain("the default policy");
    expect(label).toContain("to review: GPL-2.0-only, MPL-2.0");
    expect(label).not.toContain("MIT");
    expect(policyLabel(overview(true, []))).toBe("policy errors under the review's policy; nothing to review");
  });
});

describe("the vulnerabilities card", () => {
  it("counts what is open by severity and says how old the advisories are", () => {
    const o = {
      vulnerabilities: {
        snapshot: { hash: "h", records: 3867, newest: "2026-08-21T06:28:40Z", matched_at: "2026-12-03T10:00:00Z" },
        found: 7,
        open: [
          { severity: "critical", count: 1 },
          { severity: null, count: 2 },
        ],
      },
    } as unknown as Overview;
    const card = vulnerabilityStat(o, new Date("2026-12-03T12:00:00Z"));
    expect(card.querySelector(".value")?.textContent).toBe("3");
    expect(card.querySelector(".label")?.textContent).toBe("open of 7 known vulnerabilities (1 critical, 2 unknown) — advisories from 2026-08-21, 104 days old");
    expect(card.classList.contains("bad")).toBe(true);
    const never = vulnerabilityStat({ vulnerabilities: null } as unknown as Overview);
    expect(never.textContent).toContain("not matched against advisories yet");
  });
});
