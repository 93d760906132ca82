/** Terminal rendering of a report: title, prose sections, then aligned tables (CJK-aware widths). */
import { Chalk } from "chalk";
import stringWidth from "string-width";
import type { Cell, Column, Line, ReportDoc, ReportTable } from "../reports/document.js";

export interface TextOptions {
  colour: boolean;
  /** Leave out tables (explain prints its prose only). */
  tables?: boolean;
}

export function cellText(c: Cell, col: Column): string {
  if (c === null || c === undefined) return "";
  if (typeof c === "number" && col.type === "percent") return `${Math.round(c * 1000) / 10}%`;
  // Numbers are rounded once, here, at display: at most two decimals.
  if (typeof c === "number") return String(Math.round(c * 100) / 100);
  return String(c);
}

function pad(s: string, width: number, right: boolean): string {
  const gap = " ".repeat(Math.max(0, width - stringWidth(s)));
  return right ? gap + s : s + gap;
}

export function renderTextTable(table: ReportTable): string {
  const cells = [...table.rows, ...(table.footer ?? [])].map((r) => r.map((c, i) => cellText(c, table.columns[i]!)));
  const widths = table.columns.map((col, i) => Math.max(stringWidth(col.header), ...cells.map((r) => stringWidth(r[i] ?? ""))));
  const right = table.columns.map((c) => c.type !== "text");
  const row = (r: string[]) => r.map((s, i) => pad(s, widths[i]!, right[i]!)).join("  ").trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [row(table.columns.map((c) => c.header)), rule, ...cells.map(row)].join("\n") + "\n";
}

export function renderText(doc: ReportDoc, opts: TextOptions): string {
  const chalk = new Chalk({ level: opts.colour ? 1 : 0 });
  const tone = (l: Line) =>
    l.tone === "short" ? chalk.red(l.text) : l.tone === "ok" ? chalk.green(l.text) : l.tone === "hint" ? chalk.cyan(l.text) : l.tone === "muted" ? chalk.dim(l.text) : l.text;
  const out: string[] = [chalk.bold(doc.title), ...doc.meta, ""];
  for (const s of doc.sections) {
    out.push(chalk.bold(s.heading));
    for (const l of s.lines) out.push("  ".repeat(l.indent) + tone(l));
    out.push("");
  }
  if (opts.tables !== false) {
    for (const t of doc.tables) out.push(chalk.bold(t.title), renderTextTable(t));
  }
  return out.join("\n").replace(/\n+$/, "") + "\n";
}
