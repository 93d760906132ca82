/**
 * Which spreadsheet column holds which field: `--map 列=字段` first (the header text, the field's
 * id or one of its usual headers on the right), then the usual headers (Chinese or English, any
 * case). Shared by the roster and the records import. Pure.
 */
import { t, type Lang } from "../i18n.js";

export type Columns<F extends string> = Partial<Record<F, number>>;

/** `--map` values as given (repeatable, or comma-separated) into column → field. */
export function parseMap(values: readonly string[] | undefined): Record<string, string> {
  return Object.fromEntries((values ?? []).flatMap((m) => m.split(/[,,]/)).filter((m) => m.includes("="))
    .map((m) => m.split("=").map((x) => x.trim()) as [string, string]));
}

export function mapColumns<F extends string>(fields: readonly F[], headers: Record<F, string[]>, header: string[], map: Record<string, string>, lang: Lang):
  { columns: Columns<F>; errors: string[] } {
  const columns: Columns<F> = {};
  const errors: string[] = [];
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  for (const [col, given] of Object.entries(map)) {
    // The right side may be the field's id or any of its usual headers (--map 老师=姓名).
    const field = fields.find((f) => f === given || headers[f].some((h) => same(h, given)));
    if (!field) {
      errors.push(t(lang, `--map ${col}=${given}:没有字段 ${given}(可用:${fields.join("、")})`, `--map ${col}=${given}: no field ${given} (there are: ${fields.join(", ")})`));
      continue;
    }
    const i = header.findIndex((h) => same(h, col));
    if (i < 0) errors.push(t(lang, `--map ${col}=${given}:表头里没有列「${col}」`, `--map ${col}=${given}: the header has no column "${col}"`));
    else columns[field] = i;
  }
  const taken = new Set(Object.values(columns));
  for (const field of fields) {
    if (columns[field] !== undefined) continue;
    const i = header.findIndex((h, k) => !taken.has(k) && headers[field].some((x) => same(x, h)));
    if (i >= 0) (columns[field] = i), taken.add(i);
  }
  return { columns, errors };
}

/** The cell of a field in a row ("" when the sheet has no such column). */
export function cellOf<F extends string>(columns: Columns<F>, cells: string[], field: F): string {
  const i = columns[field];
  return i === undefined ? "" : (cells[i] ?? "");
}
