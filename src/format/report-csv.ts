/**
 * CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Windows reads Chinese as
 * mojibake), CRLF line ends and RFC 4180 quoting. Several tables are separated by an empty
 * line, each introduced by a one-cell title row; a single table is plain CSV.
 */
import type { Cell, ReportDoc, ReportTable } from "../reports/document.js";

export const BOM = "\uFEFF";

export function csvField(c: Cell): string {
  if (c === null || c === undefined) return "";
  const s = typeof c === "number" ? String(c) : c;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvTable(t: ReportTable): string {
  const lines = [t.columns.map((c) => csvField(c.header)), ...t.rows.map((r) => r.map(csvField))];
  return lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

export function renderCsv(doc: ReportDoc, tableId?: string): string {
  const tables = tableId ? doc.tables.filter((t) => t.id === tableId) : doc.tables;
  if (tables.length === 1) return BOM + csvTable(tables[0]!);
  return BOM + tables.map((t) => `${csvField(t.title)}\r\n${csvTable(t)}`).join("\r\n");
}
