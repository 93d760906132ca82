/**
 * Rows of a records sheet (one activity a row) or a 集体活动 sheet (one group session a row) as
 * the items `add` would write: the teacher or group, kind, date and term resolved, numbers and
 * dates read as people type them in Excel. A row that cannot be read is rejected with its row
 * number and why; whether the items pass `check` is decided afterwards (plan.ts). Pure.
 */
import { t, type Lang } from "../i18n.js";
import { allTerms, termOf, type Config, type Group, type Teacher, type Term } from "../model.js";
import type { KindDef } from "../rules/types.js";
import { recordFilePath, sessionFilePath } from "../repo/layout.js";
import { parseLooseDate } from "../input/date.js";
import { ACTIVITY_ROLES, AWARDS, LEVELS, STAGES, STATUSES } from "../schema/vocab.js";
import { attendanceFromLists, buildRecord, buildSession } from "../add/record.js";
import type { MergeTarget } from "../add/merge.js";
import { cellOf, mapColumns, type Columns } from "./columns.js";
import { ATTENDANCE_FIELDS, RECORD_FIELDS, RECORD_HEADERS, SESSION_FIELDS, SESSION_HEADERS, splitList, type RecordField, type SessionField } from "./fields.js";
import { findGroup, findKind, findTeacher } from "./who.js";
import type { Sheet } from "./sheet.js";
import type { Rejection } from "./roster.js";

export interface ImportContext {
  config: Config;
  /** YYYY-MM-DD: a date typed without its year is the latest such day not after it. */
  today: string;
  teachers: readonly Teacher[];
  groups: readonly Group[];
  kinds: ReadonlyMap<string, KindDef>;
}

export type SheetKind = "records" | "sessions";

export interface ImportedItem {
  /** The row as the spreadsheet shows it. */
  row: number;
  sheet: SheetKind;
  /** The worksheet it came from (a school may keep a sheet a month). */
  sheetName?: string;
  term: Term;
  file: string;
  target: MergeTarget;
  /** Teacher id or group id. */
  owner: string;
  item: Record<string, unknown>;
}

export interface ParsedRows {
  items: ImportedItem[];
  rejected: Rejection[];
  /** The sheet as a whole cannot be read (a missing column, a bad --map). */
  errors: string[];
}

/**
 * 2025-09-01, 2025/9/1, 2025.9.1, 2025年9月1日, full-width digits, a month and day without the year
 * (the latest such day not after today, as add reads it: src/input/date.ts), or an Excel day number
 * (a date cell that lost its format) → YYYY-MM-DD; undefined: not a date.
 */
