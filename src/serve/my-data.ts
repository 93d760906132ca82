/**
 * 我的研修 as data: one teacher's records of the school year (newest first) with what each
 * earned and its status, and the standing against every requirement with what closes a gap.
 * Built from the same engine, explain data and words as `yanxiu explain`.
 */
import type { Lang } from "../i18n.js";
import { t } from "../i18n.js";
import { effectiveStatus, type Activity, type Config, type Dataset, type Teacher } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { scoreDataset } from "../score/evaluate.js";
import { resolvePeriod } from "../score/period.js";
import type { Period, RequirementScore, TraceEntry } from "../score/types.js";
import { buildExplain, type LabelledAddition } from "../reports/explain.js";
import { additionText, explainDoc } from "../reports/explain-doc.js";
import { shortfallFacts } from "../score/shortfall.js";
import { shortfallText } from "../reports/shortfalls.js";
import { label, unitLabel } from "../reports/labels.js";
import type { ReportDoc } from "../reports/document.js";
import { STATUSES } from "../schema/vocab.js";
import { reviewEntries } from "../approval/ref.js";
import { recordVersion } from "./own-record.js";

export interface MyRecord {
  /** Where the record is written ("file#index"), to tell the page's rows apart. */
  ref: string;
  /** Its stable ref (src/approval/ref.ts), as the edit and withdraw forms and links name it. */
  stableRef: string;
  /** The record as shown (src/serve/own-record.ts): a save is refused if it changed since. */
  version: string;
  date: string;
  kindLabel: string;
  title: string;
  /** Credit earned, as scored (0 when excluded); undefined when the kind is not scored. */
  credit?: number;
  /** Why it earns nothing or less than its worth (shortfallsOf). */
  shortfall?: string;
  status: string;
  statusLabel: string;
  session: boolean;
  file: string;
  index: number;
  attendance?: string;
  /** Why it was returned (退回), for the teacher to fix it. */
  reason?: string;
  /** Its evidence files' names, in order (each opens at /evidence/<stableRef>/<n>). */
  evidence: string[];
}

export interface MyRequirement {
  label: string;
  window: string;
  actual: number;
  minimum?: number;
  maximum?: number;
  met: boolean;
  /** 0..1 for the progress bar. */
  progress: number;
  gap?: string;
  unit: string;
}

