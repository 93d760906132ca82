/**
 * A real Excel workbook (exceljs): one worksheet per report table, Chinese sheet names, the
 * header row frozen and bold, column widths from the widest cell, numbers stored as numbers
 * (percentages as fractions with a % format) so the office can sum and sort them.
 */
import ExcelJS from "exceljs";
import stringWidth from "string-width";
import { sheetName, type ReportDoc, type ReportTable } from "../reports/document.js";

function addSheet(wb: ExcelJS.Workbook, t: ReportTable, taken: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(t.sheet, taken), { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = t.columns.map((c, i) => {
    const widest = Math.max(stringWidth(c.header), ...t.rows.map((r) => stringWidth(String(r[i] ?? ""))));
    return {
      header: c.header,
      width: Math.min(60, Math.max(6, widest + 2)),
      style: c.type === "percent" ? { numFmt: "0.0%" } : {},
    };
  });
  for (const r of t.rows) ws.addRow(r.map((c) => (c === null ? null : c)));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: "middle" };
}

export async function renderXlsx(doc: ReportDoc): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "yanxiu";
  wb.title = doc.title;
  const taken = new Set<string>();
  for (const t of doc.tables) addSheet(wb, t, taken);
  if (doc.tables.length === 0) wb.addWorksheet(sheetName(doc.title, taken));
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
