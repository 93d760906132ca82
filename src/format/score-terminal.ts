/**
 * `yanxiu score` for the terminal: a pure function from report data to a string. By default
 * the table fits the width (COLUMNS): per teacher the top-level category totals, total, grade
 * and what is short, one line a teacher where it fits; `wide` shows every item. Numbers are
 * right-aligned, groups shown by name. We avoid symbols of ambiguous width (✓, …) whose width
 * differs between terminals. Colour only when asked.
 */
import { Chalk } from "chalk";
import stringWidth from "string-width";
import { t, type Lang } from "../i18n.js";
import type { GroupRow } from "../reports/group-table.js";
import { collectiveText } from "../reports/collective.js";
import { fmtNum, requirementState, requirementText } from "../reports/requirement-text.js";
import type { TeacherRow, TeacherTable } from "../reports/teacher-table.js";
import { fitWidths, renderFit, unwrappedWidths, type FitColumn } from "./fit-table.js";
import { renderTable } from "./table.js";
import { addCounts, approvedOnlyNote, type ReviewCount } from "../reports/review-counts.js";

export { fmtNum, requirementText };

export interface GroupInfo {
  id: string;
  name: string;
  parent?: string;
}

export interface RenderOptions {
  lang: Lang;
  colour?: boolean;
  /** One teacher in detail (items as rows) instead of the table. */
  detail?: boolean;
  /** Every item as a column, at whatever width that takes. */
  wide?: boolean;
  /** Display columns to fit (default 120). */
  width?: number;
  /** The roster's groups, for names (ids are shown when absent). */
  groups?: GroupInfo[];
}

export const DEFAULT_WIDTH = 120;

function itemCell(v: { raw: number; credited: number }): string {
  return v.raw !== v.credited ? `${fmtNum(v.credited)} (${fmtNum(v.raw)})` : fmtNum(v.credited);
}

function header(tt: TeacherTable, lang: Lang, width: number): string {
  const p = tt.period;
  const kind = p.type === "term" ? t(lang, "学期", "term") : p.type === "year" ? t(lang, "学年", "school year") : t(lang, "周期", "cycle");
  const parts = [
    ...(tt.school ? [tt.school] : []),
    tt.scheme,
    t(lang, `${kind} ${p.id}(${p.start} 至 ${p.end})`, `${kind} ${p.id} (${p.start} to ${p.end})`),
    t(lang, `单位:${tt.unit}`, `unit: ${tt.unit}`),
  ];
  // Parts stay whole; a line breaks between them when the width needs it.
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    if (last !== undefined && stringWidth(`${last} · ${part}`) <= width) lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(part);
  }
  return lines.join("\n");
}

/** A teacher's groups by name; in the compact view a 备课组 is left out when its 教研组 is shown. */
export function groupNames(ids: string[], groups: GroupInfo[] | undefined, compact: boolean): string[] {
  const byId = new Map((groups ?? []).map((g) => [g.id, g]));
  const shown = compact ? ids.filter((id) => !ids.includes(byId.get(id)?.parent ?? "\u0000")) : ids;
  return shown.map((id) => byId.get(id)?.name ?? id);
}

/** Names that fit a width, then "等 N 组" / "+N" for the rest. */
function cutNames(lang: Lang) {
  return (text: string, width: number): string => {
    const names = text.split("、");
    for (let k = names.length - 1; k >= 1; k--) {
      const s = `${names.slice(0, k).join("、")}${t(lang, `等${names.length}组`, ` +${names.length - k}`)}`;
      if (stringWidth(s) <= width) return s;
    }
    // One name alone is too wide: its first characters.
    let out = "";
    for (const ch of names[0]!) {
      if (stringWidth(out + ch + "..") > width) break;
      out += ch;
    }
    return `${out}..`;
  };
}

const standingPaint = (c: InstanceType<typeof Chalk>, r: TeacherRow) => (s: string) =>
  r.standing === "met" ? c.green(s) : r.standing === "in-progress" ? c.yellow(s) : c.red(s);

