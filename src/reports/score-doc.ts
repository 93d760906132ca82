/**
 * `yanxiu score` as an exportable document, built from the rule engineer's report data
 * (teacher-table.ts, group-table.ts): a per-teacher table (one column per item), a per-group
 * table (members, 人均, 达标率, who falls short of what), and bar charts of both.
 */
import { t, type Lang } from "../i18n.js";
import type { GroupRow } from "./group-table.js";
import type { RequirementCell, TeacherTable } from "./teacher-table.js";
import { num, type ReportDoc, type ReportTable } from "./document.js";
import { periodLabel } from "./labels.js";
import { requirementText } from "./requirement-text.js";
import { addCounts, approvedOnlyNote } from "./review-counts.js";

export interface ScoreReportData {
  schema: "yanxiu.score/1";
  teachers: TeacherTable;
  groups: GroupRow[];
}

/** What is not met, as the terminal says it: the window when it is not the period's, 至今 and progress for one that runs on. */
export function unmetText(cells: RequirementCell[], lang: Lang, periodId: string): string {
  return cells
    .filter((r) => !r.met)
    .map((r) => requirementText(r, lang, periodId))
    .join(t(lang, ";", "; "));
}

export function teacherSheet(tt: TeacherTable, groupNames: Map<string, string>, lang: Lang): ReportTable {
  return {
    id: "teachers",
    title: t(lang, `教师${tt.unit}`, `${tt.unit} per teacher`),
    sheet: t(lang, `教师${tt.unit}`, "Teachers"),
    columns: [
      { header: t(lang, "编号", "id"), type: "text" },
      { header: t(lang, "姓名", "name"), type: "text" },
      { header: t(lang, "所在组", "groups"), type: "text" },
      ...tt.items.map((i) => ({ header: i.label, type: "number" as const })),
      { header: t(lang, `合计${tt.unit}`, `total ${tt.unit}`), type: "number" },
      { header: t(lang, "等次", "grade"), type: "text" },
      ...(tt.review ? reviewHeaders(lang) : []),
      { header: t(lang, "未达要求", "requirements not met"), type: "text", long: true },
    ],
    rows: tt.rows.map((x) => [
      x.teacher,
      x.name,
      x.groups.map((g) => groupNames.get(g) ?? g).join("、"),
      ...x.items.map((i) => i.credited),
      x.total,
      x.grade,
      ...(tt.review ? [x.review?.pending ?? 0, x.review?.returned ?? 0] : []),
      unmetText(x.requirements, lang, tt.period.id),
    ]),
    footer: tt.rows.length ? teacherFooter(tt, lang) : [],
  };
}

/** 待审核 and 退回 record counts, when the school reviews records (review-counts.ts). */
function reviewHeaders(lang: Lang): ReportTable["columns"] {
  return [
    { header: t(lang, "待审核", "awaiting review"), type: "number" },
    { header: t(lang, "退回", "returned"), type: "number" },
  ];
}

/** 全校 (the sum of each column) and 平均 (its mean over the teachers shown); 待审核 / 退回 summed only. */
function teacherFooter(tt: TeacherTable, lang: Lang): ReportTable["rows"] {
  const n = tt.rows.length;
  const sums = [...tt.items.map((_, k) => tt.rows.reduce((s, r) => s + r.items[k]!.credited, 0)), tt.rows.reduce((s, r) => s + r.total, 0)];
  const met = tt.rows.filter((r) => r.met).length;
  const review = addCounts(tt.rows.map((r) => r.review));
  return [
    [t(lang, "全校", "whole school"), t(lang, `${n} 人`, `${n} teachers`), "", ...sums.map(num), t(lang, `达标 ${met} 人`, `${met} met`), ...(tt.review ? [review.pending, review.returned] : []), ""],
    [t(lang, "平均", "average"), "", "", ...sums.map((x) => x / n), "", ...(tt.review ? ["", ""] : []), ""],
  ];
}

