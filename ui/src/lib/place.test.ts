// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { h } from "../dom";
import { restorePlace, takePlace } from "./place";

function page(rows: number[], filter = ""): HTMLElement {
  const search = h("input", { type: "search", "aria-label": "Filter obligations", value: filter });
  const body = h(
    "div",
    { id: "scroller" },
    search,
    ...rows.map((id) =>
      h("div", { "data-obligation": id }, h("select", { class: "ob-status" }, h("option", { value: "open" }, "Open")), h("button", { type: "button", class: "small sign-off" }, "Sign off")),
    ),
    h("button", { type: "button", id: "save-conclusion" }, "Save"),
  );
  document.body.replaceChildren(body);
  return body;
}

describe("a view drawn again keeps the reviewer's place", () => {
  it("keeps the filter text, the scroll position and the focused control", () => {
    const before = page([1, 2, 3]);
    (before.querySelector("input") as HTMLInputElement).value = "MIT";
    before.scrollTop = 120;
    (before.querySelector('[data-obligation="2"] .sign-off') as HTMLElement).focus();
    const place = takePlace(before);
    const after = page([1, 2, 3]);
    let typed = "";
    after.querySelector("input")?.addEventListener("input", (e) => (typed = (e.target as HTMLInputElement).value));
    restorePlace(after, place);
    expect((after.querySelector("input") as HTMLInputElement).value).toBe("MIT");
    expect(typed).toBe("MIT");
    expect(after.scrollTop).toBe(120);
    expect(document.activeElement).toBe(after.querySelector('[data-obligation="2"] .sign-off'));
  });

  it("moves to the row that took the place of one that left the list", () => {
    const before = page([1, 2, 3]);
    (before.querySelector('[data-obligation="2"] .sign-off') as HTMLElement).focus();
    const place = takePlace(before);
    const after = page([1, 3]);
    restorePlace(after, place);
    expect(document.activeElement).toBe(after.querySelector('[data-obligation="3"] .ob-status'));
  });

  it("finds a control by its id", () => {
    const before = page([]);
    (before.querySelector("#save-conclusion") as HTMLElement).focus();
    const place = takePlace(before);
    const after = page([]);
    restorePlace(after, place);
    expect(document.activeElement?.id).toBe("save-conclusion");
  });
});