function teacherColumns(tt: TeacherTable, opts: RenderOptions, c: InstanceType<typeof Chalk>, withGroups: boolean, withParts: boolean, withReview = true): FitColumn[] {
  const { lang } = opts;
  const wide = Boolean(opts.wide);
  const cols: FitColumn[] = [
    { header: t(lang, "教师", "Teacher"), align: "left", cells: tt.rows.map((r) => r.name) },
    { header: t(lang, "编号", "Id"), align: "left", cells: tt.rows.map((r) => r.teacher) },
  ];
  if (withGroups) {
    cols.push({ header: t(lang, "教研组", "Group"), align: "left", cells: tt.rows.map((r) => groupNames(r.groups, opts.groups, !wide).join("、")), shrink: "cut", min: 8, cut: cutNames(lang) });
  }
  if (wide) {
    tt.items.forEach((i, k) => cols.push({ header: i.label, align: "right", cells: tt.rows.map((r) => itemCell(r.items[k]!)) }));
    // A category's own cap can cut what its items add up to; without its column the total
    // would not visibly follow from the item cells.
    tt.categories.forEach((cat, k) => {
      if (cat.cap !== undefined) cols.push({ header: t(lang, `[类别]${cat.label}`, `[category] ${cat.label}`), align: "right", cells: tt.rows.map((r) => itemCell(r.categories[k]!)) });
    });
  } else if (withParts) {
    for (const part of topLevel(tt)) cols.push({ header: part.label, align: "right", cells: tt.rows.map((r) => fmtNum(part.value(r))) });
  }
  cols.push({ header: t(lang, "合计", "Total"), align: "right", cells: tt.rows.map((r) => fmtNum(r.total)) });
  cols.push({ header: t(lang, "等级", "Grade"), align: "left", cells: tt.rows.map((r) => r.grade), paint: (s, i) => standingPaint(c, tt.rows[i]!)(s) });
  if (tt.review && withReview) cols.push(...reviewColumns(tt.rows.map((r) => r.review), lang));
  cols.push({
    header: t(lang, "未达标", "Not met"),
    align: "left",
    cells: tt.rows.map((r) => r.requirements.filter((q) => !q.met).map((q) => requirementText(q, lang, tt.period.id)).join("\n")),
    shrink: wide ? undefined : "wrap",
    min: 24,
    paint: (s, i) => standingPaint(c, tt.rows[i]!)(s),
  });
  return cols;
}

/** 待审核 and 退回, when the school reviews records: a number each, blank for none; `short` English headers for narrow terminals. */
function reviewColumns(counts: (ReviewCount | undefined)[], lang: Lang, short = false): FitColumn[] {
  const cell = (n: number | undefined) => (n ? String(n) : "");
  return [
    { header: t(lang, "待审核", short ? "Pend." : "Pending"), align: "right", cells: counts.map((x) => cell(x?.pending)) },
    { header: t(lang, "退回", short ? "Ret." : "Returned"), align: "right", cells: counts.map((x) => cell(x?.returned)) },
  ];
}

/** What the total is made of at the top: root categories and items outside every category. */
function topLevel(tt: TeacherTable): { label: string; value: (r: TeacherRow) => number }[] {
  const parts: { label: string; value: (r: TeacherRow) => number }[] = [];
  tt.categories.forEach((cat, k) => {
    if (!cat.parent) parts.push({ label: cat.label, value: (r) => r.categories[k]!.credited });
  });
  tt.items.forEach((i, k) => {
    if (!i.category) parts.push({ label: i.label, value: (r) => r.items[k]!.credited });
  });
  return parts;
}

/** Try the fullest layout first; drop the parts, then the groups, then 待审核/退回 (the group table keeps them), until the table fits. */
function renderTeachers(tt: TeacherTable, opts: RenderOptions, c: InstanceType<typeof Chalk>): string {
  const width = opts.width ?? DEFAULT_WIDTH;
  const bold = opts.colour ? (s: string) => c.bold(s) : undefined;
  const tries: [boolean, boolean, boolean][] = [[true, true, true], [true, false, true], [false, false, true], [false, false, false]];
  for (const [withGroups, withParts, withReview] of tries) {
    const cols = teacherColumns(tt, opts, c, withGroups, withParts, withReview);
    const widths = opts.wide ? unwrappedWidths(cols) : fitWidths(cols, width);
    if (widths) return renderFit(cols, widths, { bold }).join("\n");
  }
  // Narrower than anything sensible: the smallest layout, wrapped by the terminal.
  const cols = teacherColumns(tt, opts, c, false, false, false);
  return renderFit(cols, cols.map((col) => Math.max(stringWidth(col.header), ...col.cells.map((x) => Math.min(24, stringWidth(x))))), { bold }).join("\n");
}

