import { describe, expect, it } from "vitest";
import { attendanceAdjust, forfeits } from "./attendance.js";
import type { AttendanceRule } from "../types.js";

const rule: AttendanceRule = { absent: -1, excused: 0, late: -0.5, leftEarly: -0.5, forfeit: { absent: 3, excused: 5, per: "term" } };

describe("attendance", () => {
  it("present earns the credit; absent only the deduction", () => {
    expect(attendanceAdjust(rule, { attendance: "present" }, 3)).toEqual({ amount: 3 });
    expect(attendanceAdjust(rule, {}, 3)).toEqual({ amount: 3 });
    expect(attendanceAdjust(rule, { attendance: "absent" }, 3)).toEqual({ amount: -1, reason: "absent" });
    expect(attendanceAdjust(rule, { attendance: "excused" }, 3)).toEqual({ amount: 0, reason: "excused" });
  });
  it("late and early lose half an hour", () => {
    // 3 − 0.5 = 2.5
    expect(attendanceAdjust(rule, { attendance: "late" }, 3).amount).toBe(2.5);
    expect(attendanceAdjust(rule, { attendance: "left-early" }, 3).amount).toBe(2.5);
  });
  it("without a rule absent members simply earn nothing", () => {
    expect(attendanceAdjust(undefined, { attendance: "absent" }, 3).amount).toBe(0);
    expect(attendanceAdjust(undefined, { attendance: "late" }, 3).amount).toBe(3);
  });
  it("3 absences or 5 leaves forfeit", () => {
    const n = (s: "absent" | "excused", k: number) => Array.from({ length: k }, () => ({ attendance: s }));
    expect(forfeits(rule, n("absent", 2))).toBe(false);
    expect(forfeits(rule, n("absent", 3))).toBe(true);
    expect(forfeits(rule, n("excused", 4))).toBe(false);
    expect(forfeits(rule, n("excused", 5))).toBe(true);
    expect(forfeits(undefined, n("absent", 9))).toBe(false);
  });
});
