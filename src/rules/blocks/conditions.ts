/**
 * Conditions a record must meet before it earns anything: teacher role, review status, then
 * the record filter (length, evidence, calendar, activity role, content, level, award).
 * Returns why it does not count, or undefined.
 */
import { effectiveStatus, type Activity } from "../../model.js";
import type { Conditions } from "../types.js";
import { filterMiss, type FilterMiss } from "./record-filter.js";

export type Exclusion = "role" | "status" | FilterMiss;

const APPROVED = ["approved", "verified"];

export function exclusion(
  cond: Conditions,
  act: Pick<Activity, "status" | "lapsed" | "words" | "evidence"> & Partial<Pick<Activity, "date" | "role" | "content" | "level" | "award">>,
  teacherRoles: string[],
  approvedOnly: boolean,
  /** Start of the term holding the record, for week filters. */
  termStart?: string,
): Exclusion | undefined {
  if (cond.roles && !cond.roles.some((r) => teacherRoles.includes(r))) return "role";
  if (cond.exceptRoles && cond.exceptRoles.some((r) => teacherRoles.includes(r))) return "role";
  const statuses = cond.statuses ?? (approvedOnly ? APPROVED : undefined);
  const status = effectiveStatus(act);
  if (statuses ? !statuses.includes(status) : status === "rejected") return "status";
  return filterMiss(cond, act, termStart);
}
