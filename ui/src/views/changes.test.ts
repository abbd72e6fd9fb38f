// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import type { ComponentChange } from "../bindings";
import { diffSections } from "./changes";

const change = (over: Partial<ComponentChange>): ComponentChange => ({
  id: null,
  name: "x",
  ecosystem: "npm",
  old_version: null,
  new_version: null,
  changes: [],
  ...over,
});

describe("the changes since an earlier release", () => {
  it("shows each kind of change with its count, versions and what changed, as text", () => {
    const [added, removed, changed] = diffSections({
      added: [change({ id: 4, name: "<b>evil</b>", new_version: "1.0.0", changes: ["declared <i>MIT</i>"] })],
      removed: [change({ name: "left-pad", old_version: "1.3.0", changes: ["declared WTFPL"] })],
      changed: [change({ id: 9, name: "aes", old_version: "0.8.3", new_version: "0.8.4", changes: ["version 0.8.3 → 0.8.4", "LICENSE-MIT changed"] })],
    });
    expect(added.querySelector("h2")?.textContent).toBe("Added (1)");
    // Names and what a manifest said are text, never markup; a component in the open review is a link.
    expect(added.querySelector("b, i")).toBeNull();
    expect(added.querySelector("a")?.textContent).toBe("<b>evil</b>");
    expect(added.querySelector("a")?.getAttribute("href")).toBe("#/component/4");
    // A removed component is not in the open review: no link.
    expect(removed.querySelector("a")).toBeNull();
    expect(removed.querySelector("td:nth-child(2)")?.textContent).toBe("1.3.0");
    expect(changed.querySelector("td:nth-child(2)")?.textContent).toBe("0.8.3 → 0.8.4");
    expect([...changed.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["version 0.8.3 → 0.8.4", "LICENSE-MIT changed"]);
  });

  it("says so when a kind has nothing", () => {
    const sections = diffSections({ added: [], removed: [], changed: [] });
    expect(sections.map((s) => s.querySelector("h2")?.textContent)).toEqual(["Added (0)", "Removed (0)", "Changed (0)"]);
    expect(sections.every((s) => s.querySelector("table") === null && s.querySelector("p.muted") !== null)).toBe(true);
  });
});
