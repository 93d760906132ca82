import { describe, expect, it } from "vitest";
import { scoreCredit } from "./score.js";

describe("score", () => {
  it("clamps to max and applies factor", () => {
    expect(scoreCredit({ max: 10, factor: 1 }, { score: 8 })).toBe(8);
    expect(scoreCredit({ max: 10, factor: 1 }, { score: 12 })).toBe(10);
    // 马家堡 weighting is done by categories; a factor of 0.5 halves: 90 × 0.5 = 45
    expect(scoreCredit({ factor: 0.5 }, { score: 90 })).toBe(45);
  });
  it("gives nothing without a mark", () => {
    expect(scoreCredit({ max: 6, factor: 1 }, {})).toBeUndefined();
  });
});
