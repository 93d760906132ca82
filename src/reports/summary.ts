/**
 * The school summary the academic office hands on: per group (members, 人均学时, 达标率, who
 * falls short), the school's 人均学时 and 达标率, the 教基4068 hour bands, and progress in the
 * multi-year cycle when the config has one. Data only; renderers format it.
 */
import { t, type Lang } from "../i18n.js";
import { collectiveLines, groupRequirements, schoolRequirements, type CollectiveCell, type CollectiveRow } from "./collective.js";
import type { Dataset } from "../model.js";
import type { Scheme } from "../rules/types.js";
import type { ScoreResult, TeacherScore } from "../score/types.js";
import { num, type BarChart, type ReportDoc, type ReportTable } from "./document.js";
import { inProgress } from "../score/progress.js";
import { progressPercent } from "./requirement-text.js";
import { label, pct, periodLabel, requirementLabels, unitLabel } from "./labels.js";
import { approvedOnlyNote, sumCounts, type ReviewCount, type ReviewCounts } from "./review-counts.js";

/** 教基4068: teachers per band of hours — ≤36, 37–72, 73–108, ≥109 (a fraction goes up: 36.5 is 37–72). */
export const BANDS = [
  { id: "le36", label: "≤36", max: 36 },
  { id: "37-72", label: "37–72", max: 72 },
  { id: "73-108", label: "73–108", max: 108 },
  { id: "ge109", label: "≥109", max: Infinity },
] as const;

export interface Shortfall {
  teacher: string;
  name: string;
  requirements: { id: string; label: string; window: string; actual: number; minimum?: number; shortBy: number; excess: number; inProgress: boolean }[];
}

export interface GroupSummary {
  id: string;
  name: string;
  type: string;
  members: number;
  averageTotal: number;
  met: number;
  /** Nothing failed yet, a requirement whose window runs on still open (进行中). */
  inProgress: number;
  /** A requirement failed for good (未达标). */
  notMet: number;
  metRate: number;
  short: Shortfall[];
  /** The group's own requirements (subject: group), when the scheme has any. */
  requirements?: CollectiveCell[];
  /** 待审核 / 退回 records of the members, when the school reviews records (review-counts.ts). */
  review?: ReviewCount;
}

export interface CycleProgress {
  id: string;
  name: string;
  start: string;
  end: string;
  /** Share of the cycle's days gone by `today` (0..1). */
  elapsed: number;
  averageTotal: number;
  /** Requirements measured over the whole cycle (per: cycle), if the rules have any. */
  requirements: { id: string; label: string; met: number; teachers: number }[];
}

export interface SummaryData {
  schema: "yanxiu.summary/1";
  school: string;
  district?: string;
  scheme: { id: string; name: string; unit: string };
  period: ScoreResult["period"];
  teachers: number;
  averageTotal: number;
  met: number;
  inProgress: number;
  notMet: number;
  metRate: number;
  /** People on the roster left out of scoring, and why. */
  notScored: ScoreResult["notScored"];
  /** The school's own requirements (subject: school, e.g. 80%教师能够…), when the scheme has any. */
  schoolRequirements?: CollectiveRow;
  /** Basis of the bands: 学时, or the total converted with hoursPerCredit, or the raw total. */
  bandBasis: "hours" | "converted" | "total";
  bands: { id: string; label: string; count: number }[];
  groups: GroupSummary[];
  short: Shortfall[];
  cycle?: CycleProgress;
  /** 待审核 / 退回 over the school (each teacher once), when the school reviews records. */
  review?: ReviewCount & { approvedOnly: boolean };
  /** --teacher / --group: the summary covers only these teachers (and their groups). */
  filter?: SummaryFilter;
}

export interface SummaryFilter {
  teacher?: string;
  group?: string;
  /** How the selection reads in the report's title rows ("语文组", "张明(t10)"). */
  label: string;
}

/** A fraction kept to four decimals (53.85%). */
const share = (part: number, whole: number) => Math.round((part / whole) * 10000) / 10000;

const avg = (xs: number[]) => (xs.length ? num(xs.reduce((s, x) => s + x, 0) / xs.length) : 0);

