import { describe, expect, it } from "vitest";
import { BIDI_CONTROLS, hasBidiControl } from "./fields.js";

describe("hasBidiControl", () => {
  it("agrees with BIDI_CONTROLS on every UTF-16 code unit", () => {
    const found: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const s = String.fromCharCode(c);
      expect(hasBidiControl(s)).toBe(BIDI_CONTROLS.test(s));
      if (hasBidiControl(s)) found.push(c);
    }
    // By hand: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
    expect(found).toEqual([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
  });

  it("finds a control anywhere in a title, and none in plain text", () => {
    expect(hasBidiControl("")).toBe(false);
    expect(hasBidiControl("《秋天的雨》公开课 · 第2课时")).toBe(false);
    expect(hasBidiControl("公开课\u202e课开公")).toBe(true);
    expect(hasBidiControl("\u2069")).toBe(true);
    expect(hasBidiControl("结尾\u200f")).toBe(true);
    expect(hasBidiControl("\u202f\u2065\u206a\u061b\u061d")).toBe(false);
  });
});
