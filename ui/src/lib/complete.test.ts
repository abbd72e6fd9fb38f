import { describe, expect, it } from "vitest";
import { applyChoice, tokenAt } from "./complete";

describe("tokenAt", () => {
  it("finds the id being typed at the cursor", () => {
    expect(tokenAt("MIT OR apa", 10)).toEqual({ start: 7, end: 10, word: "apa" });
    expect(tokenAt("(GPL-2.0 WITH Class", 19)).toEqual({ start: 14, end: 19, word: "Class" });
    expect(tokenAt("GPL-2.0+", 3)?.word).toBe("GPL-2.0+");
  });
  it("offers nothing on operators or spaces", () => {
    expect(tokenAt("MIT OR", 6)).toBeNull();
    expect(tokenAt("MIT and", 7)).toBeNull();
    expect(tokenAt("MIT ", 4)).toBeNull();
  });
});

describe("applyChoice", () => {
  it("replaces only the token and puts the cursor after it", () => {
    const t = tokenAt("MIT OR apa AND BSD", 10);
    if (!t) throw new Error("a token at 10");
    expect(applyChoice("MIT OR apa AND BSD", t, "Apache-2.0")).toEqual({ text: "MIT OR Apache-2.0 AND BSD", cursor: 17 });
  });
});
