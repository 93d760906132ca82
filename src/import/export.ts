/**
 * The repository's records and sessions as the import's sheets (`yanxiu export records`): one
 * row per record, one per session, with exactly the import's columns, so a school can move its
 * records to another repository or edit them in Excel and bring them back. The template is the
 * same sheets with no rows, and a third listing the kinds as the school's rules define them. Pure.
 */
import type { Group, Teacher } from "../model.js";
import type { KindDef, Scheme, TableNode } from "../rules/types.js";
import { ACTIVITY_ROLES, ATTENDANCE, AWARDS, LEVELS, STAGES, STATUSES } from "../schema/vocab.js";
import type { CellValue, SheetOut } from "./book.js";
import { ATTENDANCE_FIELDS, RECORD_FIELDS, RECORD_HEADERS, SESSION_FIELDS, SESSION_HEADERS, SHEETS, type AttendanceField } from "./fields.js";

export interface ActivityFile {
  /** records/<term>/<owner>.yaml or sessions/<term>/<owner>.yaml */
  file: string;
  /** The file's data as parsed (values as written). */
  data: unknown;
}

const VOCAB = { level: LEVELS, award: AWARDS, role: ACTIVITY_ROLES, stage: STAGES, status: STATUSES } as const;
const ATTENDANCE_ID: Record<string, AttendanceField> = { present: "present", absent: "absent", excused: "excused", late: "late", "left-early": "leftEarly" };

export const recordsHeader = () => RECORD_FIELDS.map((f) => RECORD_HEADERS[f][0]!);
export const sessionsHeader = () => SESSION_FIELDS.map((f) => SESSION_HEADERS[f][0]!);

/** A kind as a cell: its Chinese label when no other kind shares it, else its id. */
function kindCell(kinds: ReadonlyMap<string, KindDef> | undefined, id: string): string {
  const k = kinds?.get(id);
  if (!k) return id;
  return [...kinds!.values()].filter((x) => x.label === k.label).length === 1 ? k.label : id;
}

function value(field: string, v: unknown, kinds: ReadonlyMap<string, KindDef> | undefined): CellValue {
  if (v === undefined || v === null) return undefined;
  if (field === "kind") return kindCell(kinds, String(v));
  if (field in VOCAB) {
    const vocab = VOCAB[field as keyof typeof VOCAB];
    const id = vocab.normalize(String(v));
    return id ? vocab.label(id, "zh") : String(v);
  }
  if (field === "evidence") return Array.isArray(v) ? v.map(String).join("\n") : String(v);
  if (field === "content") return JSON.stringify(v);
  if (typeof v === "number") return v;
  return String(v);
}

const termOfPath = (file: string) => file.split("/")[1] ?? "";

export function recordsSheet(files: readonly ActivityFile[], teachers: readonly Teacher[], kinds: ReadonlyMap<string, KindDef> | undefined): SheetOut {
  const rows: CellValue[][] = [];
  for (const f of files) {
    const data = f.data as { teacher?: unknown; records?: unknown } | null;
    if (!data || !Array.isArray(data.records)) continue;
    const teacher = String(data.teacher ?? "");
    const name = teachers.find((x) => x.id === teacher)?.name;
    for (const rec of data.records as Record<string, unknown>[]) {
      if (!rec || typeof rec !== "object") continue;
      rows.push(RECORD_FIELDS.map((field) => field === "teacher" ? teacher : field === "name" ? name : field === "term" ? termOfPath(f.file) : value(field, rec[field], kinds)));
    }
  }
  return { name: SHEETS.records, header: recordsHeader(), rows, widths: RECORD_FIELDS.map((f) => (f === "title" ? 36 : f === "evidence" || f === "notes" ? 28 : 12)) };
}

export function sessionsSheet(files: readonly ActivityFile[], groups: readonly Group[], kinds: ReadonlyMap<string, KindDef> | undefined): SheetOut {
  const rows: CellValue[][] = [];
  for (const f of files) {
    const data = f.data as { group?: unknown; sessions?: unknown } | null;
    if (!data || !Array.isArray(data.sessions)) continue;
    const id = String(data.group ?? "");
    const g = groups.find((x) => x.id === id);
    const groupCell = g && groups.filter((x) => x.name === g.name).length === 1 ? g.name : id;
    for (const s of data.sessions as Record<string, unknown>[]) {
      if (!s || typeof s !== "object") continue;
      const lists: Record<AttendanceField, string[]> = { present: [], absent: [], excused: [], late: [], leftEarly: [] };
      for (const [who, status] of Object.entries((s.attendance as Record<string, unknown> | undefined) ?? {})) {
        const field = ATTENDANCE_ID[ATTENDANCE.normalize(String(status)) ?? ""];
        if (field) lists[field].push(who);
      }
      rows.push(SESSION_FIELDS.map((field) => {
        if (field === "group") return groupCell;
        if (field === "term") return termOfPath(f.file);
        if ((ATTENDANCE_FIELDS as readonly string[]).includes(field)) {
          const list = lists[field as AttendanceField];
          // 出勤 spelt out, "无" when nobody was there: an empty cell would mean "everyone else".
          return list.length ? list.join("、") : field === "present" ? "无" : undefined;
        }
        return value(field, s[field], kinds);
      }));
    }
  }
  return { name: SHEETS.sessions, header: sessionsHeader(), rows, widths: SESSION_FIELDS.map((f) => (f === "title" ? 36 : (ATTENDANCE_FIELDS as readonly string[]).includes(f) ? 24 : 12)) };
}

/** Every value a table credit of this kind's items names along one dimension, as the rules define them. */
function tableValues(scheme: Scheme, kind: string, dim: "level" | "award" | "role" | "stage"): string[] {
  const out = new Set<string>();
  const walk = (node: TableNode, by: string[], depth: number) => {
    if (typeof node === "number" || depth >= by.length) return;
    for (const [key, next] of Object.entries(node)) {
      if (by[depth] === dim) out.add(key);
      walk(next, by, depth + 1);
    }
  };
  for (const item of scheme.items.values()) {
    for (const v of item.versions) if (v.kinds.includes(kind) && v.credit.type === "table") walk(v.credit.values, v.credit.by, 0);
  }
  // "default" is every other value; "province+" is 省级及以上.
  return [...out].filter((id) => id !== "default").map((id) => (id.endsWith("+") ? `${VOCAB[dim].label(id.slice(0, -1), "zh")}及以上` : VOCAB[dim].label(id, "zh")));
}

const FIELD_HEADER: Record<string, string> = { hours: "学时", count: "数量", words: "字数", score: "评定分", level: "级别", award: "等次", role: "角色", stage: "课题阶段", evidence: "证明材料" };

/** The 类型说明 sheet: each kind with its Chinese label, where it goes, the columns it needs and the values its rules use. */
export function kindsSheet(scheme: Scheme): SheetOut {
  const header = ["类型", "编号", "English", "填在", "必填列", "级别", "等次", "角色", "课题阶段"];
  const rows = [...scheme.kinds.values()].map((k): CellValue[] => [
    k.label, k.id, k.labelEn,
    k.session ? SHEETS.sessions : SHEETS.records,
    k.fields.map((f) => FIELD_HEADER[f] ?? f).join("、") || undefined,
    ...(["level", "award", "role", "stage"] as const).map((d) => tableValues(scheme, k.id, d).join("、") || undefined),
  ]);
  return { name: SHEETS.kinds, header, rows, widths: [20, 18, 24, 10, 16, 28, 24, 16, 12] };
}
