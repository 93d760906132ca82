/**
 * A spreadsheet as rows of text: CSV (RFC 4180, UTF-8 with or without a BOM) or the first
 * worksheet of an xlsx (exceljs). Row numbers are those the user sees in Excel (header = 1).
 */
export interface SheetRow {
  /** 1-based, as in the spreadsheet. */
  row: number;
  cells: string[];
}

export interface Sheet {
  header: string[];
  rows: SheetRow[];
}

/** RFC 4180: quoted fields may hold , " (doubled) and line breaks; CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, "");
  const out: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      row.push(field), out.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field !== "" || row.length) row.push(field), out.push(row);
  return out;
}

/** Header and rows; blank rows are dropped, keeping the others' numbers. */
export function toSheet(grid: string[][]): Sheet {
  const [header = [], ...rest] = grid;
  return {
    header: header.map((h) => h.trim()),
    rows: rest.map((cells, i) => ({ row: i + 2, cells: cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== "")),
  };
}

/** A cell of an xlsx as text: dates as YYYY-MM-DD, rich text and formulas by their shown value. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (o.richText) return o.richText.map((x) => x.text).join("");
    if ("result" in o) return cellText(o.result);
    if (o.text !== undefined) return String(o.text);
  }
  return String(v);
}
