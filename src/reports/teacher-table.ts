/**
 * Per-teacher score table as data: one row per teacher with every item (raw and after its
 * cap), every requirement (met, or short by how much), total and grade. Rendering is
 * elsewhere (format/score-terminal.ts); this is what exports can share.
 */
import { t, type Lang } from "../i18n.js";
import type { Period, RequirementScore, ScoreResult } from "../score/types.js";
import type { Standing } from "../score/progress.js";
import type { NotScored } from "../score/scored.js";
import { countOf, type ReviewCount, type ReviewCounts } from "./review-counts.js";

export interface Column {
  id: string;
  label: string;
  cap?: number;
  /** An item's category; a category's parent. Absent at the top level. */
  category?: string;
  parent?: string;
}

/** A requirement's score as a table shows it: without its dates and measure, with its label. */
export type RequirementCell = Pick<RequirementScore, "id" | "window" | "partial" | "minimum" | "maximum" | "actual" | "met" | "shortBy" | "excess"> & {
  label: string;
};

export interface TeacherRow {
  teacher: string;
  name: string;
  groups: string[];
  roles: string[];
  /** In column order. */
  items: { raw: number; credited: number }[];
  categories: { raw: number; credited: number }[];
  requirements: RequirementCell[];
  total: number;
  grade: string;
  met: boolean;
  standing: Standing;
  /** 待审核 / 退回 records, when the school reviews records (review-counts.ts). */
  review?: ReviewCount;
}

export interface TeacherTable {
  school?: string;
  scheme: string;
  unit: string;
  period: Period;
  items: Column[];
  categories: Column[];
  rows: TeacherRow[];
  /** People on the roster the filter would show but who are not scored (roles in config notScored, scored: false). */
  notScored: NotScored[];
  /** Present when the school reviews records: every row then has its `review` counts. */
  review?: { approvedOnly: boolean };
}

export interface TableFilter {
  teacher?: string;
  group?: string;
}

const pick = (lang: Lang, x: { label: string; labelEn: string }) => (lang === "en" ? x.labelEn : x.label);

export function unitName(unit: ScoreResult["scheme"]["unit"], lang: Lang): string {
  return unit === "credits" ? t(lang, "学分", "credits") : unit === "points" ? t(lang, "分", "points") : t(lang, "学时", "hours");
}

export function requirementCell(r: RequirementScore, labels: Map<string, string>): RequirementCell {
  return {
    id: r.id,
    label: labels.get(r.id) ?? r.id,
    window: r.window,
    partial: r.partial,
    ...(r.minimum !== undefined ? { minimum: r.minimum } : {}),
    ...(r.maximum !== undefined ? { maximum: r.maximum } : {}),
    actual: r.actual,
    met: r.met,
    shortBy: r.shortBy,
    excess: r.excess,
  };
}

/** Keep only the teachers a --teacher / --group filter asks for. */
export function matches(filter: TableFilter): (x: { teacher: string; groups?: string[] }) => boolean {
  return (x) => (!filter.teacher || x.teacher === filter.teacher) && (!filter.group || (x.groups ?? []).includes(filter.group));
}

/**
 * The result with only the filtered teachers (and their trace): what `--teacher`/`--group`
 * mean for every format, JSON included. `groupsOf` gives the groups of a not-scored person.
 */
export function filterResult(result: ScoreResult, filter: TableFilter, groupsOf: (teacher: string) => string[]): ScoreResult {
  if (!filter.teacher && !filter.group) return result;
  const keep = matches(filter);
  const teachers = result.teachers.filter(keep);
  const ids = new Set(teachers.map((x) => x.teacher));
  return {
    ...result,
    teachers,
    notScored: result.notScored.filter((x) => keep({ teacher: x.teacher, groups: groupsOf(x.teacher) })),
    trace: result.trace.filter((e) => ids.has(e.teacher)),
  };
}

export function buildTeacherTable(result: ScoreResult, lang: Lang, filter: TableFilter = {}, school?: string, reviews?: ReviewCounts): TeacherTable {
  const reqLabels = new Map(result.requirements.map((r) => [r.id, pick(lang, r)]));
  const rows = result.teachers
    .filter(matches(filter))
    .map(
      (x): TeacherRow => ({
        teacher: x.teacher,
        name: x.name,
        groups: x.groups,
        roles: x.roles,
        items: result.items.map((i) => {
          const s = x.items.find((y) => y.id === i.id);
          return { raw: s?.raw ?? 0, credited: s?.credited ?? 0 };
        }),
        categories: result.categories.map((c) => {
          const s = x.categories.find((y) => y.id === c.id);
          return { raw: s?.raw ?? 0, credited: s?.credited ?? 0 };
        }),
        requirements: x.requirements.map((r) => requirementCell(r, reqLabels)),
        total: x.total,
        grade: pick(lang, x.grade),
        met: x.met,
        standing: x.standing,
        ...(reviews ? { review: countOf(reviews, x.teacher) } : {}),
      }),
    );
  return {
    ...(school ? { school } : {}),
    scheme: lang === "en" ? result.scheme.nameEn : result.scheme.name,
    unit: unitName(result.scheme.unit, lang),
    period: result.period,
    items: result.items.map((i) => ({ id: i.id, label: pick(lang, i), ...(i.cap !== undefined ? { cap: i.cap } : {}), ...(i.category ? { category: i.category } : {}) })),
    categories: result.categories.map((c) => ({ id: c.id, label: pick(lang, c), ...(c.cap !== undefined ? { cap: c.cap } : {}), ...(c.parent ? { parent: c.parent } : {}) })),
    rows,
    notScored: result.notScored,
    ...(reviews ? { review: { approvedOnly: reviews.approvedOnly } } : {}),
  };
}
