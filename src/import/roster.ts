/**
 * Roster rows from a spreadsheet as roster teachers: columns found by their usual Chinese (or
 * English) headers, `--map 列=字段` to override, ids assigned where the sheet has none, group
 * names resolved to the roster's ids. Every row is checked; a rejected row says its row number
 * and why. Pure: the sheet and the current roster in, teachers or rejections out.
 */
import { t, type Lang } from "../i18n.js";
import type { Group } from "../model.js";
import { teacherSchema } from "../schema/files.js";
import { DATE_RE, isRealDate } from "../schema/fields.js";
import type { Sheet } from "./sheet.js";
import { mapColumns, type Columns } from "./columns.js";

export const ROSTER_FIELDS = ["id", "name", "groups", "roles", "emails", "joined", "left"] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Usual headers per field; the template writes the first. */
export const ROSTER_HEADERS: Record<RosterField, string[]> = {
  name: ["姓名", "教师姓名", "name"],
  id: ["工号", "编号", "教师编号", "id"],
  groups: ["教研组", "所在组", "组别", "groups", "group"],
  roles: ["角色", "职务", "roles", "role"],
  emails: ["邮箱", "电子邮箱", "email", "emails"],
  joined: ["入职日期", "入职时间", "joined"],
  left: ["离职日期", "left"],
};

export interface ImportedTeacher {
  row: number;
  id: string;
  name: string;
  groups: string[];
  roles: string[];
  emails: string[];
  joined?: string;
  left?: string;
}

export interface Rejection {
  row: number;
  reason: string;
}

/** Column index per field: --map first (header text or field name → field), then the usual headers. */
export function mapRosterColumns(header: string[], map: Record<string, string>, lang: Lang): { columns: Columns<RosterField>; errors: string[] } {
  const { columns, errors } = mapColumns(ROSTER_FIELDS, ROSTER_HEADERS, header, map, lang);
  if (columns.name === undefined) errors.push(t(lang, `找不到「姓名」列(表头:${header.join("、")});用 --map 列名=name 指定`, `no name column (header: ${header.join(", ")}); name it with --map COLUMN=name`));
  return { columns, errors };
}

const list = (s: string) => s.split(/[、,,;;/\s]+/).map((x) => x.trim()).filter(Boolean);

export function rosterRows(sheet: Sheet, existing: { ids: string[]; groups: Group[] }, map: Record<string, string>, lang: Lang):
  { teachers: ImportedTeacher[]; rejected: Rejection[]; errors: string[] } {
  const { columns, errors } = mapRosterColumns(sheet.header, map, lang);
  if (errors.length) return { teachers: [], rejected: [], errors };
  const taken = new Set(existing.ids);
  const groupId = new Map<string, string>();
  for (const g of existing.groups) groupId.set(g.id, g.id), groupId.set(g.name, g.id);
  const get = (cells: string[], f: RosterField) => (columns[f] !== undefined ? (cells[columns[f]!] ?? "") : "");
  const teachers: ImportedTeacher[] = [];
  const rejected: Rejection[] = [];
  const pending: { row: number; data: Omit<ImportedTeacher, "id"> & { id?: string } }[] = [];
  for (const { row, cells } of sheet.rows) {
    const why: string[] = [];
    const name = get(cells, "name");
    if (!name) why.push(t(lang, "姓名为空", "the name is empty"));
    const id = get(cells, "id") || undefined;
    if (id && taken.has(id)) why.push(t(lang, `编号 ${id} 已在名册中或在表中重复`, `id ${id} is already on the roster or twice in the sheet`));
    const groups: string[] = [];
    for (const g of list(get(cells, "groups"))) {
      const found = groupId.get(g);
      if (found) groups.push(found);
      else why.push(t(lang, `没有教研组「${g}」(先在 roster.yaml 的 groups 里加上它)`, `no group "${g}" (add it to groups in roster.yaml first)`));
    }
    const dates: Partial<Record<"joined" | "left", string>> = {};
    for (const f of ["joined", "left"] as const) {
      const v = get(cells, f).replace(/[/.]/g, "-").replace(/^(\d{4})-(\d)-/, "$1-0$2-").replace(/-(\d)$/, "-0$1");
      if (!v) continue;
      if (!DATE_RE.test(v) || !isRealDate(v)) why.push(t(lang, `${f === "joined" ? "入职日期" : "离职日期"}「${get(cells, f)}」不是日期(写成 2024-09-01)`, `${f} "${get(cells, f)}" is not a date (write 2024-09-01)`));
      else dates[f] = v;
    }
    const data = { row, name, ...(id ? { id } : {}), groups, roles: list(get(cells, "roles")), emails: list(get(cells, "emails")), ...dates };
    // Exactly what the roster's schema accepts (lengths, id form, e-mails).
    const probe = teacherSchema.safeParse({ id: id ?? "t0", name: name || "x", groups, roles: data.roles, emails: data.emails, ...dates });
    if (!probe.success) for (const issue of probe.error.issues) why.push(t(lang, `${issue.path.join(".")} 不符合名册格式(${issue.message})`, `${issue.path.join(".")} does not fit the roster (${issue.message})`));
    if (why.length) rejected.push({ row, reason: why.join(t(lang, ";", "; ")) });
    else {
      if (id) taken.add(id);
      pending.push({ row, data });
    }
  }
  // Ids for rows without one: t + the next free number, as the roster's own t01, t02…
  let n = 1;
  const width = Math.max(2, ...existing.ids.map((x) => /^t(\d+)$/.exec(x)?.[1]?.length ?? 0));
  for (const p of pending) {
    let id = p.data.id;
    while (!id) {
      const candidate = `t${String(n++).padStart(width, "0")}`;
      if (!taken.has(candidate)) (id = candidate), taken.add(candidate);
    }
    teachers.push({ ...p.data, id });
  }
  return { teachers, rejected, errors: [] };
}
