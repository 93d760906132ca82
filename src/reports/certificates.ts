/**
 * 学时证明 as data: each teacher's explain, scored over the period, for the certificate page
 * (src/format/certificate-html.ts). Shared by `yanxiu certificate` and the web page. Pure.
 */
import type { Lang } from "../i18n.js";
import type { Dataset, Teacher } from "../model.js";
import type { Scheme } from "../rules/types.js";
import type { Period } from "../score/types.js";
import { scoreDataset } from "../score/evaluate.js";
import { notScoredReason } from "../score/scored.js";
import { buildExplain, type ExplainData } from "./explain.js";
import { reviewsStarted } from "./review-counts.js";
import { signaturesOf } from "./signatures.js";

/** The teachers a school-wide certificate file holds: everyone scored in the period, by id. */
export function certifiedTeachers(dataset: Dataset, period: Period): Teacher[] {
  return dataset.roster.teachers.filter((x) => !notScoredReason(x, dataset.config, period)).sort((a, b) => a.id.localeCompare(b.id));
}

export function certificateList(dataset: Dataset, scheme: Scheme, period: Period, teachers: readonly Teacher[], lang: Lang): ExplainData[] {
  return teachers.map((teacher) => {
    const one = { ...dataset, roster: { ...dataset.roster, teachers: [teacher] }, activities: dataset.activities.filter((a) => a.teacher === teacher.id) };
    return buildExplain({ result: scoreDataset(one, scheme, period), dataset, scheme, teacher: teacher.id, lang });
  });
}

/**
 * Whether a certificate marks records not yet reviewed: when the school reviews records (some are
 * approved or returned, or only approved ones count), so whoever signs sees what rests on them. A
 * school that reviews nothing would see every line marked, which says nothing.
 */
export function certifiesPending(dataset: Dataset, scheme: Scheme): boolean {
  return scheme.meta.approvedOnly || reviewsStarted(dataset.activities);
}

/** What every certificate of this school ends with and marks, wherever it is printed (the CLI, the web page). */
export function certificateSettings(dataset: Dataset, scheme: Scheme, lang: Lang): { signatures: string[]; markPending?: true } {
  return { signatures: signaturesOf(dataset.config, lang), ...(certifiesPending(dataset, scheme) ? { markPending: true as const } : {}) };
}
