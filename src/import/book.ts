/**
 * Workbooks in and out: a CSV file or every worksheet of an xlsx as Sheets of text (exceljs,
 * loaded only when an xlsx is read or written), and plain sheets written back — the header in
 * row 1, frozen, so what `export records` and the template write is exactly what import reads.
 */
import { BOM, csvField } from "../format/report-csv.js";
import { cellText, parseCsv, toSheet, type Sheet } from "./sheet.js";

export type CellValue = string | number | undefined;

export interface NamedSheet {
  name: string;
  sheet: Sheet;
}

export interface SheetOut {
  name: string;
  header: string[];
  rows: CellValue[][];
  /** Column widths in characters; 14 when unset. */
  widths?: number[];
}

/** A leading apostrophe that guarded a formula-like cell in our CSV ('=…) is not part of the text. */
const unguard = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

export function csvBook(text: string): NamedSheet[] {
  const sheet = toSheet(parseCsv(text));
  return [{ name: "csv", sheet: { header: sheet.header, rows: sheet.rows.map((r) => ({ row: r.row, cells: r.cells.map(unguard) })) } }];
}

export async function xlsxBook(bytes: Uint8Array): Promise<NamedSheet[]> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const grid: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      grid[n - 1] = (row.values as unknown[]).slice(1).map(cellText);
    });
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
    return { name: ws.name, sheet: toSheet(grid) };
  });
}

/** One CSV table (BOM, CRLF, formula-like text guarded as in every CSV yanxiu writes). */
export function csvOut(s: SheetOut): string {
  const lines = [s.header.map((h) => csvField(h)), ...s.rows.map((r) => r.map((c) => csvField(c ?? null)))];
  return BOM + lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

export async function xlsxOut(sheets: readonly SheetOut[]): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow(s.header).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map((c) => (c === undefined ? null : c)));
    s.header.forEach((_, i) => (ws.getColumn(i + 1).width = s.widths?.[i] ?? 14));
    // Text cells that hold line breaks (evidence lists, attendance) show them.
    ws.eachRow((row, n) => {
      if (n > 1) row.eachCell((cell) => typeof cell.value === "string" && cell.value.includes("\n") && (cell.alignment = { wrapText: true, vertical: "top" }));
    });
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
