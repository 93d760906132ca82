import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth } from "./display-width.js";

const RANGES: [number, number][] = [[0x20, 0x7e], [0x3000, 0x303f], [0x4e00, 0x9fff], [0xff01, 0xff60]];

describe("displayWidth", () => {
  it("equals string-width on every character of the quick ranges", () => {
    for (const [from, to] of RANGES) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        expect(displayWidth(ch), c.toString(16)).toBe(stringWidth(ch));
      }
    }
  });

  it("equals string-width on mixed strings, the quick ones and the others", () => {
    const pieces = ["黄敏斌", "t0001", " ", "2024—2025学年", "·", "，", "（3节）", "\u302a", "e\u0301", "👩‍👩‍👧", "\u001b[31m红\u001b[39m", "ｱｲ", "ＡＢ", "", ";", "\u3099"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % pieces.length;
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: 1 + (n % 6) }, () => pieces[next()]).join("");
      expect(displayWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
    }
  });
});
