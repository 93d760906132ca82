/**
 * A real Excel workbook (exceljs) that prints as the office hands it on: per report table one
 * worksheet with a Chinese name; title rows (school and report · period · scheme · date made);
 * A4 landscape fitted to one page wide, as many pages tall as it needs; the header row repeated
 * on every page; "第 x 页 / 共 y 页" in the footer; thin borders; long text wrapped in a column
 * of bounded width; summary rows (全校, 平均) in bold; the signature line under the table.
 * Numbers are stored as numbers (percentages as fractions with a % format), rounded once, by
 * Excel's display format, so the office can sum and sort them.
 */
import ExcelJS from "exceljs";
import stringWidth from "string-width";
import { sheetName, type Cell, type ReportDoc, type ReportTable } from "../reports/document.js";

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** Widest a column gets; longer text wraps inside it. */
const MAX_WIDTH = 40;
const LONG_WIDTH = 36;

function widthOf(t: ReportTable, i: number): number {
  const col = t.columns[i]!;
  const cells = [...t.rows, ...(t.footer ?? [])].map((r) => stringWidth(String(r[i] ?? "")));
  const widest = Math.max(4, ...cells);
  // Headers wrap onto two lines rather than widen a column of small numbers.
  const header = Math.ceil(stringWidth(col.header) / (col.type === "text" ? 1 : 2));
  if (col.long) return Math.min(LONG_WIDTH, Math.max(12, widest + 2));
  return Math.min(MAX_WIDTH, Math.max(6, widest + 2, header + 2));
}

function addSheet(wb: ExcelJS.Workbook, doc: ReportDoc, t: ReportTable, taken: Set<string>): void {
  const n = t.columns.length;
  const titleRows = 2;
  const headerRow = titleRows + 1;
  const ws = wb.addWorksheet(sheetName(t.sheet, taken), {
    views: [{ state: "frozen", ySplit: headerRow }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages tall as needed
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&C第 &P 页 / 共 &N 页", evenFooter: "&C第 &P 页 / 共 &N 页" },
  });
  ws.columns = t.columns.map((c, i) => ({ width: widthOf(t, i), style: c.type === "percent" ? { numFmt: "0.0%" } : c.type === "number" ? { numFmt: "0.##" } : {} }));

  const title = ws.getRow(1);
  title.getCell(1).value = `${doc.title}${t.title && !doc.title.endsWith(t.title) ? ` · ${t.title}` : ""}`;
  title.font = { bold: true, size: 14 };
  title.height = 22;
  ws.mergeCells(1, 1, 1, n);
  const meta = ws.getRow(2);
  meta.getCell(1).value = [...doc.meta, ...(doc.made ? [`制表日期 ${doc.made}`] : [])].join(" · ");
  ws.mergeCells(2, 1, 2, n);
  for (const r of [title, meta]) r.alignment = { horizontal: "center", vertical: "middle" };

  const head = ws.getRow(headerRow);
  t.columns.forEach((c, i) => (head.getCell(i + 1).value = c.header));
  head.font = { bold: true };
  head.alignment = { vertical: "middle", horizontal: "center", wrapText: true };

  const put = (cells: Cell[], bold: boolean) => {
    const row = ws.addRow(cells.map((c) => (c === null ? null : c)));
    t.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = THIN;
      cell.alignment = { vertical: "top", wrapText: Boolean(c.long), ...(c.type !== "text" ? { horizontal: "right" } : {}) };
    });
    if (bold) row.font = { bold: true };
  };
  for (const r of t.rows) put(r, false);
  for (const r of t.footer ?? []) put(r, true);
  t.columns.forEach((_, i) => {
    const cell = head.getCell(i + 1);
    cell.border = THIN;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
  });

  if (doc.signatures?.length) {
    ws.addRow([]);
    const sig = ws.addRow([doc.signatures.map((s) => `${s}:__________`).join("        ")]);
    ws.mergeCells(sig.number, 1, sig.number, n);
    sig.height = 24;
    sig.alignment = { vertical: "bottom" };
  }
}

export async function renderXlsx(doc: ReportDoc): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "yanxiu";
  wb.title = doc.title;
  wb.subject = doc.meta.join(" · ");
  const taken = new Set<string>();
  for (const t of doc.tables) addSheet(wb, doc, t, taken);
  if (doc.tables.length === 0) wb.addWorksheet(sheetName(doc.title, taken));
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
