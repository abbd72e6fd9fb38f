import { describe, expect, it } from "vitest";
import type { ObligationRow } from "../bindings";
import { groupsOf } from "./obligations";

const row = (id: number, component_id: number, license: string, key: string): ObligationRow => ({
  id,
  component_id,
  component: `c${component_id}`,
  license,
  key,
  kind: "attribution",
  scope: "library",
  summary: key,
  derivation: null,
  status: "open",
  note: null,
  reviewer: null,
  decided_at: null,
  carried_from: null,
});

describe("obligation groups", () => {
  it("put one license's obligation of every component together, largest first", () => {
    const groups = groupsOf([row(1, 1, "MIT", "notice"), row(2, 2, "MIT", "notice"), row(3, 2, "ISC", "notice"), row(4, 3, "MIT", "text")]);
    expect(groups.map((g) => [g.license, g.key, g.rows.length])).toEqual([
      ["MIT", "notice", 2],
      ["ISC", "notice", 1],
      ["MIT", "text", 1],
    ]);
  });
});
