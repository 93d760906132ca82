/**
 * Conditions a record must meet before it earns anything: teacher role, review status,
 * minimum length (字数) and named evidence. Returns why it does not count, or undefined.
 */
import { effectiveStatus, type Activity } from "../../model.js";
import type { Conditions } from "../types.js";

export type Exclusion = "role" | "status" | "too-short" | "no-evidence";

const APPROVED = ["approved", "verified"];

export function exclusion(
  cond: Conditions,
  act: Pick<Activity, "status" | "lapsed" | "words" | "evidence">,
  teacherRoles: string[],
  approvedOnly: boolean,
): Exclusion | undefined {
  if (cond.roles && !cond.roles.some((r) => teacherRoles.includes(r))) return "role";
  if (cond.exceptRoles && cond.exceptRoles.some((r) => teacherRoles.includes(r))) return "role";
  const statuses = cond.statuses ?? (approvedOnly ? APPROVED : undefined);
  const status = effectiveStatus(act);
  if (statuses ? !statuses.includes(status) : status === "rejected") return "status";
  if (cond.minWords !== undefined && (act.words ?? 0) < cond.minWords) return "too-short";
  if (cond.evidence) {
    if (act.evidence.length === 0) return "no-evidence";
    if (!cond.evidence.every((name) => act.evidence.some((e) => e.includes(name)))) return "no-evidence";
  }
  return undefined;
}