export function groupSheet(groups: GroupRow[], unit: string, lang: Lang, periodId: string, school?: GroupRow): ReportTable {
  const review = [...groups, ...(school ? [school] : [])].some((g) => g.review);
  const counts = (g: GroupRow) => (review ? [g.review?.pending ?? 0, g.review?.returned ?? 0] : []);
  return {
    id: "groups",
    title: t(lang, "各组汇总", "Groups"),
    sheet: t(lang, "各组汇总", "Groups"),
    columns: [
      { header: t(lang, "组", "group"), type: "text" },
      { header: t(lang, "人数", "members"), type: "number" },
      { header: t(lang, `人均${unit}`, `average ${unit}`), type: "number" },
      { header: t(lang, "达标人数", "met"), type: "number" },
      { header: t(lang, "达标率", "share met"), type: "percent" },
      ...(review ? reviewHeaders(lang) : []),
      { header: t(lang, "未达标教师及差额", "falling short, and of what"), type: "text", long: true },
    ],
    rows: groups.map((g) => [
      g.name,
      g.members,
      g.averageTotal,
      g.met,
      g.metRate,
      ...counts(g),
      g.shortfalls.map((s) => `${s.name}:${unmetText(s.unmet, lang, periodId)}`).join(t(lang, " / ", " / ")),
    ]),
    ...(school ? { footer: [[school.name, school.members, school.averageTotal, school.met, school.metRate, ...counts(school), ""]] } : {}),
  };
}

/**
 * The columns are items after their own caps; a category's cap then cuts the total, so a row's
 * items can add up to more than its 合计. Said once under the title, naming each category whose
 * cap cut someone's total.
 */
export function categoryCapNote(tt: TeacherTable, lang: Lang): string[] {
  const cutting = tt.categories.filter((c, i) => c.cap !== undefined && tt.rows.some((r) => r.categories[i]!.credited < r.categories[i]!.raw));
  if (cutting.length === 0) return [];
  const list = cutting.map((c) => t(lang, `「${c.label}」上限 ${c.cap} ${tt.unit}`, `${c.label} at most ${c.cap} ${tt.unit}`));
  return [t(lang, `合计按类别上限计(${list.join("、")}),所以各项之和可能大于合计`, `Totals apply category caps (${list.join(", ")}), so a row's items may add up to more than its total`)];
}

export function scoreDoc(tt: TeacherTable, groups: GroupRow[], groupNames: Map<string, string>, lang: Lang, schoolRow?: GroupRow): ReportDoc {
  const tables = [teacherSheet(tt, groupNames, lang), ...(groups.length ? [groupSheet(groups, tt.unit, lang, tt.period.id, schoolRow)] : [])];
  const school = tt.school ?? "";
  return {
    kind: "score",
    lang,
    title: t(lang, `${school} 研修${tt.unit}`, `${school}: ${tt.unit}`).trim(),
    meta: [periodLabel(tt.period, lang), tt.scheme, ...(tt.review?.approvedOnly ? [approvedOnlyNote(addCounts(tt.rows.map((r) => r.review)), tt.unit, lang)] : []), ...categoryCapNote(tt, lang)],
    sections: [],
    tables,
    charts: [
      ...(groups.length ? [{ id: "groups", title: t(lang, `各组人均${tt.unit}`, `Average ${tt.unit} per group`), unit: tt.unit, bars: groups.map((g) => ({ label: g.name, value: g.averageTotal })) }] : []),
      { id: "teachers", title: t(lang, `每位教师${tt.unit}(绿色达标,红色未达标)`, `${tt.unit} per teacher (green: met, red: short)`), unit: tt.unit, bars: tt.rows.map((x) => ({ label: x.name, value: x.total, ok: x.met })) },
    ],
    data: { schema: "yanxiu.score/1", teachers: tt, groups } satisfies ScoreReportData,
  };
}
