/**
 * 教务处 as data: the score report (every teacher, every group) and the school summary for a
 * period, as the same ReportDocs `yanxiu score` and `yanxiu summary` export, so the page and
 * every download show the same numbers.
 */
import type { Lang } from "../i18n.js";
import type { Dataset } from "../model.js";
import type { Scheme } from "../rules/types.js";
import type { Period } from "../score/types.js";
import type { ReportDoc } from "../reports/document.js";
import { scoreDataset } from "../score/evaluate.js";
import { buildTeacherTable } from "../reports/teacher-table.js";
import { buildGroupTable, buildSchoolRow } from "../reports/group-table.js";
import { countReviews } from "../reports/review-counts.js";
import { signaturesOf } from "../reports/signatures.js";
import { scoreDoc } from "../reports/score-doc.js";
import { buildSummaryData, summaryDoc, totalMinimum } from "../reports/summary.js";
import { resolvePeriod } from "../score/period.js";

export const REPORTS = ["score", "summary"] as const;
export type ReportName = (typeof REPORTS)[number];

export interface PeriodChoice {
  param: string;
  label: string;
  period: Period;
}

/** Every term and year of the config (and the cycle), for the period links. */
export function periodChoices(dataset: Dataset): PeriodChoice[] {
  const out: PeriodChoice[] = [];
  for (const y of dataset.config.years) {
    out.push({ param: `year:${y.id}`, label: y.name, period: { type: "year", id: y.id, start: y.start, end: y.end } });
    for (const tm of y.terms) out.push({ param: `term:${tm.id}`, label: tm.name, period: { type: "term", id: tm.id, start: tm.start, end: tm.end } });
  }
  const c = dataset.config.cycle;
  if (c) out.push({ param: `cycle:${c.id}`, label: c.name, period: { type: "cycle", id: c.id, start: c.start, end: c.end } });
  return out;
}

/** The chosen period, else the school year of today's term. */
export function pickPeriod(dataset: Dataset, param: string | undefined, today: string): PeriodChoice | undefined {
  const choices = periodChoices(dataset);
  const chosen = choices.find((c) => c.param === param);
  if (chosen) return chosen;
  const term = resolvePeriod(dataset.config, { today });
  if ("error" in term) return choices[0];
  const year = dataset.config.years.find((y) => y.terms.some((x) => x.id === term.period.id));
  return choices.find((c) => c.param === `year:${year?.id}`) ?? choices[0];
}

export function reportDoc(name: ReportName, dataset: Dataset, scheme: Scheme, period: Period, lang: Lang, today: string): ReportDoc {
  const result = scoreDataset(dataset, scheme, period, { trace: false });
  // As `yanxiu score` and `yanxiu summary` build them: 待审核 / 退回 beside each number when the
  // school reviews records, so nobody reads a grade without seeing what it rests on.
  const reviews = countReviews(dataset, scheme, period);
  if (name === "score") {
    const tt = buildTeacherTable(result, lang, {}, dataset.config.school, reviews);
    const groups = buildGroupTable(result, dataset.roster.groups, lang, {}, reviews);
    return { ...scoreDoc(tt, groups, new Map(dataset.roster.groups.map((g) => [g.id, g.name])), lang, buildSchoolRow(result, lang, {}, reviews)), ...printed(dataset, lang, today) };
  }
  const c = dataset.config.cycle;
  const cycleResult = c && period.type !== "cycle" ? scoreDataset(dataset, scheme, { type: "cycle", id: c.id, start: c.start, end: c.end }, { trace: false }) : period.type === "cycle" ? result : undefined;
  const data = buildSummaryData({ result, dataset, lang, ...(cycleResult ? { cycleResult } : {}), today, ...(reviews ? { reviews } : {}) });
  return { ...summaryDoc(data, result, lang, totalMinimum(scheme, result)), ...printed(dataset, lang, today) };
}

/** As the CLI's reports end: the day made and the signature lines (yanxiu.yaml's reports.signatures). */
function printed(dataset: Dataset, lang: Lang, today: string): Pick<ReportDoc, "made" | "signatures"> {
  return { made: today, signatures: signaturesOf(dataset.config, lang) };
}
