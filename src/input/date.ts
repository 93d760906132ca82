/**
 * Dates as teachers type them with a Chinese input method, read into YYYY-MM-DD.
 * Shared by `add` (flags and prompts), `import` and `check --fix`, so every door accepts the same forms.
 */
import { isRealDay } from "../schema/fields.js";

export type LooseDate =
  | { ok: true; iso: string; /** The text was not already YYYY-MM-DD. */ changed: boolean }
  | { ok: false; reason: "format" | "impossible" };

/** Full-width digits and punctuation (０-９, ／, ．, －, U+3000) to their ASCII forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

const FULL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
const MONTH_DAY = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Reads 2026-11-12, 2026/11/12, 2026.11.12, 2026年11月12日 (any of them in full-width digits), and a month and day
 * without a year (11-20, 11/20, 11月20日), which is taken as the latest such day not after `today`: a record is
 * written after the activity, so "12-20" typed in January means last December.
 */
export function parseLooseDate(text: string, today: string): LooseDate {
  const s = toHalfWidth(text).trim();
  let year: number, month: number, day: number;
  const full = FULL.exec(s);
  const md = full ? undefined : MONTH_DAY.exec(s);
  if (full) {
    [year, month, day] = [Number(full[1]), Number(full[2]), Number(full[3])];
  } else if (md) {
    [month, day] = [Number(md[1]), Number(md[2])];
    year = Number(today.slice(0, 4));
    if (`${pad(month)}-${pad(day)}` > today.slice(5, 10)) year -= 1;
  } else {
    return { ok: false, reason: "format" };
  }
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  if (!isRealDay(iso)) return { ok: false, reason: "impossible" };
  return { ok: true, iso, changed: iso !== text };
}
