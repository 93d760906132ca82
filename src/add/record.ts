/**
 * The item `add` writes: fields in the order teachers read them, nothing empty, values as
 * typed (the loader normalizes Chinese or English vocabulary words the same way as in files).
 */
import type { AttendanceStatus } from "../model.js";
import { ATTENDANCE } from "../schema/vocab.js";

export interface RecordInput {
  date: string;
  kind: string;
  title: string;
  level?: string;
  award?: string;
  role?: string;
  stage?: string;
  hours?: number;
  count?: number;
  words?: number;
  score?: number;
  evidence?: string[];
  ref?: string;
  notes?: string;
}

/** Written in this order; the schema's order of importance for a reader. */
const FIELD_ORDER = ["date", "kind", "title", "level", "award", "role", "stage", "hours", "count", "words", "score", "evidence", "ref", "notes"] as const;

export function buildRecord(input: RecordInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    const value = input[key];
    if (value === undefined || value === "") continue;
    if (key === "evidence") {
      const list = (value as string[]).map((e) => e.trim()).filter(Boolean);
      if (list.length > 0) out.evidence = list.length === 1 ? list[0] : list;
      continue;
    }
    out[key] = typeof value === "string" ? value.trim() : value;
  }
  return out;
}

export interface SessionInput extends RecordInput {
  lead?: string;
  attendance: Record<string, AttendanceStatus>;
}

/** A session: the shared fields, the lead, then one attendance entry per member (in Chinese, as leaders write them). */
export function buildSession(input: SessionInput): Record<string, unknown> {
  const out = buildRecord(input);
  const { evidence, ref, notes, ...head } = out;
  const session: Record<string, unknown> = { ...head };
  if (input.lead) session.lead = input.lead;
  session.attendance = Object.fromEntries(Object.entries(input.attendance).map(([id, status]) => [id, ATTENDANCE.label(status, "zh")]));
  return { ...session, ...(evidence !== undefined ? { evidence } : {}), ...(ref !== undefined ? { ref } : {}), ...(notes !== undefined ? { notes } : {}) };
}

export interface AttendanceLists {
  present?: string[];
  absent?: string[];
  excused?: string[];
  late?: string[];
  leftEarly?: string[];
}

/**
 * Attendance from the flags. Members named nowhere count as present unless --present was
 * given, so the usual case is one flag for the few who were not there.
 */
export function attendanceFromLists(members: string[], lists: AttendanceLists): { attendance: Record<string, AttendanceStatus>; twice: string[] } {
  const attendance: Record<string, AttendanceStatus> = {};
  const twice: string[] = [];
  const put = (ids: string[] | undefined, status: AttendanceStatus) => {
    for (const id of ids ?? []) {
      if (attendance[id] && attendance[id] !== status) twice.push(id);
      attendance[id] = status;
    }
  };
  put(lists.present, "present");
  put(lists.absent, "absent");
  put(lists.excused, "excused");
  put(lists.late, "late");
  put(lists.leftEarly, "left-early");
  if (!lists.present) for (const m of members) attendance[m] ??= "present";
  // Members first in roster order, then anyone else named (the check will flag them).
  const ordered: Record<string, AttendanceStatus> = {};
  for (const m of members) if (attendance[m]) ordered[m] = attendance[m];
  for (const [id, s] of Object.entries(attendance)) ordered[id] ??= s;
  return { attendance: ordered, twice: [...new Set(twice)] };
}
