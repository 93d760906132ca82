/**
 * 待审核 counts for score and summary: per teacher, how many of their records in the period await
 * review (录入, including a record changed after its review) and how many were returned (退回).
 * A session counts for every member on its attendance list, as it is scored for each of them.
 * Only records of kinds the rules define count, so under `approvedOnly` the two numbers are
 * exactly the teacher's records the score leaves out for their status. Pure.
 */
import { t, type Lang } from "../i18n.js";
import { effectiveStatus, type Activity, type Dataset } from "../model.js";
import type { Scheme } from "../rules/types.js";
import type { Period } from "../score/types.js";

export interface ReviewCount {
  /** 录入: not yet approved or verified (nor returned). */
  pending: number;
  /** 退回: returned to the teacher. */
  returned: number;
}

export interface ReviewCounts {
  /** Only approved or verified records are scored: the counts are what the score leaves out. */
  approvedOnly: boolean;
  byTeacher: Map<string, ReviewCount>;
}

/**
 * The counts, or undefined when the school does not review records (no record anywhere has been
 * approved, verified or returned, and the scheme is not approvedOnly): then every record would
 * count as 待审核, which says nothing.
 */
export function countReviews(dataset: Dataset, scheme: Scheme, period: Period): ReviewCounts | undefined {
  const approvedOnly = scheme.meta.approvedOnly;
  if (!approvedOnly && !reviewsStarted(dataset.activities)) return undefined;
  return { approvedOnly, byTeacher: countByTeacher(dataset.activities, scheme, period) };
}

/** Has any of these records been approved, verified or returned? */
export function reviewsStarted(activities: readonly Activity[]): boolean {
  return activities.some((a) => a.status !== undefined && a.status !== "draft");
}

/** Each teacher's 待审核 / 退回 counts among these records (a teacher's count needs only their own records). */
export function countByTeacher(activities: readonly Activity[], scheme: Scheme, period: Period): Map<string, ReviewCount> {
  const byTeacher = new Map<string, ReviewCount>();
  for (const a of activities) {
    if (a.date < period.start || a.date > period.end || !scheme.kinds.has(a.kind)) continue;
    const status = effectiveStatus(a);
    if (status !== "draft" && status !== "rejected") continue;
    const c = byTeacher.get(a.teacher) ?? { pending: 0, returned: 0 };
    if (status === "draft") c.pending++;
    else c.returned++;
    byTeacher.set(a.teacher, c);
  }
  return byTeacher;
}

export const NO_REVIEWS: ReviewCount = { pending: 0, returned: 0 };

/** One teacher's counts (zero when nothing awaits review). */
export function countOf(counts: ReviewCounts, teacher: string): ReviewCount {
  return counts.byTeacher.get(teacher) ?? NO_REVIEWS;
}

/** The sum over some teachers (a group, the school: each teacher once). */
export function sumCounts(counts: ReviewCounts, teachers: readonly string[]): ReviewCount {
  return addCounts([...new Set(teachers)].map((id) => countOf(counts, id)));
}

export function addCounts(list: readonly (ReviewCount | undefined)[]): ReviewCount {
  const out = { pending: 0, returned: 0 };
  for (const c of list) {
    out.pending += c?.pending ?? 0;
    out.returned += c?.returned ?? 0;
  }
  return out;
}

/** The footnote under approvedOnly: these records are not in the numbers above. */
export function approvedOnlyNote(total: ReviewCount, unit: string, lang: Lang): string {
  return t(lang,
    `注:本方案只计已审定或验证的记录;待审核 ${total.pending} 条、退回 ${total.returned} 条未计入${unit}。`,
    `Note: this scheme counts approved or verified records only; ${total.pending} awaiting review and ${total.returned} returned are not counted in the ${unit}.`);
}
