/**
 * CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Windows reads Chinese as
 * mojibake), CRLF line ends and RFC 4180 quoting. One flat table a file, so sorting and
 * filtering work: no title rows, no summary rows. Rates are numbers with their unit in the
 * header (达标率(%) 53.8). A text cell that a spreadsheet would take for a formula (= + - @,
 * tab, CR) is guarded with a leading apostrophe (OWASP's advice against CSV injection): a
 * roster name "=HYPERLINK(…)" stays text. Numbers are rounded once, here.
 */
import type { Cell, Column, ReportDoc, ReportTable } from "../reports/document.js";

export const BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

function quote(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Numbers with at most two decimals (percent: one, of the percentage). */
function numberText(x: number, col?: Column): string {
  const v = col?.type === "percent" ? Math.round(x * 1000) / 10 : Math.round(x * 100) / 100;
  return String(Object.is(v, -0) ? 0 : v);
}

export function csvField(c: Cell, col?: Column): string {
  if (c === null || c === undefined) return "";
  if (typeof c === "number") return numberText(c, col);
  return quote(FORMULA_START.test(c) ? `'${c}` : c);
}

export function csvHeader(col: Column): string {
  return csvField(col.type === "percent" ? `${col.header}(%)` : col.header);
}

export function csvTable(t: ReportTable): string {
  const lines = [t.columns.map(csvHeader), ...t.rows.map((r) => r.map((c, i) => csvField(c, t.columns[i])))];
  return BOM + lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

/** The table asked for by id or sheet name, else the report's first. */
export function pickTable(doc: ReportDoc, name?: string): ReportTable | undefined {
  if (!name) return doc.tables[0];
  return doc.tables.find((t) => t.id === name || t.sheet === name);
}

export function renderCsv(doc: ReportDoc, tableId?: string): string {
  const table = pickTable(doc, tableId);
  return table ? csvTable(table) : BOM;
}
