import { describe, expect, it } from "vitest";
import { parseLooseDate, toHalfWidth } from "./date.js";

const TODAY = "2026-12-05";

describe("parseLooseDate", () => {
  it.each([
    ["2026-11-12", "2026-11-12", false],
    ["2026/11/12", "2026-11-12", true],
    ["2026.11.2", "2026-11-02", true],
    ["2026年11月12日", "2026-11-12", true],
    ["2026 年 1 月 5 日", "2026-01-05", true],
    ["２０２６－１１－１２", "2026-11-12", true],
    ["２０２６年１１月１２号", "2026-11-12", true],
    ["11-20", "2026-11-20", true],
    ["11月20日", "2026-11-20", true],
    ["12/05", "2026-12-05", true], // today itself is this year
    ["12-20", "2025-12-20", true], // after today: last year's
  ])("%s → %s", (text, iso, changed) => {
    expect(parseLooseDate(text, TODAY)).toEqual({ ok: true, iso, changed });
  });

  it("refuses days that do not exist and text that is no date", () => {
    expect(parseLooseDate("2026-02-30", TODAY)).toEqual({ ok: false, reason: "impossible" });
    expect(parseLooseDate("2025年2月29日", TODAY)).toEqual({ ok: false, reason: "impossible" });
    expect(parseLooseDate("13月1日", TODAY)).toEqual({ ok: false, reason: "impossible" });
    expect(parseLooseDate("上周二", TODAY)).toEqual({ ok: false, reason: "format" });
    expect(parseLooseDate("2026-11", TODAY)).toEqual({ ok: false, reason: "format" });
  });

  it("a leap day without a year in a non-leap year falls back to no date", () => {
    expect(parseLooseDate("2月29日", "2027-03-01")).toEqual({ ok: false, reason: "impossible" });
  });
});

describe("toHalfWidth", () => {
  it("folds full-width ASCII and the ideographic space", () => {
    expect(toHalfWidth("ｔ０１：　ａ，ｂ")).toBe("t01: a,b");
  });
});
