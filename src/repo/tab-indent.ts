/**
 * A tab in a line's indentation. YAML forbids it, and the parser, lost about where the line
 * belongs, then trips over every line after it. The tab is found here by its place in the text;
 * the width to put instead is the one under which the line reads right. Line by line from the
 * top, the tab is tried as wide as 2, 4 and 8 columns (the widths editors use): a width is right
 * when the line then adds no syntax error. When the right widths all give the same data, that is
 * the fix; when two give different data (the line could belong to either of two entries), a
 * person decides: the problem has no fix.
 */
import { parseDocument } from "yaml";
import type { Fix } from "../problem.js";
import { MAX_ALIAS_COUNT, YAML_READ_OPTIONS } from "./yaml-source.js";

export interface TabIndent {
  /** 1-based line, and the 1-based column of the first tab in it. */
  line: number;
  column: number;
  /** Offsets of the line's indentation in the text, [start, end). */
  start: number;
  end: number;
  /** The spaces to indent with and the line as it then reads; absent when the width is unclear. */
  spaces?: number;
  fixedLine?: string;
  fix?: Fix;
}

export interface TabReading {
  tabs: TabIndent[];
  /** The text to read the rest of the file from: the tabs replaced as fixed, or by the likeliest width when unclear. */
  readAs: string;
  unclear: boolean;
}

