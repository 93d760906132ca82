import { describe, expect, it } from "vitest";
import { hoursCredit } from "./hours.js";

describe("hours", () => {
  it("counts hours in a 学时 scheme", () => {
    expect(hoursCredit({ factor: 1 }, { hours: 6 }, { unit: "hours" })).toBe(6);
  });
  it("converts at the scheme rate in a 学分 scheme", () => {
    // Guangxi: 12 学时 / 3 = 4 学分
    expect(hoursCredit({ factor: 1 }, { hours: 12 }, { unit: "credits", hoursPerCredit: 3 })).toBe(4);
  });
  it("an item rate overrides the scheme's", () => {
    // 集中 6学时 = 1学分: 18 / 6 = 3
    expect(hoursCredit({ factor: 1, hoursPerCredit: 6 }, { hours: 18 }, { unit: "credits", hoursPerCredit: 3 })).toBe(3);
  });
  it("no hours, no credit; zero rate never divides", () => {
    expect(hoursCredit({ factor: 1 }, {}, { unit: "hours" })).toBeUndefined();
    expect(hoursCredit({ factor: 1, hoursPerCredit: 0 }, { hours: 3 }, { unit: "credits" })).toBe(0);
  });
});
