/**
 * `yanxiu score` for the terminal: a pure function from report data to a string.
 * Tables measure cells with string-width, so Chinese text aligns; we avoid symbols of
 * ambiguous width (✓, —) whose width differs between terminals. Colour only when asked.
 */
import { Chalk } from "chalk";
import { t, type Lang } from "../i18n.js";
import type { GroupRow } from "../reports/group-table.js";
import type { RequirementCell, TeacherRow, TeacherTable } from "../reports/teacher-table.js";
import { type Align, renderTable } from "./table.js";

export interface RenderOptions {
  lang: Lang;
  colour?: boolean;
  /** One teacher in detail (items as rows) instead of the wide table. */
  detail?: boolean;
}

export function fmtNum(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(2).replace(/\.?0+$/, "");
}

/** Rows are pushed, then drawn once with `toString()`. */
function table(head: string[], colour: boolean, colAligns?: Align[]): { push(row: string[]): void; toString(): string } {
  const rows: string[][] = [];
  return {
    push: (row) => void rows.push(row),
    toString: () => renderTable(rows, { head, boldHead: colour, colAligns }),
  };
}

/** "差 3" / "超 1" / "达标", with the window when it is not the period itself. */
export function requirementText(r: RequirementCell, lang: Lang, periodId: string): string {
  const where = r.window !== periodId ? t(lang, `(${r.window}${r.partial ? ",至今" : ""})`, ` (${r.window}${r.partial ? ", so far" : ""})`) : "";
  const state = r.met
    ? t(lang, "达标", "met")
    : r.shortBy > 0
      ? t(lang, `差 ${fmtNum(r.shortBy)}`, `short by ${fmtNum(r.shortBy)}`)
      : t(lang, `超 ${fmtNum(r.excess)}`, `over by ${fmtNum(r.excess)}`);
  return `${r.label}${where} ${state}`;
}

function itemCell(v: { raw: number; credited: number }): string {
  return v.raw !== v.credited ? `${fmtNum(v.credited)} (${fmtNum(v.raw)})` : fmtNum(v.credited);
}

function header(tt: TeacherTable, lang: Lang): string {
  const p = tt.period;
  const kind = p.type === "term" ? t(lang, "学期", "term") : p.type === "year" ? t(lang, "学年", "school year") : t(lang, "周期", "cycle");
  const parts = [
    ...(tt.school ? [tt.school] : []),
    tt.scheme,
    t(lang, `${kind} ${p.id}(${p.start} 至 ${p.end})`, `${kind} ${p.id} (${p.start} to ${p.end})`),
    t(lang, `单位:${tt.unit}`, `unit: ${tt.unit}`),
  ];
  return parts.join(t(lang, " · ", " · "));
}

function renderTeachers(tt: TeacherTable, lang: Lang, colour: boolean): string {
  const c = new Chalk({ level: colour ? 1 : 0 });
  // A category's own cap can cut what its items add up to; without its column the total
  // would not visibly follow from the item cells.
  const capped = tt.categories.map((cat, k) => ({ cat, k })).filter(({ cat }) => cat.cap !== undefined);
  const head = [
    t(lang, "教师", "Teacher"),
    t(lang, "教研组", "Group"),
    ...tt.items.map((i) => i.label),
    ...capped.map(({ cat }) => t(lang, `[类别]${cat.label}`, `[category] ${cat.label}`)),
    t(lang, "合计", "Total"),
    t(lang, "等级", "Grade"),
    t(lang, "未达标", "Not met"),
  ];
  const tb = table(head, colour);
  for (const r of tt.rows) {
    const unmet = r.requirements.filter((q) => !q.met).map((q) => requirementText(q, lang, tt.period.id));
    tb.push([
      `${r.name} (${r.teacher})`,
      r.groups.join(","),
      ...r.items.map(itemCell),
      ...capped.map(({ k }) => itemCell(r.categories[k]!)),
      fmtNum(r.total),
      r.met ? c.green(r.grade) : c.red(r.grade),
      unmet.length ? c.red(unmet.join("\n")) : "",
    ]);
  }
  return tb.toString();
}

