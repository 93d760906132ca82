/**
 * Conditions on one record that items and requirements share: its date in the calendar
 * (第2—4周, 周二), its role in the activity (主备, not the teacher's roster role), the parts of
 * its content (亮点 / 问题 / 建议, each at least N 字), its level or award, its length and
 * evidence. Returns why a record does not pass, or undefined.
 */
import type { Activity } from "../../model.js";
import { LEVEL_RANK } from "../../schema/vocab.js";
import { inCalendar, type CalendarFilter } from "./calendar.js";

export interface RecordFilter extends CalendarFilter {
  /** Activity-role ids (lead, participant, speaker, main-preparer). */
  activityRoles?: string[];
  exceptActivityRoles?: string[];
  /** Content part → the fewest characters it needs (1: just present). */
  content?: Record<string, number>;
  /** Level ids; `province+` means that level or higher. */
  levels?: string[];
  awards?: string[];
  minWords?: number;
  /** Evidence names that must all appear in the record's evidence paths; [] = any one piece. */
  evidence?: string[];
  /** At least this many evidence files. */
  evidenceCount?: number;
}

export type FilterMiss = "too-short" | "no-evidence" | "calendar" | "activity-role" | "no-content" | "level" | "award";

type FilteredFields = Pick<Activity, "words" | "evidence"> & Partial<Pick<Activity, "date" | "role" | "content" | "level" | "award">>;

/** Characters of a text, spaces not counted (字数). */
export function textLength(s: string | undefined): number {
  return s === undefined ? 0 : [...s.replace(/\s/g, "")].length;
}

function levelMatches(wanted: string[], level: string | undefined): boolean {
  if (level === undefined) return false;
  return wanted.some((w) => (w.endsWith("+") ? (LEVEL_RANK[level] ?? -1) >= (LEVEL_RANK[w.slice(0, -1)] ?? Infinity) : w === level));
}

export function filterMiss(f: RecordFilter, act: FilteredFields, termStart: string | undefined): FilterMiss | undefined {
  if (f.minWords !== undefined && (act.words ?? 0) < f.minWords) return "too-short";
  if (f.evidence) {
    if (act.evidence.length === 0) return "no-evidence";
    if (!f.evidence.every((name) => act.evidence.some((e) => e.includes(name)))) return "no-evidence";
  }
  if (f.evidenceCount !== undefined && new Set(act.evidence).size < f.evidenceCount) return "no-evidence";
  if ((f.weeks || f.weekdays) && !(act.date && inCalendar(f, act.date, termStart))) return "calendar";
  if (f.activityRoles && !(act.role && f.activityRoles.includes(act.role))) return "activity-role";
  if (f.exceptActivityRoles && act.role && f.exceptActivityRoles.includes(act.role)) return "activity-role";
  if (f.content) {
    for (const [part, min] of Object.entries(f.content)) if (textLength(act.content?.[part]) < Math.max(1, min)) return "no-content";
  }
  if (f.levels && !levelMatches(f.levels, act.level)) return "level";
  if (f.awards && !(act.award && f.awards.includes(act.award))) return "award";
  return undefined;
}