export interface MyPage {
  period: Period;
  periodName: string;
  termName?: string;
  total: number;
  unit: string;
  grade: string;
  records: MyRecord[];
  requirements: MyRequirement[];
  explain: ReportDoc;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function recordRef(a: Pick<Activity, "origin">): string {
  return `${a.origin.file}#${a.origin.index}`;
}

/** A teacher and their activities without a scan of the school (src/serve/file-index.ts keeps them for the loaded school). */
export interface TeacherLookup {
  teacher(id: string): Teacher | undefined;
  activitiesOf(id: string): readonly Activity[];
}

/** The school year that holds today's term (or the term alone, when no year lists it). */
export function periodToday(dataset: Dataset, today: string): { period: Period; year?: Config["years"][number]; termId: string } | undefined {
  const term = resolvePeriod(dataset.config, { today });
  if ("error" in term) return undefined;
  const year = dataset.config.years.find((y) => y.terms.some((x) => x.id === term.period.id));
  const period: Period = year ? { type: "year", id: year.id, start: year.start, end: year.end } : term.period;
  return { period, year, termId: term.period.id };
}

/** The teacher and their activities, from the index when there is one. */
function teacherAndActivities(dataset: Dataset, teacherId: string, lookup: TeacherLookup | undefined): { teacher: Teacher; mine: Activity[] } | undefined {
  const teacher = lookup ? lookup.teacher(teacherId) : dataset.roster.teachers.find((x) => x.id === teacherId);
  if (!teacher) return undefined;
  return { teacher, mine: lookup ? [...lookup.activitiesOf(teacherId)] : dataset.activities.filter((a) => a.teacher === teacherId) };
}

/** The school as far as one teacher's page goes: that teacher and their activities only. */
function oneTeacher(dataset: Dataset, teacher: Teacher, mine: Activity[]): Dataset {
  return { ...dataset, roster: { ...dataset.roster, teachers: [teacher] }, activities: mine };
}

/** Why each record ("file#index") earns nothing or less than its worth, in words (src/reports/shortfalls.ts). */
export function shortfallsOf(trace: readonly TraceEntry[], lang: Lang): Map<string, string> {
  return new Map([...shortfallFacts(trace)].map(([key, fact]) => [key, shortfallText(fact, lang)]));
}

/** Credit earned per record ("file#index") from a score's trace (0 when excluded). */
function creditsOf(trace: readonly TraceEntry[]): Map<string, number> {
  const credit = new Map<string, number>();
  for (const e of trace) {
    // A tallied record (听课 counted toward a tier) earns through the tier, not by itself: no number.
    if (!e.origin || (e.step !== "credit" && e.step !== "excluded") || e.reason === "tally") continue;
    const key = `${e.origin.file}#${e.origin.index}`;
    credit.set(key, round((credit.get(key) ?? 0) + (e.step === "credit" ? (e.counted ?? e.amount) : 0)));
  }
  return credit;
}

/** A requirement as the page shows it: how far along, and what is short (with what closes it, when searched). */
function requirementRow(r: RequirementScore & { label: string; closeBy: LabelledAddition[] }, scheme: Scheme, unit: string, lang: Lang): MyRequirement {
  const mu = r.measure === "credit" || r.measure === "hours" ? unit : r.measure === "words" ? t(lang, "字", "words") : "";
  const closing = r.closeBy.filter((a) => a.closes)[0];
  const gap = r.met ? undefined
    : closing ? t(lang, `还差 ${round(r.shortBy)}${mu ? ` ${mu}` : ""}:${additionText(closing, scheme, lang)}`, `${round(r.shortBy)}${mu ? ` ${mu}` : ""} to go: ${additionText(closing, scheme, lang)}`)
    : r.shortBy > 0 ? t(lang, `还差 ${round(r.shortBy)}${mu ? ` ${mu}` : ""}`, `${round(r.shortBy)}${mu ? ` ${mu}` : ""} to go`)
    : t(lang, `超出 ${round(r.excess)}`, `over by ${round(r.excess)}`);
  const progress = r.minimum ? Math.max(0, Math.min(1, r.actual / r.minimum)) : r.met ? 1 : 0;
  return { label: r.label, window: r.window, actual: round(r.actual), minimum: r.minimum, maximum: r.maximum, met: r.met, progress, gap, unit: mu };
}

/**
 * `gaps: false` leaves out the search for what closes each gap (many re-scorings).
 * `lookup`: the same answers as `dataset` gives, from an index (else a scan).
 */
export function myPage(dataset: Dataset, scheme: Scheme, teacherId: string, today: string, lang: Lang, opts: { gaps?: boolean; lookup?: TeacherLookup } = {}): MyPage | undefined {
  const when = periodToday(dataset, today);
  const who = when && teacherAndActivities(dataset, teacherId, opts.lookup);
  if (!when || !who) return undefined;
  const { period, year } = when;
  const { mine } = who;
  const stable = new Map(reviewEntries(mine.filter((a) => a.group === undefined)).map((e) => [`${e.file}#${e.index}`, e.ref]));
  const one = oneTeacher(dataset, who.teacher, mine);
  const result = scoreDataset(one, scheme, period);
  const data = buildExplain({ result, dataset: one, scheme, teacher: teacherId, lang, gaps: opts.gaps });
  const unit = unitLabel(result.scheme.unit, lang);
  const credit = creditsOf(result.trace);
  const shortfalls = shortfallsOf(result.trace, lang);
  const records = mine
    .filter((a) => period.start <= a.date && a.date <= period.end)
    .sort((a, b) => b.date.localeCompare(a.date) || b.origin.index - a.origin.index)
    .map((a): MyRecord => {
      const kind = scheme.kinds.get(a.kind);
      const written = effectiveStatus(a);
      const status = STATUSES.normalize(written) ?? written;
      return {
        ref: recordRef(a), stableRef: stable.get(recordRef(a)) ?? "", version: recordVersion(a), date: a.date, title: a.title, kindLabel: kind ? t(lang, kind.label, kind.labelEn) : a.kind,
        credit: credit.get(recordRef(a)), ...(shortfalls.has(recordRef(a)) ? { shortfall: shortfalls.get(recordRef(a)) } : {}), status, statusLabel: STATUSES.label(status, lang),
        session: a.group !== undefined, file: a.origin.file, index: a.origin.index, attendance: a.attendance,
        reason: status === "rejected" ? a.reason : undefined, evidence: a.group === undefined ? a.evidence.map((e) => e.split("/").at(-1) ?? e) : [],
      };
    });
  const requirements = data.requirements.map((r) => requirementRow(r, scheme, unit, lang));
  const termDef = year?.terms.find((x) => x.id === when.termId);
  return {
    period, periodName: year?.name ?? period.id, termName: termDef?.name, total: round(data.total), unit, grade: data.grade,
    records, requirements, explain: explainDoc(data, scheme, lang),
  };
}

/** What the page after a save shows: the saved record's credit and the standing, without the search for what closes a gap. */
export interface SavedStanding {
  /** Credit of the newest record of `file` in the school year (as 我的研修 lists it); undefined when it is not scored or not in the year. */
  credit?: number;
  /** Why it earns nothing or less than its worth (shortfallsOf). */
  shortfall?: string;
  unit: string;
  requirements: MyRequirement[];
}

/**
 * The same numbers as `myPage(…, { gaps: false })` gives for the newest record of `file` and the
 * requirements, scoring the teacher once with a trace of only the items that take that record's
 * kind, and building neither the records list, nor explain's data, nor its text.
 */
export function savedStanding(dataset: Dataset, scheme: Scheme, teacherId: string, file: string, today: string, lang: Lang, opts: { lookup?: TeacherLookup } = {}): SavedStanding | undefined {
  const when = periodToday(dataset, today);
  const who = when && teacherAndActivities(dataset, teacherId, opts.lookup);
  if (!when || !who) return undefined;
  const { period } = when;
  let newest: Activity | undefined;
  for (const a of who.mine) {
    if (a.origin.file === file && period.start <= a.date && a.date <= period.end && (!newest || a.origin.index > newest.origin.index)) newest = a;
  }
  const taking = newest ? [...scheme.items.values()].filter((i) => i.versions.some((v) => v.kinds.includes(newest!.kind))).map((i) => i.id) : [];
  const result = scoreDataset(oneTeacher(dataset, who.teacher, who.mine), scheme, period, { traceItems: new Set(taking) });
  const ts = result.teachers.find((x) => x.teacher === teacherId);
  if (!ts) {
    // Not scored in this period: the full page says what it says (explain refuses an unscored teacher).
    const page = myPage(dataset, scheme, teacherId, today, lang, { gaps: false, lookup: opts.lookup });
    return page && { credit: page.records.filter((r) => r.file === file).sort((a, b) => b.index - a.index)[0]?.credit, unit: page.unit, requirements: page.requirements };
  }
  const unit = unitLabel(result.scheme.unit, lang);
  const labelOf = new Map(result.requirements.map((r) => [r.id, r]));
  return {
    credit: newest && creditsOf(result.trace).get(recordRef(newest)),
    shortfall: newest && shortfallsOf(result.trace, lang).get(recordRef(newest)),
    unit,
    requirements: ts.requirements.map((r) => requirementRow({ ...r, label: label(labelOf.get(r.id) ?? { label: r.id, labelEn: r.id }, lang), closeBy: [] }, scheme, unit, lang)),
  };
}
