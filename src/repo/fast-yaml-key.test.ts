/** The fast reader's hand-written key scan reads a line exactly as the pattern it replaced. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyOf, keyValue } from "./fast-yaml.js";

const KEY = /^([A-Za-z0-9_\u00a0-\uffff][\w\u00a0-\uffff.-]*):(?: +(.*))?$/;

function scanned(line: string): [string, string | undefined] | null {
  const key = keyOf(line);
  return key === undefined ? null : [key, keyValue];
}

function matched(line: string): [string, string | undefined] | null {
  const m = KEY.exec(line);
  return m ? [m[1]!, m[2]] : null;
}

describe("keyOf", () => {
  it("agrees with the pattern on hand-picked lines", () => {
    const lines = [
      "date: 2026-03-01", "title:", "title:   课题 研究", "a:b", "a :b", ":x", "-a: 1", "a-b.c_d: 1", "_x: 1", "名字: 张三",
      "key: a\u2028b", "key: a\u2029", "key:\u2028", "key: \u000b", "k\u00a0ey: 1", "k\u009fey: 1", "k😀: 1", "k\ud800: 1", "a: b: c",
      "a:  ", "a: ", "", "a", "a.", "1: one", "a#: 1", "a b: 1", "a\tb: 1",
    ];
    for (const line of lines) expect(scanned(line), line).toEqual(matched(line));
  });

  it("agrees with the pattern on generated lines", () => {
    const unit = fc.constantFrom("a", "Z", "0", "_", ".", "-", ":", " ", "#", "中", "\u00a0", "\u009f", "\u2028", "\u2029", "\ud83d", "\ude00", "\u000b", "'");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const line = units.join("");
        expect(scanned(line)).toEqual(matched(line));
      }),
      { numRuns: 5000 },
    );
  });
});
