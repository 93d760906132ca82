/**
 * What every report builder hands to the renderers: titled tables (for csv / xlsx / markdown /
 * html / terminal), optional bar charts (html), optional prose sections (explain) and the
 * report's own data (json). Renderers never compute anything; builders never format.
 */
import type { Lang } from "../i18n.js";

export type Cell = string | number | null;

export interface Column {
  header: string;
  /** number: stored as a number in xlsx and right-aligned; percent: a fraction 0..1. */
  type: "text" | "number" | "percent";
  /** Long text (what is not met, notes): wraps in print and on screen; other text never breaks. */
  long?: boolean;
}

export interface ReportTable {
  id: string;
  title: string;
  /** Worksheet name: at most 31 characters, none of []:*?/\ (Excel's limits). */
  sheet: string;
  columns: Column[];
  rows: Cell[][];
  /**
   * Summary rows after the body (全校, 平均): printed in xlsx, html, markdown and text, left out
   * of CSV, which stays one flat table that sorts and filters.
   */
  footer?: Cell[][];
}

export interface Bar {
  label: string;
  value: number;
  /** Drawn in the "met" colour when true, the "short" colour when false. */
  ok?: boolean;
}

export interface BarChart {
  id: string;
  title: string;
  unit: string;
  bars: Bar[];
  /** A reference line, e.g. the yearly minimum. */
  target?: { value: number; label: string };
}

export interface Line {
  text: string;
  /** 0 = a paragraph, 1.. = nested list levels. */
  indent: number;
  /** Emphasis: a requirement that is short, or a hint that closes it. */
  tone?: "ok" | "short" | "hint" | "muted";
}

export interface Section {
  heading: string;
  lines: Line[];
}

export interface ReportDoc {
  /** Stable id of the report kind, e.g. "explain", "summary". */
  kind: string;
  lang: Lang;
  title: string;
  /** One line each under the title: school, period, scheme. */
  meta: string[];
  sections: Section[];
  tables: ReportTable[];
  charts: BarChart[];
  /** The report's data for `--format json`, documented in docs/reports.md. */
  data: unknown;
  /** The day the report was made (YYYY-MM-DD), printed in its title rows. */
  made?: string;
  /** The signature line of printed reports (制表 / 审核 / 校长); none when absent. */
  signatures?: string[];
}

/** Excel sheet names: ≤ 31 chars, no []:*?/\, unique within a workbook. */
export function sheetName(name: string, taken: Set<string> = new Set()): string {
  const base = name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31) || "Sheet";
  let s = base;
  for (let i = 2; taken.has(s); i++) s = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(s);
  return s;
}

/** Numbers in reports: at most two decimals, no trailing zeros (36, 36.5, 36.67). */
export function num(x: number): number {
  return Math.round(x * 100) / 100;
}
