import { describe, expect, it } from "vitest";
import { lineText } from "./yaml-source.js";

describe("lineText (from a line index)", () => {
  const text = "a: 1\r\nb: 2\n\nlast";
  it("gives each line without its line ending", () => {
    expect([1, 2, 3, 4].map((n) => lineText(text, n))).toEqual(["a: 1", "b: 2", "", "last"]);
  });
  it("is undefined before the first and after the last line", () => {
    expect(lineText(text, 0)).toBeUndefined();
    expect(lineText(text, 5)).toBeUndefined();
    expect(lineText("x\n", 2)).toBe("");
    expect(lineText("x\n", 3)).toBeUndefined();
  });
  it("switching texts re-indexes (no stale line from the text seen before)", () => {
    expect(lineText("one\ntwo", 2)).toBe("two");
    expect(lineText("uno\ndos\ntres", 3)).toBe("tres");
    expect(lineText("one\ntwo", 2)).toBe("two");
  });
});
