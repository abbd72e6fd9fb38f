// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { h } from "./dom";
import { codeView } from "./views/file";

describe("h", () => {
  it("turns strings into text, never markup", () => {
    const el = h("div", {}, "<img src=x onerror=alert(1)>", h("b", {}, "<script>x</script>"));
    expect(el.querySelector("img")).toBeNull();
    expect(el.querySelector("script")).toBeNull();
    expect(el.textContent).toBe("<img src=x onerror=alert(1)><script>x</script>");
  });
  it("sets styles through the CSSOM, which the CSP allows", () => {
    const el = h("span", { style: "width: 40%; top: 32px" });
    expect(el.style.width).toBe("40%");
    expect(el.style.top).toBe("32px");
  });
  it("binds handlers and skips absent attributes", () => {
    let clicked = 0;
    const b = h("button", { onclick: () => clicked++, disabled: false, title: null });
    b.click();
    expect(clicked).toBe(1);
    expect(b.hasAttribute("disabled")).toBe(false);
    expect(b.hasAttribute("title")).toBe(false);
  });
});

describe("the file viewer", () => {
  it("shows hostile file content literally, with its regions marked", () => {
    const text = "// header\n// <img src=x onerror=alert(1)>\nlet x = '</div><script>alert(2)</script>';\n";
    const view = codeView(text, [
      { kind: "license", start_line: 1, end_line: 2, label: "MIT", finding_id: 1, detector: "spdx-tag", score: 1, false_positive: null, notes: [], comparable: false },
    ]);
    expect(view.querySelectorAll("img, script").length).toBe(0);
    expect(view.textContent).toContain("<img src=x onerror=alert(1)>");
    expect(view.textContent).toContain("</div><script>alert(2)</script>");
    expect(view.querySelectorAll(".line").length).toBe(3);
    expect(view.querySelectorAll(".line.lic").length).toBe(2);
  });
  it("draws long files a chunk at a time", () => {
    const text = Array.from({ length: 12001 }, (_, i) => `line ${i + 1}`).join("\n");
    const view = codeView(text, []);
    expect(view.querySelectorAll(".line").length).toBe(5000);
    (view.querySelector("#more-lines") as HTMLButtonElement).click();
    expect(view.querySelectorAll(".line").length).toBe(10000);
  });
});

describe("a finding's score", () => {
  it("is called what it is, and the comparison says why a notice shares few words", async () => {
    const { SCORE_MEANS, fewWordsInCommon, scoreLabel } = await import("./views/file");
    expect(scoreLabel(1)).toBe("confidence 1.00");
    expect(SCORE_MEANS).toMatch(/Not the words in common/);
    expect(fewWordsInCommon(0.15)).toMatch(/few words/);
    expect(fewWordsInCommon(0.9)).toBe("");
  });
});
