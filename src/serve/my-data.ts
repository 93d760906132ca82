/**
 * 我的研修 as data: one teacher's records of the school year (newest first) with what each
 * earned and its status, and the standing against every requirement with what closes a gap.
 * Built from the same engine, explain data and words as `yanxiu explain`.
 */
import type { Lang } from "../i18n.js";
import { t } from "../i18n.js";
import { effectiveStatus, type Activity, type Dataset, type Teacher } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { scoreDataset } from "../score/evaluate.js";
import { resolvePeriod } from "../score/period.js";
import type { Period } from "../score/types.js";
import { buildExplain } from "../reports/explain.js";
import { additionText, explainDoc } from "../reports/explain-doc.js";
import { unitLabel } from "../reports/labels.js";
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

/**
 * `gaps: false` leaves out the search for what closes each gap (the page after a save shows only
 * how much is short). `lookup`: the same answers as `dataset` gives, from an index (else a scan).
 */
export function myPage(dataset: Dataset, scheme: Scheme, teacherId: string, today: string, lang: Lang, opts: { gaps?: boolean; lookup?: TeacherLookup } = {}): MyPage | undefined {
  const term = resolvePeriod(dataset.config, { today });
  if ("error" in term) return undefined;
  const year = dataset.config.years.find((y) => y.terms.some((x) => x.id === term.period.id));
  const period: Period = year ? { type: "year", id: year.id, start: year.start, end: year.end } : term.period;
  const teacher = opts.lookup ? opts.lookup.teacher(teacherId) : dataset.roster.teachers.find((x) => x.id === teacherId);
  if (!teacher) return undefined;
  const mine = opts.lookup ? [...opts.lookup.activitiesOf(teacherId)] : dataset.activities.filter((a) => a.teacher === teacherId);
  const stable = new Map(reviewEntries(mine.filter((a) => a.group === undefined)).map((e) => [`${e.file}#${e.index}`, e.ref]));
  const one: Dataset = { ...dataset, roster: { ...dataset.roster, teachers: [teacher] }, activities: mine };
  const result = scoreDataset(one, scheme, period);
  const data = buildExplain({ result, dataset: one, scheme, teacher: teacherId, lang, gaps: opts.gaps });
  const unit = unitLabel(result.scheme.unit, lang);

  const credit = new Map<string, number>();
  for (const e of result.trace) {
    if (!e.origin || (e.step !== "credit" && e.step !== "excluded")) continue;
    const key = `${e.origin.file}#${e.origin.index}`;
    credit.set(key, round((credit.get(key) ?? 0) + (e.step === "credit" ? (e.counted ?? e.amount) : 0)));
  }
  const records = mine
    .filter((a) => period.start <= a.date && a.date <= period.end)
    .sort((a, b) => b.date.localeCompare(a.date) || b.origin.index - a.origin.index)
    .map((a): MyRecord => {
      const kind = scheme.kinds.get(a.kind);
      const written = effectiveStatus(a);
      const status = STATUSES.normalize(written) ?? written;
      return {
        ref: recordRef(a), stableRef: stable.get(recordRef(a)) ?? "", version: recordVersion(a), date: a.date, title: a.title, kindLabel: kind ? t(lang, kind.label, kind.labelEn) : a.kind,
        credit: credit.get(recordRef(a)), status, statusLabel: STATUSES.label(status, lang),
        session: a.group !== undefined, file: a.origin.file, index: a.origin.index, attendance: a.attendance,
        reason: status === "rejected" ? a.reason : undefined, evidence: a.group === undefined ? a.evidence.map((e) => e.split("/").at(-1) ?? e) : [],
      };
    });

  const requirements = data.requirements.map((r): MyRequirement => {
    const mu = r.measure === "credit" || r.measure === "hours" ? unit : r.measure === "words" ? t(lang, "字", "words") : "";
    const closing = r.closeBy.filter((a) => a.closes)[0];
    const gap = r.met ? undefined
      : closing ? t(lang, `还差 ${round(r.shortBy)}${mu ? ` ${mu}` : ""}:${additionText(closing, scheme, lang)}`, `${round(r.shortBy)}${mu ? ` ${mu}` : ""} to go: ${additionText(closing, scheme, lang)}`)
      : r.shortBy > 0 ? t(lang, `还差 ${round(r.shortBy)}${mu ? ` ${mu}` : ""}`, `${round(r.shortBy)}${mu ? ` ${mu}` : ""} to go`)
      : t(lang, `超出 ${round(r.excess)}`, `over by ${round(r.excess)}`);
    const progress = r.minimum ? Math.max(0, Math.min(1, r.actual / r.minimum)) : r.met ? 1 : 0;
    return { label: r.label, window: r.window, actual: round(r.actual), minimum: r.minimum, maximum: r.maximum, met: r.met, progress, gap, unit: mu };
  });

  const termDef = year?.terms.find((x) => x.id === term.period.id);
  return {
    period, periodName: year?.name ?? period.id, termName: termDef?.name, total: round(data.total), unit, grade: data.grade,
    records, requirements, explain: explainDoc(data, scheme, lang),
  };
}
