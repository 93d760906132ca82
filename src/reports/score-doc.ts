/**
 * `yanxiu score` as an exportable document, built from the rule engineer's report data
 * (teacher-table.ts, group-table.ts): a per-teacher table (one column per item), a per-group
 * table (members, 人均, 达标率, who falls short of what), and bar charts of both.
 */
import { t, type Lang } from "../i18n.js";
import type { GroupRow } from "./group-table.js";
import type { RequirementCell, TeacherTable } from "./teacher-table.js";
import type { ReportDoc, ReportTable } from "./document.js";
import { periodLabel } from "./labels.js";
import { requirementText } from "./requirement-text.js";

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
      { header: t(lang, "未达要求", "requirements not met"), type: "text" },
    ],
    rows: tt.rows.map((x) => [
      x.teacher,
      x.name,
      x.groups.map((g) => groupNames.get(g) ?? g).join("、"),
      ...x.items.map((i) => i.credited),
      x.total,
      x.grade,
      unmetText(x.requirements, lang, tt.period.id),
    ]),
  };
}

export function groupSheet(groups: GroupRow[], unit: string, lang: Lang, periodId: string): ReportTable {
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
      { header: t(lang, "未达标教师及差额", "falling short, and of what"), type: "text" },
    ],
    rows: groups.map((g) => [
      g.name,
      g.members,
      g.averageTotal,
      g.met,
      Math.round(g.metRate * 10000) / 10000,
      g.shortfalls.map((s) => `${s.name}:${unmetText(s.unmet, lang, periodId)}`).join(t(lang, " / ", " / ")),
    ]),
  };
}

export function scoreDoc(tt: TeacherTable, groups: GroupRow[], groupNames: Map<string, string>, lang: Lang): ReportDoc {
  const tables = [teacherSheet(tt, groupNames, lang), ...(groups.length ? [groupSheet(groups, tt.unit, lang, tt.period.id)] : [])];
  const school = tt.school ?? "";
  return {
    kind: "score",
    lang,
    title: t(lang, `${school} 研修${tt.unit}`, `${school}: ${tt.unit}`).trim(),
    meta: [periodLabel(tt.period, lang), tt.scheme],
    sections: [],
    tables,
    charts: [
      ...(groups.length ? [{ id: "groups", title: t(lang, `各组人均${tt.unit}`, `Average ${tt.unit} per group`), unit: tt.unit, bars: groups.map((g) => ({ label: g.name, value: g.averageTotal })) }] : []),
      { id: "teachers", title: t(lang, `每位教师${tt.unit}(绿色达标,红色未达标)`, `${tt.unit} per teacher (green: met, red: short)`), unit: tt.unit, bars: tt.rows.map((x) => ({ label: x.name, value: x.total, ok: x.met })) },
    ],
    data: { schema: "yanxiu.score/1", teachers: tt, groups } satisfies ScoreReportData,
  };
}
