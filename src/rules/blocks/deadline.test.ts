import { describe, expect, it } from "vitest";
import { daysLate, deadline } from "./deadline.js";
import { unanswered } from "./follow-up.js";
import { notMadeUp } from "./make-up.js";

describe("deadline", () => {
  it("within N days or weeks of the window's start, or by a date", () => {
    // term from 09-01: within 14 days → 09-14 is the last day on time; 2 weeks the same
    expect(deadline({ days: 14 }, "2025-09-01")).toBe("2025-09-14");
    expect(deadline({ weeks: 2 }, "2025-09-01")).toBe("2025-09-14");
    // 12月5日截止 in the autumn term; a spring term (from 02-01) reaches the next 12-05
    expect(deadline({ date: "12-05" }, "2025-09-01")).toBe("2025-12-05");
    expect(deadline({ date: "12-05" }, "2026-02-01")).toBe("2026-12-05");
    expect(deadline({ date: "2025-12-05" }, "2026-02-01")).toBe("2025-12-05");
  });
  it("within N months: the start is day 1, so 12 months from 2025-10-08 end on 2026-10-07", () => {
    expect(deadline({ months: 12 }, "2025-10-08")).toBe("2026-10-07");
    // 01-31 + 1 month is 02-29 in 2028 (a leap year), so the last day on time is 02-28
    expect(deadline({ months: 1 }, "2028-01-31")).toBe("2028-02-28");
  });
  it("days late", () => {
    expect([daysLate("2025-09-14", "2025-09-14"), daysLate("2025-09-14", "2025-09-20"), daysLate("2025-12-05", "2026-01-04")]).toEqual([0, 6, 30]);
  });
});

describe("follow-ups", () => {
  it("三个一 within 30 days after each training; one answer answers one training", () => {
    const r = { direction: "after" as const, kinds: ["training"], days: 30 };
    // trainings 10-01 and 10-10; one write-up 10-20 answers the first; the second is open
    expect(unanswered(r, [{ date: "2025-10-01" }, { date: "2025-10-10" }], [{ date: "2025-10-20" }])).toEqual([1]);
    // a write-up before the training, or 31 days after it, does not answer it
    expect(unanswered(r, [{ date: "2025-10-01" }], [{ date: "2025-09-30" }, { date: "2025-11-01" }])).toEqual([0]);
    expect(unanswered(r, [{ date: "2025-10-01" }], [{ date: "2025-10-31" }])).toEqual([]);
  });
  it("a lesson plan at least 7 days before each public lesson", () => {
    const r = { direction: "before" as const, kinds: ["public-lesson"], days: 7 };
    // lesson 11-10: a plan on 11-03 is 7 days ahead (fits); on 11-04 only 6 (does not)
    expect(unanswered(r, [{ date: "2025-11-10" }], [{ date: "2025-11-03" }])).toEqual([]);
    expect(unanswered(r, [{ date: "2025-11-10" }], [{ date: "2025-11-04" }])).toEqual([0]);
  });
});

describe("make-ups", () => {
  const leave = [{ date: "2025-11-06" }];
  it("a make-up dated before its leave does not count", () => {
    expect(notMadeUp(leave, [{ date: "2025-11-01", count: 1 }], "2026-01-31")).toBe(1);
    expect(notMadeUp(leave, [{ date: "2025-11-06", count: 1 }], "2026-01-31")).toBe(0);
  });
  it("early in the next term only when the rule gives days", () => {
    const next = [{ date: "2026-02-20", count: 1 }];
    // no days: the make-up must fall in the window (to 01-31)
    expect(notMadeUp([{ date: "2026-01-15" }], next, "2026-01-31")).toBe(1);
    // within 60 days: 01-15 → 02-20 is 36 days
    expect(notMadeUp([{ date: "2026-01-15" }], next, "2026-01-31", 60)).toBe(0);
    expect(notMadeUp([{ date: "2026-01-15" }], next, "2026-01-31", 30)).toBe(1);
  });
  it("one make-up record with count 2 makes up two leaves", () => {
    expect(notMadeUp([{ date: "2025-10-01" }, { date: "2025-10-08" }], [{ date: "2025-10-20", count: 2 }], "2026-01-31")).toBe(0);
  });
});