export function readDate(cell: string, today: string): string | undefined {
  const s = cell.normalize("NFKC").trim();
  if (/^\d{5}(\.0+)?$/.test(s)) {
    // Excel's day number (1900 system, counted from 1899-12-30).
    const d = new Date(Date.UTC(1899, 11, 30) + Number.parseInt(s, 10) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  const r = parseLooseDate(s, today);
  return r.ok ? r.iso : undefined;
}

/** A number as typed (full-width digits too); undefined for an empty cell, NaN for something else. */
export function readNumber(cell: string): number | undefined {
  const s = cell.normalize("NFKC").trim();
  if (s === "") return undefined;
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

const VOCABS = { level: LEVELS, award: AWARDS, role: ACTIVITY_ROLES, stage: STAGES, status: STATUSES } as const;
const VOCAB_HEADER: Record<keyof typeof VOCABS, [string, string]> = { level: ["级别", "level"], award: ["等次", "award"], role: ["角色", "role"], stage: ["课题阶段", "stage"], status: ["状态", "status"] };

type Common = Exclude<RecordField, "teacher" | "name"> & Exclude<SessionField, "group" | "lead" | (typeof ATTENDANCE_FIELDS)[number]>;

/** The fields both sheets share, read from one row; reasons pushed to `why`. */
function readCommon(get: (f: Common) => string, ctx: ImportContext, sheet: SheetKind, lang: Lang, why: string[]):
  { fields: Record<string, unknown>; term?: Term; kind?: KindDef } {
  const fields: Record<string, unknown> = {};
  const dateCell = get("date");
  const date = dateCell ? readDate(dateCell, ctx.today) : undefined;
  if (!dateCell) why.push(t(lang, "日期为空", "the date is empty"));
  else if (!date) why.push(t(lang, `日期「${dateCell}」不是日期(写成 2025-09-01)`, `the date '${dateCell}' is not a date (write 2025-09-01)`));
  let term: Term | undefined;
  if (date) {
    fields.date = date;
    term = termOf(ctx.config, date);
    if (!term) why.push(t(lang, `日期 ${date} 不在任何学期之内(yanxiu.yaml 中的学期)`, `the date ${date} is inside no term (the terms in yanxiu.yaml)`));
    const termCell = get("term");
    if (term && termCell && termCell !== term.id && termCell !== term.name) {
      const named = allTerms(ctx.config).find((x) => x.id === termCell || x.name === termCell);
      why.push(named ? t(lang, `日期 ${date} 不在学期「${termCell}」之内(它属于 ${term.id})`, `the date ${date} is not in the term '${termCell}' (it is in ${term.id})`)
        : t(lang, `没有学期「${termCell}」(有:${allTerms(ctx.config).map((x) => x.id).join("、")})`, `no term '${termCell}' (there are: ${allTerms(ctx.config).map((x) => x.id).join(", ")})`));
    }
  }
  let kind: KindDef | undefined;
  const kindCell = get("kind");
  if (!kindCell) why.push(t(lang, "类型为空", "the kind is empty"));
  else {
    const k = findKind(ctx.kinds, kindCell, lang);
    if ("error" in k) why.push(k.error);
    else if (Boolean(k.ok.session) !== (sheet === "sessions")) {
      why.push(sheet === "records"
        ? t(lang, `「${k.ok.label}」是教研组的集体活动,填在「集体活动」表(按组一行,含考勤)`, `'${k.ok.labelEn}' is a group session: it goes in the 集体活动 sheet (a row per session, with attendance)`)
        : t(lang, `「${k.ok.label}」是个人记录,填在「研修记录」表`, `'${k.ok.labelEn}' is a teacher's own record: it goes in the 研修记录 sheet`));
    } else (kind = k.ok), (fields.kind = k.ok.id);
  }
  const title = get("title");
  if (!title) why.push(t(lang, "名称为空", "the title is empty"));
  else fields.title = title;
  for (const f of ["hours", "count", "words", "score"] as const) {
    const n = readNumber(get(f));
    if (Number.isNaN(n)) why.push(t(lang, `${({ hours: "学时", count: "数量", words: "字数", score: "评定分" })[f]}「${get(f)}」不是数字`, `${f} '${get(f)}' is not a number`));
    else if (n !== undefined) fields[f] = n;
  }
  for (const f of ["level", "award", "role", "stage", "status"] as const) {
    const v = get(f);
    if (!v) continue;
    if (VOCABS[f].normalize(v) === undefined) {
      const words = VOCABS[f].entries.map((e) => (lang === "en" ? e.id : e.zh)).join(t(lang, "、", ", "));
      why.push(t(lang, `${VOCAB_HEADER[f][0]}「${v}」不认识(可填:${words})`, `${VOCAB_HEADER[f][1]} '${v}' is not known (use: ${words})`));
    } else fields[f] = v;
  }
  const evidence = splitList(get("evidence"), false);
  if (evidence.length) fields.evidence = evidence;
  for (const f of ["ref", "notes", "id", "approver", "reason", "seal"] as const) if (get(f)) fields[f] = get(f);
  const reviewed = get("reviewed");
  if (reviewed) {
    const d = readDate(reviewed, ctx.today);
    if (!d) why.push(t(lang, `审核日期「${reviewed}」不是日期`, `reviewed '${reviewed}' is not a date`));
    else fields.reviewed = d;
  }
  const content = get("content");
  if (content) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== "string")) {
      why.push(t(lang, `内容应写成 {"部分":"文字"}(JSON),而不是「${content.slice(0, 30)}」`, `content must be written {"part":"text"} (JSON), not '${content.slice(0, 30)}'`));
    } else fields.content = parsed;
  }
  return { fields, term, kind };
}

/** Review fields and content after what add writes, in the order approve writes them. */
function withReview(item: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = fields.id !== undefined ? { id: fields.id, ...item } : { ...item };
  for (const f of ["content", "status", "approver", "reviewed", "reason", "seal"]) if (fields[f] !== undefined) out[f] = fields[f];
  return out;
}

export function recordRows(sheet: Sheet, ctx: ImportContext, map: Record<string, string>, lang: Lang): ParsedRows {
  const { columns, errors } = mapColumns(RECORD_FIELDS, RECORD_HEADERS, sheet.header, map, lang);
  if (columns.teacher === undefined && columns.name === undefined) {
    errors.push(t(lang, `找不到「工号」或「姓名」列(表头:${sheet.header.join("、")});用 --map 列名=teacher 指定`, `no teacher id or name column (header: ${sheet.header.join(", ")}); name it with --map COLUMN=teacher`));
  }
  for (const f of ["date", "kind", "title"] as const) if (columns[f] === undefined) errors.push(missingColumn(f, sheet.header, lang));
  if (errors.length) return { items: [], rejected: [], errors };
  const items: ImportedItem[] = [];
  const rejected: Rejection[] = [];
  for (const { row, cells } of sheet.rows) {
    const get = (f: RecordField) => cellOf(columns as Columns<RecordField>, cells, f);
    const why: string[] = [];
    const teacher = whoseRow(ctx, get("teacher"), get("name"), lang, why);
    const { fields, term } = readCommon(get, ctx, "records", lang, why);
    if (why.length || !teacher || !term) {
      rejected.push({ row, reason: why.join(t(lang, ";", "; ")) });
      continue;
    }
    const item = withReview(buildRecord(fields as unknown as Parameters<typeof buildRecord>[0]), fields);
    items.push({
      row, sheet: "records", term, owner: teacher.id, item,
      file: recordFilePath(term.id, teacher.id),
      target: { listKey: "records", ownerKey: "teacher", owner: teacher.id, headerComment: `${teacher.name}（${teacher.id}） ${term.name} 研修记录` },
    });
  }
  return { items, rejected, errors: [] };
}

