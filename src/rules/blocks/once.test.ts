import { describe, expect, it } from "vitest";
import { qualifierMet } from "./once.js";

const ethics = [
  { kinds: ["ethics-notes"], totalWords: 5000 },
  { kinds: ["ethics-reflection"], words: 3000 },
];
const a = (kind: string, words?: number) => ({ kind, words, count: 1 });

describe("once", () => {
  it("notes add up across records", () => {
    // 2000 + 3000 = 5000 ≥ 5000
    expect(qualifierMet(ethics, [a("ethics-notes", 2000), a("ethics-notes", 3000)])).toBe(0);
    // 2000 + 2999 = 4999 < 5000
    expect(qualifierMet(ethics, [a("ethics-notes", 2000), a("ethics-notes", 2999)])).toBe(-1);
  });
  it("a reflection must be long enough by itself", () => {
    expect(qualifierMet(ethics, [a("ethics-reflection", 3000)])).toBe(1);
    expect(qualifierMet(ethics, [a("ethics-reflection", 2000), a("ethics-reflection", 2000)])).toBe(-1);
  });
  it("nothing recorded, nothing met", () => {
    expect(qualifierMet(ethics, [])).toBe(-1);
    expect(qualifierMet([{ kinds: ["x"], count: 2 }], [a("x"), a("x")])).toBe(0);
  });
});
