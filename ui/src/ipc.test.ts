import { describe, expect, it } from "vitest";
import { describe as sentence, errorCode } from "./ipc";

describe("errors from commands", () => {
  it("read as one plain sentence", () => {
    expect(sentence({ code: "bad-input", message: "choose at least one folder to scan" })).toBe(
      "Choose at least one folder to scan.",
    );
    expect(sentence({ code: "frozen", message: "The review is approved." })).toBe("The review is approved.");
    expect(sentence("plain text")).toBe("plain text");
    expect(sentence(undefined)).toBe("Something went wrong.");
    expect(errorCode({ code: "no-reviewer", message: "x" })).toBe("no-reviewer");
    expect(errorCode("x")).toBeNull();
  });
});
