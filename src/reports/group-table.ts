/**
 * Per-group score table as data: members, average total, 达标率 (share meeting every
 * requirement), and who falls short of what. A teacher in two groups appears in both;
 * teachers in none are gathered under "(no group)".
 */
import { t, type Lang } from "../i18n.js";
import type { Group } from "../model.js";
import type { ScoreResult } from "../score/types.js";
import { groupRequirements, schoolRequirements, type CollectiveCell } from "./collective.js";
import { requirementCell, type RequirementCell, type TableFilter } from "./teacher-table.js";
import { sumCounts, type ReviewCount, type ReviewCounts } from "./review-counts.js";

export interface Shortfall {
  teacher: string;
  name: string;
  total: number;
  unmet: RequirementCell[];
}

export interface GroupRow {
  group: string;
  name: string;
  members: number;
  averageTotal: number;
  /** Members meeting every requirement. */
  met: number;
  /** Members with nothing failed but a requirement whose window runs on (进行中). */
  inProgress: number;
  /** Members who failed a requirement for good. */
  short: number;
  /** met / members, 0..1. */
  metRate: number;
  /** Average credited value per item, in the result's item order. */
  itemAverages: number[];
  shortfalls: Shortfall[];
  /** The group's own requirements (subject: group), when the scheme has any; the school's on the 全校 row. */
  requirements?: CollectiveCell[];
  /** 待审核 / 退回 records of the members (each teacher once), when the school reviews records. */
  review?: ReviewCount;
}

export const NO_GROUP = "-";
/** The id of the 全校 row: every scored teacher once. */
export const SCHOOL = "*";

const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100 : 0);

export function buildGroupTable(result: ScoreResult, groups: Group[], lang: Lang, filter: TableFilter = {}, reviews?: ReviewCounts): GroupRow[] {
  const reqLabels = new Map(result.requirements.map((r) => [r.id, lang === "en" ? r.labelEn : r.label]));
  const teachers = result.teachers.filter((x) => !filter.teacher || x.teacher === filter.teacher);
  const known = new Set(groups.map((g) => g.id));
  const list = [
    ...groups.map((g) => ({ id: g.id, name: g.name })),
    ...(teachers.some((x) => !x.groups.some((g) => known.has(g))) ? [{ id: NO_GROUP, name: t(lang, "(未分组)", "(no group)") }] : []),
  ];
  return list
    .filter((g) => !filter.group || g.id === filter.group)
    .map((g): GroupRow => {
      const members = teachers.filter((x) => (g.id === NO_GROUP ? !x.groups.some((y) => known.has(y)) : x.groups.includes(g.id)));
      const own = groupRequirements(result, g.id, lang);
      return { ...groupRow(g, members, result, reqLabels, reviews), ...(own ? { requirements: own.requirements } : {}) };
    })
    .filter((g) => g.members > 0 || g.group !== NO_GROUP);
}

function groupRow(g: { id: string; name: string }, members: ScoreResult["teachers"], result: ScoreResult, reqLabels: Map<string, string>, reviews?: ReviewCounts): GroupRow {
  const met = members.filter((x) => x.standing === "met").length;
  return {
    group: g.id,
    name: g.name,
    members: members.length,
    averageTotal: avg(members.map((x) => x.total)),
    met,
    inProgress: members.filter((x) => x.standing === "in-progress").length,
    short: members.filter((x) => x.standing === "short").length,
    metRate: members.length ? met / members.length : 0,
    itemAverages: result.items.map((i) => avg(members.map((x) => x.items.find((y) => y.id === i.id)?.credited ?? 0))),
    shortfalls: members
      .filter((x) => !x.met)
      .map((x) => ({ teacher: x.teacher, name: x.name, total: x.total, unmet: x.requirements.filter((r) => !r.met).map((r) => requirementCell(r, reqLabels)) })),
    ...(reviews ? { review: sumCounts(reviews, members.map((x) => x.teacher)) } : {}),
  };
}

/** The 全校 row: every scored teacher the filter keeps, once (a teacher in two groups counts once). */
export function buildSchoolRow(result: ScoreResult, lang: Lang, filter: TableFilter = {}, reviews?: ReviewCounts): GroupRow {
  const reqLabels = new Map(result.requirements.map((r) => [r.id, lang === "en" ? r.labelEn : r.label]));
  const members = result.teachers.filter((x) => (!filter.teacher || x.teacher === filter.teacher) && (!filter.group || x.groups.includes(filter.group)));
  const own = schoolRequirements(result, lang);
  return { ...groupRow({ id: SCHOOL, name: t(lang, "全校", "whole school") }, members, result, reqLabels, reviews), ...(own ? { requirements: own.requirements } : {}) };
}
