/**
 * `attendance` — group sessions: absent and excused members earn nothing; deductions
 * (absent −1, late/left early −0.5) are negative contributions; enough absences or leaves
 * in a window forfeit the item for that window.
 */
import type { Activity } from "../../model.js";
import type { AttendanceRule } from "../types.js";

export type AttendanceEffect = { amount: number; reason?: "absent" | "excused" | "late" | "left-early" };

/** The record's contribution given the credit a present member would earn. */
export function attendanceAdjust(rule: AttendanceRule | undefined, act: Pick<Activity, "attendance">, credit: number): AttendanceEffect {
  switch (act.attendance) {
    case undefined:
    case "present":
      return { amount: credit };
    case "absent":
      return { amount: rule ? rule.absent : 0, reason: "absent" };
    case "excused":
      return { amount: rule ? rule.excused : 0, reason: "excused" };
    case "late":
      return { amount: credit + (rule ? rule.late : 0), reason: "late" };
    case "left-early":
      return { amount: credit + (rule ? rule.leftEarly : 0), reason: "left-early" };
  }
}

/** Whether the records of one window forfeit the item. */
export function forfeits(rule: AttendanceRule | undefined, acts: Pick<Activity, "attendance">[]): boolean {
  const f = rule?.forfeit;
  if (!f) return false;
  const absent = acts.filter((a) => a.attendance === "absent").length;
  const excused = acts.filter((a) => a.attendance === "excused").length;
  return (f.absent !== undefined && absent >= f.absent) || (f.excused !== undefined && excused >= f.excused);
}
