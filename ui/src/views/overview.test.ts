import { describe, expect, it } from "vitest";
import type { Overview } from "../bindings";
import { policyLabel } from "./overview";

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
