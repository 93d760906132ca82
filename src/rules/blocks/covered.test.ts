import { describe, expect, it } from "vitest";
import { coveredCredit } from "./covered.js";

const TERMS = [
  { id: "2015-autumn", start: "2015-09-01", end: "2016-01-31" },
  { id: "2016-spring", start: "2016-02-01", end: "2016-08-31" },
];
const rule = { per: "term" as const, atLeast: 1, credit: 10 };
const lesson = (date: string, count = 1) => ({ date, count });

describe("covered: a credit needing every sub-window", () => {
  it("两学期: one public lesson in each term → 10", () => {
    expect(coveredCredit(rule, TERMS, [lesson("2015-11-10"), lesson("2016-04-12")])).toEqual({ credit: 10, missing: [] });
  });
  it("two lessons in one term and none in the other → 0, the spring term missing", () => {
    expect(coveredCredit(rule, TERMS, [lesson("2015-10-10"), lesson("2015-12-10")])).toEqual({ credit: 0, missing: ["2016-spring"] });
    expect(coveredCredit(rule, TERMS, [])).toEqual({ credit: 0, missing: ["2015-autumn", "2016-spring"] });
  });
  it("atLeast counts each record's count; the boundary days belong to their own term", () => {
    const two = { ...rule, atLeast: 2 };
    // autumn: 01-31 counts 2 (count 2); spring: 02-01 counts 1 → spring short
    expect(coveredCredit(two, TERMS, [lesson("2016-01-31", 2), lesson("2016-02-01")]).missing).toEqual(["2016-spring"]);
    expect(coveredCredit(two, TERMS, [lesson("2016-01-31", 2), lesson("2016-02-01"), lesson("2016-08-31")]).credit).toBe(10);
  });
  it("a window with no sub-window inside it is never covered", () => {
    expect(coveredCredit(rule, [], [lesson("2015-11-10")])).toEqual({ credit: 0, missing: [] });
  });
});
