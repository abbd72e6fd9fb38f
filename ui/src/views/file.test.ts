// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import type { Region } from "../bindings";
import { LINES_PER_CHUNK, codeView, diffView, fewWordsInCommon, scoreLabel } from "./file";

const region = (kind: Region["kind"], start: number, end: number, label: string): Region => ({
  kind,
  start_line: start,
  end_line: end,
  label,
  finding_id: kind === "license" ? 1 : null,
  detector: null,
  score: null,
  false_positive: null,
  notes: [],
  comparable: false,
});

describe("the file viewer", () => {
  it("draws each line as text with its marks and the label where a region starts", () => {
    const code = codeView("// SPDX-License-Identifier: MIT\n// Copyright 2020 <b>A</b>\nint x;\n", [
      region("license", 1, 1, "MIT"),
      region("copyright", 2, 2, "Copyright 2020 <b>A</b>"),
    ]);
    expect(code.querySelector("b")).toBeNull();
    expect(code.querySelector("#L1")?.className).toBe("line lic");
    expect(code.querySelector("#L2")?.className).toBe("line copy");
    expect(code.querySelector("#L3")?.className).toBe("line");
    expect(code.querySelector("#L1 .gut")?.textContent).toBe("MIT");
    expect(code.querySelector("#L2 .tx")?.textContent).toBe("// Copyright 2020 <b>A</b>");
  });

  it("draws a long file a chunk at a time, the rest on request", () => {
    const text = Array.from({ length: LINES_PER_CHUNK + 10 }, (_, i) => `line ${i + 1}`).join("\n");
    const code = codeView(text, []);
    expect(code.querySelectorAll(".line").length).toBe(LINES_PER_CHUNK);
    const more = code.querySelector<HTMLButtonElement>("#more-lines");
    expect(more?.textContent).toBe("Show 10 more lines (10 left)");
    more?.click();
    expect(code.querySelectorAll(".line").length).toBe(LINES_PER_CHUNK + 10);
    expect(code.querySelector("#more-lines")).toBeNull();
  });

  it("compares with the reference word by word, and says what its share of words means", () => {
    const d = diffView({
      finding_id: 1,
      license: "MIT",
      reference: "MIT License",
      parts: [
        { side: "same", text: "Permission is hereby granted" },
        { side: "file", text: "<i>to you</i>" },
        { side: "reference", text: "to any person" },
      ],
      similarity: 0.15,
      notice: null,
    });
    expect(d.querySelector("p")?.textContent).toContain("Against the reference text of MIT — 15% of words in common.");
    expect(d.textContent).toContain("A notice or a reference shares few words with a whole license text");
    expect([...d.querySelectorAll(".diff-text span")].map((s) => s.className)).toEqual(["d-same", "d-file", "d-ref"]);
    expect(d.querySelector(".diff-text i")).toBeNull();
    expect(scoreLabel(0.934)).toBe("confidence 0.93");
    expect(fewWordsInCommon(0.9)).toBe("");
  });
});
