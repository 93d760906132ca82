import { describe, expect, it } from "vitest";
import { tierCredit, tierIssues } from "./tiers.js";

const xintian = [
  { atLeast: 10, credit: 5 },
  { atLeast: 15, credit: 10 },
];

describe("tiers", () => {
  it.each([
    [0, 0], // 5 − 10 × 1 < 0 → 0
    [4, 0], // 5 − 6 → 0
    [5, 0], // 5 − 5 = 0
    [6, 1], // 5 − 4
    [9, 4], // 5 − 1
    [10, 5],
    [11, 5],
    [14, 5],
    [15, 10],
    [16, 10],
    [40, 10],
  ])("%i lessons → %i", (n, credit) => {
    expect(tierCredit(xintian, 1, n).credit).toBe(credit);
  });
  it("reports the shortfall", () => {
    expect(tierCredit(xintian, 1, 7)).toEqual({ credit: 2, short: 3 });
  });
  it("no shortfall rule: nothing below the first tier", () => {
    expect(tierCredit(xintian, undefined, 9)).toEqual({ credit: 0 });
  });
  it("finds empty and non-increasing tier lists", () => {
    expect(tierIssues([])).toEqual([{ kind: "empty" }]);
    expect(tierIssues(xintian)).toEqual([]);
    expect(tierIssues([{ atLeast: 15, credit: 10 }, { atLeast: 10, credit: 5 }])).toEqual([{ index: 1, kind: "not-increasing" }]);
    expect(tierIssues([{ atLeast: 10, credit: 5 }, { atLeast: 10, credit: 6 }])).toEqual([{ index: 1, kind: "not-increasing" }]);
  });
});