/** The full table if it fits; else short review headers and long group names cut; else without 待审核/退回. */
function renderGroups(groups: GroupRow[], school: GroupRow | undefined, tt: TeacherTable, opts: RenderOptions, c: InstanceType<typeof Chalk>): string {
  const bold = opts.colour ? (s: string) => c.bold(s) : undefined;
  const full = groupColumns(groups, school, tt, opts, c, "full");
  if (opts.wide) return renderFit(full, unwrappedWidths(full), { bold }).join("\n");
  const variants = tt.review ? [full, groupColumns(groups, school, tt, opts, c, "narrow"), groupColumns(groups, school, tt, opts, c, "no-review")] : [full];
  for (const cols of variants) {
    const widths = fitWidths(cols, opts.width ?? DEFAULT_WIDTH);
    if (widths) return renderFit(cols, widths, { bold }).join("\n");
  }
  return renderFit(full, unwrappedWidths(full), { bold }).join("\n");
}

function groupColumns(groups: GroupRow[], school: GroupRow | undefined, tt: TeacherTable, opts: RenderOptions, c: InstanceType<typeof Chalk>, layout: "full" | "narrow" | "no-review"): FitColumn[] {
  const { lang } = opts;
  const narrow = layout !== "full";
  const rows = [...groups, ...(school ? [school] : [])];
  const anyOpen = rows.some((g) => g.inProgress > 0);
  const cols: FitColumn[] = [
    { header: t(lang, "教研组", "Group"), align: "left", cells: rows.map((g) => g.name), ...(narrow ? { shrink: "cut" as const, min: 8, cut: cutNames(lang) } : {}) },
    { header: t(lang, "人数", "Members"), align: "right", cells: rows.map((g) => String(g.members)) },
    { header: t(lang, "人均", "Average"), align: "right", cells: rows.map((g) => fmtNum(g.averageTotal)) },
    { header: t(lang, "达标", "Met"), align: "right", cells: rows.map((g) => String(g.met)) },
    ...(anyOpen ? [{ header: t(lang, "进行中", "Open"), align: "right" as const, cells: rows.map((g) => String(g.inProgress)) }] : []),
    { header: t(lang, "达标率", "Met rate"), align: "right", cells: rows.map((g) => `${fmtNum(Math.round(g.metRate * 1000) / 10)}%`) },
    ...(tt.review && layout !== "no-review" ? reviewColumns(rows.map((g) => g.review), lang, narrow) : []),
    {
      header: t(lang, "未达标教师", "Falling short"),
      align: "left",
      // One teacher a line (or more); their requirements break where the width needs.
      cells: rows.map((g) => (g === school ? "" : g.shortfalls.map((s) => `${s.name}: ${s.unmet.map((q) => requirementText(q, lang, tt.period.id)).join("\n")}`).join("\n\n"))),
      shrink: opts.wide ? undefined : "wrap",
      min: 12,
      paint: (s) => c.red(s),
    },
    // The group's (or school's) own requirements, when the scheme has any: what is short.
    ...(rows.some((g) => g.requirements)
      ? [{
          header: t(lang, "组/校要求", "Group/school requirements"),
          align: "left" as const,
          cells: rows.map((g) => {
            const unmet = (g.requirements ?? []).filter((q) => !q.met);
            return g.requirements ? (unmet.length ? unmet.map((q) => collectiveText(q, lang)).join("\n") : t(lang, "均已达到", "all met")) : "";
          }),
          shrink: opts.wide ? undefined : ("wrap" as const),
          min: 12,
        }]
      : []),
  ];
  return cols;
}