const TAB_SIZES = [2, 4, 8] as const;
/** A line that is a key (`title: x`) or a list item (`- date: …`). */
const STRUCTURE = /^(-(\s|$)|[^\s#'"\[{][^#]*?:(\s|$))/;

interface Found {
  index: number;
  line: number;
  indent: string;
  start: number;
  /** The indentation of the key of a block scalar just above, which the line would join if indented deeper. */
  block?: number;
}

/** Beyond these, each tab's width is not searched line by line (a parse per width per line) but once for the file. */
const MAX_LINES_SEARCHED = 100;
const MAX_TEXT_SEARCHED = 200_000;

/**
 * Lines of `text` indented with a tab, outside the text of a block scalar (`notes: |`, where a
 * tab after the block's own indentation is part of the notes). `readable` is the same text with
 * other typing mistakes repaired, line for line: the widths are judged on it. Undefined: no tabs.
 */
export function findTabIndents(text: string, readable: string = text): TabReading | undefined {
  if (!text.includes("\t")) return undefined;
  const lines = text.split("\n");
  const found = tabLines(lines);
  if (found.length === 0) return undefined;
  const readLines = readable.split("\n");
  const base = readLines.length === lines.length ? readLines : lines;
  const unit = indentUnit(lines);
  const widths = found.length <= MAX_LINES_SEARCHED && text.length <= MAX_TEXT_SEARCHED ? widthsByLine(base, found, unit) : widthsForFile(base, found, unit);
  const out = [...base];
  found.forEach((f, i) => (out[f.index] = " ".repeat(widths[i]!.spaces) + base[f.index]!.slice(f.indent.length)));
  const tabs = found.map((f, i): TabIndent => {
    const rest = lines[f.index]!.slice(f.indent.length).replace(/\r$/, "");
    const tab: TabIndent = { line: f.line, column: f.indent.indexOf("\t") + 1, start: f.start, end: f.start + f.indent.length };
    const { spaces, clear } = widths[i]!;
    return clear ? { ...tab, spaces, fixedLine: rest.trim(), fix: { range: [tab.start, tab.end], text: " ".repeat(spaces) } } : tab;
  });
  return { tabs, readAs: out.join("\n"), unclear: widths.some((w) => !w.clear) };
}

interface Width {
  spaces: number;
  /** False when no width, or two giving different data, read without new errors: `spaces` is then a guess. */
  clear: boolean;
}

/**
 * Line by line, from the top: each tab line with the widths already chosen above it and the tab
 * lines below it left out. A width is right when the line then adds no syntax error; a line with
 * the same indentation as one above takes that one's width when it is right.
 */
function widthsByLine(base: string[], found: Found[], unit: number | undefined): Width[] {
  const lines = [...base];
  for (const f of found) lines[f.index] = "";
  const chosen: Width[] = [];
  const byIndent = new Map<string, number>();
  found.forEach((f, i) => {
    const rest = base[f.index]!.slice(f.indent.length);
    const withLine = (spaces: number) => {
      lines[f.index] = " ".repeat(spaces) + rest;
      return { spaces, ...judge(lines.join("\n")) };
    };
    lines[f.index] = "";
    const without = judge(lines.join("\n")).errors;
    const same = byIndent.get(f.indent);
    // A key or a list item is not meant as text of the notes above it.
    const fits = (spaces: number) => f.block === undefined || !STRUCTURE.test(rest) || spaces <= f.block;
    const widths = [...new Set([...(same !== undefined ? [same] : []), ...TAB_SIZES.map((size) => expandedWidth(f.indent, size))])].filter(fits);
    const candidates = (widths.length > 0 ? widths : [expandedWidth(f.indent, 2)]).map(withLine);
    const right = candidates.filter((c) => c.errors <= without && c.data !== undefined);
    const preferred = unit !== undefined ? expandedWidth(f.indent, unit) : undefined;
    let width: Width;
    if (same !== undefined && right.some((c) => c.spaces === same)) width = { spaces: same, clear: true };
    else if (right.length > 0) {
      const pick = right.find((c) => c.spaces === preferred) ?? right.reduce((a, b) => (b.spaces < a.spaces ? b : a));
      width = { spaces: pick.spaces, clear: new Set(right.map((c) => c.data)).size === 1 };
    } else width = { spaces: candidates.reduce((a, b) => (b.errors < a.errors ? b : a)).spaces, clear: false };
    chosen[i] = width;
    if (width.clear && !byIndent.has(f.indent)) byIndent.set(f.indent, width.spaces);
    lines[f.index] = " ".repeat(width.spaces) + rest;
  });
  return chosen;
}

/** For a large file: one tab size for all its tabs, right when it reads with no more errors than the file without those lines. */
function widthsForFile(base: string[], found: Found[], unit: number | undefined): Width[] {
  const withSize = (size: number | undefined) => {
    const out = [...base];
    for (const f of found) out[f.index] = size === undefined ? "" : " ".repeat(expandedWidth(f.indent, size)) + base[f.index]!.slice(f.indent.length);
    return out.join("\n");
  };
  const without = judge(withSize(undefined)).errors;
  const readings = TAB_SIZES.map((size) => ({ size, ...judge(withSize(size)) }));
  const right = readings.filter((r) => r.errors <= without && r.data !== undefined);
  const pick = right.find((r) => r.size === unit) ?? right[0] ?? readings.reduce((a, b) => (b.errors < a.errors ? b : a));
  const clear = right.length > 0 && new Set(right.map((r) => r.data)).size === 1;
  return found.map((f) => ({ spaces: expandedWidth(f.indent, pick.size), clear }));
}

function tabLines(lines: string[]): Found[] {
  const out: Found[] = [];
  let offset = 0;
  // Spaces of indentation of the key that opened a block scalar; -1 outside one.
  let blockIndent = -1;
  lines.forEach((raw, index) => {
    const start = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, "");
    const spaces = /^ */.exec(line)![0].length;
    if (blockIndent >= 0 && (spaces > blockIndent || line.trim() === "")) return;
    const block = blockIndent >= 0 ? blockIndent : undefined;
    const indent = /^[ \t]*/.exec(line)![0];
    const body = line.slice(indent.length);
    blockIndent = /:[ \t]*[|>][-+0-9]*[ \t]*(#.*)?$/.test(body) || /^-[ \t]+[|>][-+0-9]*[ \t]*(#.*)?$/.test(body) ? expandedWidth(indent, 2) : -1;
    // Tabs before a comment or on a blank line are allowed.
    if (!indent.includes("\t") || body === "" || body.startsWith("#")) return;
    out.push({ index, line: index + 1, indent, start, ...(block !== undefined ? { block } : {}) });
  });
  return out;
}

/** Columns an indentation of spaces and tabs takes with tab stops every `size` columns. */
function expandedWidth(indent: string, size: number): number {
  let col = 0;
  for (const c of indent) col = c === "\t" ? (Math.floor(col / size) + 1) * size : col + 1;
  return col;
}

/** How many syntax errors a reading has, and its data (undefined when it cannot be built). */
function judge(text: string): { errors: number; data?: string } {
  try {
    const doc = parseDocument(text, YAML_READ_OPTIONS);
    let data: string | undefined;
    try {
      data = JSON.stringify(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })) ?? "undefined";
    } catch {
      data = undefined;
    }
    return { errors: doc.errors.length, data };
  } catch {
    return { errors: Number.POSITIVE_INFINITY };
  }
}

/** The step the file's space-indented lines go by (2 in most files), to prefer among equal readings. */
function indentUnit(lines: string[]): number | undefined {
  let unit: number | undefined;
  for (const line of lines) {
    const m = /^( +)[^ \t#\r]/.exec(line);
    if (m && (unit === undefined || m[1]!.length < unit)) unit = m[1]!.length;
  }
  return unit;
}