/** The teacher a row names by id, by name, or both (then they must agree). */
function whoseRow(ctx: ImportContext, idCell: string, nameCell: string, lang: Lang, why: string[]): Teacher | undefined {
  if (!idCell && !nameCell) {
    why.push(t(lang, "工号和姓名都为空", "both the teacher id and the name are empty"));
    return undefined;
  }
  const found = findTeacher(ctx.teachers, ctx.groups, idCell || nameCell, lang);
  if ("error" in found) return void why.push(found.error);
  if (idCell && nameCell && found.ok.name !== nameCell) {
    why.push(t(lang, `工号 ${found.ok.id} 是 ${found.ok.name},不是「${nameCell}」`, `the id ${found.ok.id} is ${found.ok.name}, not '${nameCell}'`));
    return undefined;
  }
  return found.ok;
}

function missingColumn(field: string, header: string[], lang: Lang): string {
  const zh = { date: "日期", kind: "类型", title: "名称", group: "教研组" }[field] ?? field;
  return t(lang, `找不到「${zh}」列(表头:${header.join("、")});用 --map 列名=${field} 指定`, `no ${field} column (header: ${header.join(", ")}); name it with --map COLUMN=${field}`);
}

const NOBODY = new Set(["无", "-", "—", "none"]);

export function sessionRows(sheet: Sheet, ctx: ImportContext, map: Record<string, string>, lang: Lang): ParsedRows {
  const { columns, errors } = mapColumns(SESSION_FIELDS, SESSION_HEADERS, sheet.header, map, lang);
  for (const f of ["group", "date", "kind", "title"] as const) if (columns[f] === undefined) errors.push(missingColumn(f, sheet.header, lang));
  if (errors.length) return { items: [], rejected: [], errors };
  const items: ImportedItem[] = [];
  const rejected: Rejection[] = [];
  for (const { row, cells } of sheet.rows) {
    const get = (f: SessionField) => cellOf(columns as Columns<SessionField>, cells, f);
    const why: string[] = [];
    const g = get("group") ? findGroup(ctx.groups, get("group"), lang) : { error: t(lang, "教研组为空", "the group is empty") };
    if ("error" in g) why.push(g.error);
    const { fields, term } = readCommon(get, ctx, "sessions", lang, why);
    const person = (cell: string) => {
      const found = findTeacher(ctx.teachers, ctx.groups, cell, lang);
      if ("error" in found) return void why.push(found.error);
      return found.ok.id;
    };
    const lead = get("lead") ? person(get("lead")) : undefined;
    // "无" in 出勤: nobody was there (an empty cell means everyone not listed elsewhere).
    const listOf = (cell: string) => (NOBODY.has(cell.trim()) ? [] : splitList(cell).map(person).filter((x): x is string => x !== undefined));
    const lists = Object.fromEntries(ATTENDANCE_FIELDS.map((f) => [f, get(f) ? listOf(get(f)) : undefined]));
    if (why.length || "error" in g || !term) {
      rejected.push({ row, reason: why.join(t(lang, ";", "; ")) });
      continue;
    }
    const group = g.ok;
    // As add does: members named nowhere were there, unless the 出勤 column lists who was.
    const members = ctx.teachers.filter((x) => x.groups.includes(group.id)).map((x) => x.id);
    const { attendance, twice } = attendanceFromLists(members, lists);
    if (twice.length) {
      rejected.push({ row, reason: t(lang, `考勤中 ${twice.join("、")} 被列了两种状态`, `${twice.join(", ")} appear under two attendance statuses`) });
      continue;
    }
    const item = withReview(buildSession({ ...(fields as unknown as Parameters<typeof buildSession>[0]), lead, attendance }), fields);
    items.push({
      row, sheet: "sessions", term, owner: group.id, item,
      file: sessionFilePath(term.id, group.id),
      target: { listKey: "sessions", ownerKey: "group", owner: group.id, headerComment: `${group.name} ${term.name} 教研活动` },
    });
  }
  return { items, rejected, errors: [] };
}
