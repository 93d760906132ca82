import { describe, expect, it } from "vitest";
import { applyFixes } from "./apply-fixes.js";

describe("applyFixes", () => {
  it("applies fixes in order of position, whatever order they come in", () => {
    const r = applyFixes("kind：x, [a，b]", [{ range: [10, 11], text: ", " }, { range: [4, 5], text: ": " }]);
    expect(r.text).toBe("kind: x, [a, b]");
    expect(r.skipped).toEqual([]);
  });
  it("leaves an overlapping fix for the next pass", () => {
    const r = applyFixes("abcdef", [{ range: [1, 3], text: "X" }, { range: [2, 4], text: "Y" }]);
    expect(r.text).toBe("aXdef");
    expect(r.skipped).toEqual([{ range: [2, 4], text: "Y" }]);
  });
});