function shortfallOf(ts: TeacherScore, labels: Map<string, string>): Shortfall {
  return {
    teacher: ts.teacher,
    name: ts.name,
    requirements: ts.requirements
      .filter((r) => !r.met)
      .map((r) => ({ id: r.id, label: labels.get(r.id) ?? r.id, window: r.window, actual: r.actual, ...(r.minimum !== undefined ? { minimum: r.minimum } : {}), shortBy: r.shortBy, excess: r.excess, inProgress: inProgress(r) })),
  };
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

export interface SummaryInput {
  result: ScoreResult;
  dataset: Dataset;
  lang: Lang;
  /** The same scheme scored over the cycle, when the config has one. */
  cycleResult?: ScoreResult;
  today: string;
  /** From countReviews: absent when the school does not review records. */
  reviews?: ReviewCounts;
  /** Results already filtered to these teachers (teacher-table.ts filterResult); groups follow. */
  filter?: SummaryFilter;
}

export function buildSummaryData({ result, dataset, lang, cycleResult, today, reviews, filter }: SummaryInput): SummaryData {
  const labels = requirementLabels(result, lang);
  const ts = result.teachers;
  const unit = result.scheme.unit;
  const bandBasis = unit === "hours" ? "hours" : result.scheme.hoursPerCredit ? "converted" : "total";
  const toHours = (x: number) => (bandBasis === "converted" ? x * result.scheme.hoursPerCredit! : x);
  const bands = BANDS.map((b, i) => ({
    id: b.id,
    label: b.label,
    count: ts.filter((x) => {
      const h = toHours(x.total);
      return h <= b.max && (i === 0 || h > BANDS[i - 1]!.max);
    }).length,
  }));
  // Teachers in no group (often administrators) get a row of their own, as in `yanxiu score`.
  const known = new Set(dataset.roster.groups.map((g) => g.id));
  const ungrouped = ts.some((x) => !x.groups.some((g) => known.has(g))) ? [{ id: "-", name: t(lang, "(未分组)", "(no group)"), type: "" }] : [];
  // --group: that group alone; --teacher: the groups the teacher is in.
  const shown = [...dataset.roster.groups, ...ungrouped].filter((g) => (!filter?.group || g.id === filter.group)
    && (!filter?.teacher || ts.some((x) => (g.id === "-" ? !x.groups.some((y) => known.has(y)) : x.groups.includes(g.id)))));
  const groups: GroupSummary[] = shown.map((g) => {
    const members = ts.filter((x) => (g.id === "-" ? !x.groups.some((y) => known.has(y)) : x.groups.includes(g.id)));
    const met = members.filter((x) => x.met).length;
    return {
      id: g.id,
      name: g.name,
      type: g.type,
      members: members.length,
      averageTotal: avg(members.map((x) => x.total)),
      met,
      inProgress: members.filter((x) => x.standing === "in-progress").length,
      notMet: members.filter((x) => x.standing === "short").length,
      metRate: members.length ? share(met, members.length) : 0,
      short: members.filter((x) => !x.met).map((x) => shortfallOf(x, labels)),
      ...(groupRequirements(result, g.id, lang) ? { requirements: groupRequirements(result, g.id, lang)!.requirements } : {}),
      ...(reviews ? { review: sumCounts(reviews, members.map((x) => x.teacher)) } : {}),
    };
  });
  const met = ts.filter((x) => x.met).length;
  let cycle: CycleProgress | undefined;
  const c = dataset.config.cycle;
  if (c && cycleResult) {
    const total = daysBetween(c.start, c.end) + 1;
    const gone = Math.min(total, Math.max(0, daysBetween(c.start, today) + 1));
    const cycleReqs = cycleResult.requirements.filter((r) => r.per === "cycle");
    cycle = {
      id: c.id,
      name: c.name,
      start: c.start,
      end: c.end,
      elapsed: share(gone, total),
      averageTotal: avg(cycleResult.teachers.map((x) => x.total)),
      requirements: cycleReqs.map((r) => {
        const measured = cycleResult.teachers.filter((x) => x.requirements.some((q) => q.id === r.id));
        return { id: r.id, label: label(r, lang), met: measured.filter((x) => x.requirements.filter((q) => q.id === r.id).every((q) => q.met)).length, teachers: measured.length };
      }),
    };
  }
  return {
    schema: "yanxiu.summary/1",
    school: dataset.config.school,
    ...(dataset.config.district ? { district: dataset.config.district } : {}),
    scheme: { id: result.scheme.id, name: lang === "en" ? result.scheme.nameEn : result.scheme.name, unit },
    period: result.period,
    teachers: ts.length,
    averageTotal: avg(ts.map((x) => x.total)),
    met,
    inProgress: ts.filter((x) => x.standing === "in-progress").length,
    notMet: ts.filter((x) => x.standing === "short").length,
    metRate: ts.length ? share(met, ts.length) : 0,
    notScored: result.notScored,
    // The school's own requirements describe the whole school, not a selection of it.
    ...(!filter && schoolRequirements(result, lang) ? { schoolRequirements: schoolRequirements(result, lang) } : {}),
    bandBasis,
    bands,
    groups,
    short: ts.filter((x) => !x.met).map((x) => shortfallOf(x, labels)),
    ...(cycle ? { cycle } : {}),
    ...(reviews ? { review: { ...sumCounts(reviews, ts.map((x) => x.teacher)), approvedOnly: reviews.approvedOnly } } : {}),
    ...(filter ? { filter } : {}),
  };
}

/** The minimum of the school-wide total requirement, drawn as the charts' target line. */
export function totalMinimum(scheme: Scheme | undefined, result: ScoreResult): number | undefined {
  const def = scheme?.requirements.find((r) => r.target.type === "total" && !r.roles && (r.per ?? scheme.meta.period) === result.period.type);
  return def?.minimum;
}

function shortText(s: Shortfall, lang: Lang): string {
  return s.requirements
    .map((r) => (r.inProgress ? t(lang, `${r.label}(${r.window},至今)进行中 ${r.actual}/${r.minimum ?? 0}(${progressPercent(r.actual, r.minimum ?? 0)})`, `${r.label} (${r.window}, so far) in progress ${r.actual}/${r.minimum ?? 0} (${progressPercent(r.actual, r.minimum ?? 0)})`) : r.shortBy > 0 ? t(lang, `${r.label}(${r.window})差 ${r.shortBy}`, `${r.label} (${r.window}) short by ${r.shortBy}`) : t(lang, `${r.label}(${r.window})超 ${r.excess}`, `${r.label} (${r.window}) over by ${r.excess}`)))
    .join(t(lang, ";", "; "));
}

export function summaryDoc(data: SummaryData, result: ScoreResult, lang: Lang, target?: number): ReportDoc {
  const u = unitLabel(data.scheme.unit as ScoreResult["scheme"]["unit"], lang);
  const counts = (c: ReviewCount | undefined) => (data.review ? [c?.pending ?? 0, c?.returned ?? 0] : []);
  const groupTable: ReportTable = {
    id: "groups",
    title: t(lang, "各组汇总", "Groups"),
    sheet: t(lang, "各组汇总", "Groups"),
    columns: [
      { header: t(lang, "组", "group"), type: "text" },
      { header: t(lang, "类型", "type"), type: "text" },
      { header: t(lang, "人数", "members"), type: "number" },
      { header: t(lang, `人均${u}`, `average ${u}`), type: "number" },
      { header: t(lang, "已达标", "met"), type: "number" },
      { header: t(lang, "进行中", "in progress"), type: "number" },
      { header: t(lang, "未达标", "not met"), type: "number" },
      { header: t(lang, "达标率", "share met"), type: "percent" },
      ...(data.review ? [{ header: t(lang, "待审核", "awaiting review"), type: "number" as const }, { header: t(lang, "退回", "returned"), type: "number" as const }] : []),
      { header: t(lang, "未达标教师", "falling short"), type: "text", long: true },
    ],
    // Rates unrounded: each renderer rounds once, for display (14/26 is 53.8%, everywhere).
    rows: data.groups.map((g) => [g.name, g.type, g.members, g.averageTotal, g.met, g.inProgress, g.notMet, g.members ? g.met / g.members : 0, ...counts(g.review), g.short.map((s) => s.name).join("、")]),
    footer: [[data.filter ? t(lang, "合计", "total") : t(lang, "全校", "whole school"), "", data.teachers, data.averageTotal, data.met, data.inProgress, data.notMet, data.teachers ? data.met / data.teachers : 0, ...counts(data.review), data.short.map((s) => s.name).join("、")]],
  };
  const basis = data.bandBasis === "total" ? t(lang, `(按${u}总数)`, ` (by total ${u})`) : "";
  const bandTable: ReportTable = {
    id: "bands",
    title: t(lang, `学时分段(教基4068)${basis}`, `Hour bands (form 教基4068)${basis}`),
    sheet: t(lang, "学时分段", "Hour bands"),
    columns: [
      { header: t(lang, "学时段", "band"), type: "text" },
      { header: t(lang, "人数", "teachers"), type: "number" },
      { header: t(lang, "占比", "share"), type: "percent" },
    ],
    rows: data.bands.map((b) => [b.label, b.count, data.teachers ? b.count / data.teachers : 0]),
  };
  const shortTable: ReportTable = {
    id: "short",
    title: t(lang, "未达标明细", "Falling short"),
    sheet: t(lang, "未达标明细", "Falling short"),
    columns: [
      { header: t(lang, "编号", "id"), type: "text" },
      { header: t(lang, "姓名", "name"), type: "text" },
      { header: t(lang, "要求", "requirement"), type: "text", long: true },
      { header: t(lang, "时段", "window"), type: "text" },
      { header: t(lang, "实际", "actual"), type: "number" },
      { header: t(lang, "最低", "minimum"), type: "number" },
      { header: t(lang, "差", "short by"), type: "number" },
    ],
    rows: data.short.flatMap((s) => s.requirements.map((r) => [s.teacher, s.name, r.label, r.window, r.actual, r.minimum ?? null, r.shortBy])),
  };
  const tables = [groupTable, bandTable, shortTable];
  const charts: BarChart[] = [
    {
      id: "groups",
      title: t(lang, `各组人均${u}`, `Average ${u} per group`),
      unit: u,
      bars: data.groups.map((g) => ({ label: g.name, value: g.averageTotal })),
      ...(target !== undefined ? { target: { value: target, label: t(lang, `要求 ${target}`, `required ${target}`) } } : {}),
    },
    {
      id: "teachers",
      title: t(lang, `每位教师${u}(绿色达标,红色未达标)`, `${u} per teacher (green: met, red: short)`),
      unit: u,
      bars: result.teachers.map((x) => ({ label: `${x.name}`, value: x.total, ok: x.met })),
      ...(target !== undefined ? { target: { value: target, label: t(lang, `要求 ${target}`, `required ${target}`) } } : {}),
    },
  ];
  const lines: ReportDoc["sections"][number]["lines"] = [
    { indent: 1, text: t(lang, `教师 ${data.teachers} 人,人均 ${data.averageTotal} ${u}`, `${data.teachers} teachers, ${data.averageTotal} ${u} on average`) },
    {
      indent: 1,
      text: t(lang, `已达标 ${data.met} 人,进行中 ${data.inProgress} 人,未达标 ${data.notMet} 人,达标率 ${pct(data.metRate)}`, `${data.met} met every requirement, ${data.inProgress} in progress, ${data.notMet} not met: ${pct(data.metRate)}`),
      tone: data.met === data.teachers ? "ok" : data.notMet === 0 ? undefined : "short",
    },
    ...(data.notScored.length
      ? [{ indent: 1, tone: "muted" as const, text: t(lang, `不计学时:${data.notScored.map((x) => `${x.name}(${x.role ?? "scored: false"})`).join("、")}`, `not scored: ${data.notScored.map((x) => `${x.name} (${x.role ?? "scored: false"})`).join(", ")}`) }]
      : []),
    { indent: 1, text: t(lang, `学时分段:`, `hour bands: `) + data.bands.map((b) => `${b.label} ${b.count}`).join(t(lang, ",", ", ")) },
    ...(data.review
      ? [{ indent: 1, text: data.review.approvedOnly ? approvedOnlyNote(data.review, u, lang) : t(lang, `待审核 ${data.review.pending} 条,退回 ${data.review.returned} 条`, `${data.review.pending} records awaiting review, ${data.review.returned} returned`) }]
      : []),
  ];
  if (data.cycle) {
    const c = data.cycle;
    lines.push({ indent: 1, text: t(lang, `周期 ${c.name}(${c.start} 至 ${c.end}):已过 ${pct(c.elapsed)},人均累计 ${c.averageTotal} ${u}`, `cycle ${c.name} (${c.start} to ${c.end}): ${pct(c.elapsed)} elapsed, ${c.averageTotal} ${u} per teacher so far`) });
    for (const r of c.requirements) lines.push({ indent: 2, text: t(lang, `${r.label}:已达到 ${r.met}/${r.teachers} 人`, `${r.label}: ${r.met} of ${r.teachers} met so far`) });
  }
  if (data.schoolRequirements) lines.push(...collectiveLines(data.schoolRequirements, lang));
  for (const g of data.groups) if (g.requirements) lines.push(...collectiveLines({ id: g.id, name: g.name, met: g.requirements.every((q) => q.met), requirements: g.requirements }, lang));
  const shortLines = data.short.map((s) => ({ indent: 1, tone: "short" as const, text: `${s.name}(${s.teacher}):${shortText(s, lang)}` }));
  return {
    kind: "summary",
    lang,
    title: t(lang, `${data.school} 校本研修汇总`, `${data.school}: school-based training summary`),
    meta: [periodLabel(data.period, lang), data.scheme.name, ...(data.filter ? [t(lang, `范围:${data.filter.label}`, `only: ${data.filter.label}`)] : [])],
    sections: [
      { heading: data.filter ? data.filter.label : t(lang, "全校", "Whole school"), lines },
      ...(shortLines.length ? [{ heading: data.inProgress ? t(lang, "未达标与进行中", "Not met or in progress") : t(lang, "未达标", "Falling short"), lines: shortLines }] : []),
    ],
    tables,
    charts,
    data,
  };
}