function renderDetail(tt: TeacherTable, row: TeacherRow, opts: RenderOptions, c: InstanceType<typeof Chalk>): string {
  const { lang } = opts;
  const boldHead = Boolean(opts.colour);
  const right = ["left", "right", "right", "right"] as const;
  const items: string[][] = tt.items.map((i, k) => [i.label, fmtNum(row.items[k]!.raw), fmtNum(row.items[k]!.credited), i.cap !== undefined ? fmtNum(i.cap) : ""]);
  tt.categories.forEach((cat, k) => items.push([t(lang, `[类别] ${cat.label}`, `[category] ${cat.label}`), fmtNum(row.categories[k]!.raw), fmtNum(row.categories[k]!.credited), cat.cap !== undefined ? fmtNum(cat.cap) : ""]));
  items.push([t(lang, "合计", "Total"), "", fmtNum(row.total), ""]);
  const itemTable = renderTable(items, { head: [t(lang, "项目", "Item"), t(lang, "封顶前", "Before cap"), t(lang, "计入", "Counted"), t(lang, "上限", "Cap")], boldHead, colAligns: right });
  const reqs = row.requirements.map((q) => {
    const bound = q.minimum !== undefined ? `>= ${fmtNum(q.minimum)}` : `<= ${fmtNum(q.maximum ?? 0)}`;
    const state = requirementState(q, lang);
    return [q.label, q.partial ? t(lang, `${q.window}(至今)`, `${q.window} (so far)`) : q.window, bound, fmtNum(q.actual), q.met ? c.green(state) : c.red(state)];
  });
  const reqTable = renderTable(reqs, { head: [t(lang, "要求", "Requirement"), t(lang, "时段", "Window"), t(lang, "应达", "Required"), t(lang, "实际", "Actual"), t(lang, "结果", "Result")], boldHead, colAligns: ["left", "left", "right", "right", "left"] });
  const grade = standingPaint(c, row)(row.grade);
  const groups = groupNames(row.groups, opts.groups, false);
  return [
    t(lang, `${row.name}(${row.teacher})  教研组:${groups.join("、") || "无"}  角色:${row.roles.join("、") || "无"}`, `${row.name} (${row.teacher})  groups: ${groups.join(", ") || "none"}  roles: ${row.roles.join(", ") || "none"}`),
    itemTable,
    ...(row.requirements.length ? [reqTable] : []),
    t(lang, `合计 ${fmtNum(row.total)} ${tt.unit},等级:${grade}`, `Total ${fmtNum(row.total)} ${tt.unit}, grade: ${grade}`),
    ...(row.review ? [t(lang, `待审核 ${row.review.pending} 条,退回 ${row.review.returned} 条`, `${row.review.pending} awaiting review, ${row.review.returned} returned`)] : []),
    ...(tt.review?.approvedOnly && row.review ? [approvedOnlyNote(row.review, tt.unit, lang)] : []),
  ].join("\n");
}

function notScoredLine(tt: TeacherTable, lang: Lang): string[] {
  if (tt.notScored.length === 0) return [];
  const who = tt.notScored.map((x) => (x.reason === "role" ? t(lang, `${x.name}(${x.teacher},${x.role})`, `${x.name} (${x.teacher}, ${x.role})`) : t(lang, `${x.name}(${x.teacher},scored: false)`, `${x.name} (${x.teacher}, scored: false)`)));
  return [t(lang, `不计学时:${who.join("、")}`, `Not scored: ${who.join(", ")}`)];
}

export function renderScore(tt: TeacherTable, groups: GroupRow[], opts: RenderOptions, school?: GroupRow): string {
  const { lang } = opts;
  const c = new Chalk({ level: opts.colour ? 1 : 0 });
  const out = [header(tt, lang, opts.wide ? Infinity : (opts.width ?? DEFAULT_WIDTH)), ...notScoredLine(tt, lang), ""];
  if (tt.rows.length === 0) {
    out.push(t(lang, "没有符合条件的教师。", "No teachers match."));
    return `${out.join("\n")}\n`;
  }
  if (opts.detail && tt.rows.length === 1) {
    out.push(renderDetail(tt, tt.rows[0]!, opts, c));
    return `${out.join("\n")}\n`;
  }
  out.push(opts.wide ? t(lang, `教师${tt.unit}(括号内为封顶前)`, `Per teacher (in brackets: before the cap)`) : t(lang, `教师${tt.unit}(--wide 显示各项)`, `Per teacher (--wide for every item)`));
  out.push(renderTeachers(tt, opts, c));
  if (groups.length) {
    out.push("", t(lang, "教研组", "Per group"));
    out.push(renderGroups(groups, school, tt, opts, c));
  }
  if (tt.review?.approvedOnly) {
    out.push("", approvedOnlyNote(addCounts(tt.rows.map((r) => r.review)), tt.unit, lang));
  }
  return `${out.join("\n")}\n`;
}