function renderDetail(tt: TeacherTable, row: TeacherRow, lang: Lang, colour: boolean): string {
  const c = new Chalk({ level: colour ? 1 : 0 });
  const items = table([t(lang, "项目", "Item"), t(lang, "封顶前", "Before cap"), t(lang, "计入", "Counted"), t(lang, "上限", "Cap")], colour);
  tt.items.forEach((i, k) => items.push([i.label, fmtNum(row.items[k]!.raw), fmtNum(row.items[k]!.credited), i.cap !== undefined ? fmtNum(i.cap) : ""]));
  tt.categories.forEach((cat, k) =>
    items.push([t(lang, `[类别] ${cat.label}`, `[category] ${cat.label}`), fmtNum(row.categories[k]!.raw), fmtNum(row.categories[k]!.credited), cat.cap !== undefined ? fmtNum(cat.cap) : ""]),
  );
  items.push([t(lang, "合计", "Total"), "", fmtNum(row.total), ""]);
  const reqs = table([t(lang, "要求", "Requirement"), t(lang, "时段", "Window"), t(lang, "应达", "Required"), t(lang, "实际", "Actual"), t(lang, "结果", "Result")], colour);
  for (const q of row.requirements) {
    const bound = q.minimum !== undefined ? `>= ${fmtNum(q.minimum)}` : `<= ${fmtNum(q.maximum ?? 0)}`;
    const result = q.met ? c.green(t(lang, "达标", "met")) : c.red(q.shortBy > 0 ? t(lang, `差 ${fmtNum(q.shortBy)}`, `short by ${fmtNum(q.shortBy)}`) : t(lang, `超 ${fmtNum(q.excess)}`, `over by ${fmtNum(q.excess)}`));
    reqs.push([q.label, q.partial ? t(lang, `${q.window}(至今)`, `${q.window} (so far)`) : q.window, bound, fmtNum(q.actual), result]);
  }
  const grade = row.met ? c.green(row.grade) : c.red(row.grade);
  return [
    t(lang, `${row.name}(${row.teacher})  教研组:${row.groups.join(",") || "无"}  角色:${row.roles.join(",") || "无"}`, `${row.name} (${row.teacher})  groups: ${row.groups.join(", ") || "none"}  roles: ${row.roles.join(", ") || "none"}`),
    items.toString(),
    ...(row.requirements.length ? [reqs.toString()] : []),
    t(lang, `合计 ${fmtNum(row.total)} ${tt.unit},等级:${grade}`, `Total ${fmtNum(row.total)} ${tt.unit}, grade: ${grade}`),
  ].join("\n");
}

function renderGroups(groups: GroupRow[], tt: TeacherTable, lang: Lang, colour: boolean): string {
  const c = new Chalk({ level: colour ? 1 : 0 });
  const tb = table(
    [t(lang, "教研组", "Group"), t(lang, "人数", "Members"), t(lang, "平均", "Average"), t(lang, "达标", "Met"), t(lang, "达标率", "Met rate"), t(lang, "未达标教师", "Falling short")],
    colour,
  );
  for (const g of groups) {
    const short = g.shortfalls.map((s) => `${s.name}: ${s.unmet.map((q) => requirementText(q, lang, tt.period.id)).join(t(lang, ";", "; "))}`);
    tb.push([
      `${g.name} (${g.group})`,
      String(g.members),
      fmtNum(g.averageTotal),
      `${g.met}/${g.members}`,
      `${fmtNum(Math.round(g.metRate * 1000) / 10)}%`,
      short.length ? c.red(short.join("\n")) : "",
    ]);
  }
  return tb.toString();
}

export function renderScore(tt: TeacherTable, groups: GroupRow[], opts: RenderOptions): string {
  const { lang } = opts;
  const colour = Boolean(opts.colour);
  const out = [header(tt, lang), ""];
  if (tt.rows.length === 0) {
    out.push(t(lang, "没有符合条件的教师。", "No teachers match."));
    return `${out.join("\n")}\n`;
  }
  if (opts.detail && tt.rows.length === 1) {
    out.push(renderDetail(tt, tt.rows[0]!, lang, colour));
    return `${out.join("\n")}\n`;
  }
  out.push(t(lang, "教师学时(括号内为封顶前)", "Per teacher (in brackets: before the cap)"));
  out.push(renderTeachers(tt, lang, colour));
  if (groups.length) {
    out.push("", t(lang, "教研组", "Per group"));
    out.push(renderGroups(groups, tt, lang, colour));
  }
  return `${out.join("\n")}\n`;
}
