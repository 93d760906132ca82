import { describe, expect, it } from "vitest";
import { addDays, inCalendar, termSpans, termWeek, weekday, weekdayNumber } from "./calendar.js";

// 2025-09-01 is a Monday; 2026-02-01 a Sunday.
const AUTUMN = { id: "2025-2026-1", name: "", start: "2025-09-01", end: "2026-01-31", year: "y" };
const SPRING = { id: "2025-2026-2", name: "", start: "2026-02-01", end: "2026-07-15", year: "y" };

describe("calendar", () => {
  it("weekdays and term weeks", () => {
    expect([weekday("2025-09-01"), weekday("2025-09-02"), weekday("2026-02-01")]).toEqual([1, 2, 7]);
    // spring starts on a Sunday: that Sunday is week 1, the Monday after is week 2
    expect([termWeek("2026-02-01", SPRING.start), termWeek("2026-02-02", SPRING.start), termWeek("2026-02-15", SPRING.start)]).toEqual([1, 2, 3]);
    expect([termWeek("2025-09-07", AUTUMN.start), termWeek("2025-09-08", AUTUMN.start), termWeek("2025-09-29", AUTUMN.start)]).toEqual([1, 2, 5]);
  });
  it("months of a term, clipped; a split month is named by its term", () => {
    const m = termSpans("month", SPRING);
    // Feb … Jul: 6 months, July only to the 15th
    expect(m.map((s) => s.id)).toEqual(["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2025-2026-2:2026-07"]);
    expect(m.at(-1)).toEqual({ id: "2025-2026-2:2026-07", start: "2026-07-01", end: "2026-07-15" });
    expect(termSpans("month", AUTUMN).length).toBe(5);
  });
  it("weeks and fortnights of a term", () => {
    const w = termSpans("week", SPRING);
    // week 1 is only Sunday 02-01 (clipped), week 2 is 02-02 … 02-08
    expect(w.slice(0, 2)).toEqual([
      { id: "2025-2026-2:w01", start: "2026-02-01", end: "2026-02-01" },
      { id: "2025-2026-2:w02", start: "2026-02-02", end: "2026-02-08" },
    ]);
    // 2026-07-15 is a Wednesday of week 25 (Monday 07-13 = 01-26 + 24 weeks)
    expect(w.at(-1)).toEqual({ id: "2025-2026-2:w25", start: "2026-07-13", end: "2026-07-15" });
    const f = termSpans("fortnight", AUTUMN);
    expect(f[0]).toEqual({ id: "2025-2026-1:f01", start: "2025-09-01", end: "2025-09-14" });
    expect(f[1]!.start).toBe("2025-09-15");
  });
  it("filters by weeks and weekdays", () => {
    // 第2、3、4周: 09-08 … 09-28
    const f = { weeks: [2, 4] as [number, number] };
    expect(["2025-09-07", "2025-09-08", "2025-09-28", "2025-09-29"].map((d) => inCalendar(f, d, AUTUMN.start))).toEqual([false, true, true, false]);
    expect(inCalendar({ weekdays: [2] }, "2025-09-02", AUTUMN.start)).toBe(true);
    expect(inCalendar({ weekdays: [2] }, "2025-09-03", AUTUMN.start)).toBe(false);
    expect(inCalendar(f, "2025-09-10", undefined)).toBe(false);
  });
  it("reads weekday words and adds days", () => {
    expect(["周二", "星期日", "tue", "Tuesday", "礼拜五", "八"].map((w) => weekdayNumber(w))).toEqual([2, 7, 2, 2, 5, undefined]);
    expect([weekdayNumber(3), weekdayNumber(0)]).toEqual([3, undefined]);
    expect([addDays("2026-01-31", 1), addDays("2025-09-01", -1)]).toEqual(["2026-02-01", "2025-08-31"]);
  });
});
