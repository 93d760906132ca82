/**
 * Borderless tables that fit a width, as hledger's reports and `yanxiu summary`: columns two
 * spaces apart, numbers right-aligned, one line a row where it fits. One column may wrap (its
 * text is broken at the row's own break points, then by display width), others may be cut
 * to a minimum with a marker the caller chooses. Widths are display widths (CJK counts 2).
 * Colour is applied after layout, so codes never count.
 */
import { displayWidth as stringWidth } from "./display-width.js";

export interface FitColumn {
  header: string;
  align: "left" | "right";
  /** One entry per row; "\n" marks where a wrapping column prefers to break. */
  cells: string[];
  /** wrap: the text flows onto more lines; cut: shortened by `cut`. Neither: never narrower than its widest cell. */
  shrink?: "wrap" | "cut";
  /** Narrowest the column may become when it shrinks. */
  min?: number;
  /** Shortens a cell to a width (cut columns). */
  cut?: (text: string, width: number) => string;
  /** Colours a laid-out line of a cell of row `row`. */
  paint?: (line: string, row: number) => string;
}

const GAP = 2;

export function naturalWidth(c: FitColumn): number {
  return Math.max(stringWidth(c.header), ...c.cells.flatMap((x) => x.split("\n").map((l) => stringWidth(l))));
}

/** Widest line of every column with nothing wrapped (what --wide shows). */
export function unwrappedWidths(cols: FitColumn[]): number[] {
  return cols.map((c) => Math.max(stringWidth(c.header), ...c.cells.flatMap((x) => x.split("\n\n").map((l) => stringWidth(l.replaceAll("\n", SEP))))));
}

/** Column widths that fit `width`, shrinking wrap columns first, then cut ones; undefined when nothing fits. */
export function fitWidths(cols: FitColumn[], width: number): number[] | undefined {
  const widths = cols.map((c) => (c.shrink === "wrap" ? Math.max(stringWidth(c.header), naturalJoined(c)) : naturalWidth(c)));
  const total = () => widths.reduce((s, w) => s + w, 0) + GAP * (cols.length - 1);
  for (const kind of ["wrap", "cut"] as const) {
    for (let i = 0; i < cols.length && total() > width; i++) {
      const c = cols[i]!;
      if (c.shrink !== kind) continue;
      const floor = Math.max(c.min ?? 1, stringWidth(c.header));
      widths[i] = Math.max(floor, widths[i]! - (total() - width));
    }
  }
  return total() <= width ? widths : undefined;
}

/** A wrapping column's width when its parts sit on one line. */
function naturalJoined(c: FitColumn): number {
  return Math.max(0, ...c.cells.flatMap((x) => x.split("\n\n").map((l) => stringWidth(l.replaceAll("\n", SEP)))));
}

const SEP = ";";

/**
 * Break text into lines of at most `width`: a blank line ("\n\n") always starts a new line;
 * at its "\n" marks parts are joined with ; where they fit; a part too long alone is broken
 * at a space where it can be, else by display width.
 */
export function wrapText(text: string, width: number): string[] {
  if (text === "") return [""];
  if (text.includes("\n\n")) return text.split("\n\n").flatMap((block) => wrapText(block, width));
  const out: string[] = [];
  const parts = text.split("\n");
  let line = "";
  parts.forEach((part, i) => {
    // Every part but the last ends in the separator: it counts towards the width.
    const tail = i < parts.length - 1 ? SEP.length : 0;
    const joined = line ? `${line}${SEP}${part}` : part;
    if (stringWidth(joined) + tail <= width) {
      line = joined;
      return;
    }
    if (line) out.push(`${line}${SEP}`);
    line = "";
    for (const piece of hardWrap(part, Math.max(1, width - tail))) {
      if (line) out.push(line);
      line = piece;
    }
  });
  if (line) out.push(line);
  return out;
}

function hardWrap(text: string, width: number): string[] {
  if (stringWidth(text) <= width) return [text];
  const words = text.split(" ");
  if (words.length > 1 && words.every((w) => stringWidth(w) <= width)) {
    const out: string[] = [];
    let line = "";
    for (const w of words) {
      const joined = line ? `${line} ${w}` : w;
      if (stringWidth(joined) <= width) line = joined;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
    return out;
  }
  const out: string[] = [];
  let line = "";
  for (const ch of text) {
    if (line && stringWidth(line + ch) > width) {
      out.push(line);
      line = "";
    }
    line += ch;
  }
  out.push(line);
  return out;
}

function pad(text: string, width: number, align: "left" | "right"): string {
  const gap = " ".repeat(Math.max(0, width - stringWidth(text)));
  return align === "right" ? gap + text : text + gap;
}

/** The table's lines: header, a rule, the rows (a wrapping cell continues on lines of its own). */
export function renderFit(cols: FitColumn[], widths: number[], opts: { bold?: (s: string) => string } = {}): string[] {
  const rows = cols[0]?.cells.length ?? 0;
  const line = (parts: string[]) => parts.join(" ".repeat(GAP)).trimEnd();
  // The last column is not padded on the left-aligned side: no trailing blanks inside colour codes.
  const place = (text: string, i: number) => (i === cols.length - 1 && cols[i]!.align === "left" ? text : pad(text, widths[i]!, cols[i]!.align));
  const out = [line(cols.map((c, i) => (opts.bold ?? ((s: string) => s))(place(c.header, i)))), line(widths.map((w) => "─".repeat(w)))];
  for (let r = 0; r < rows; r++) {
    const cells = cols.map((c, i) => {
      const text = c.cells[r]!;
      if (c.shrink === "wrap" || text.includes("\n\n")) return c.shrink === "wrap" ? wrapText(text, widths[i]!) : text.split("\n\n").map((l) => l.replaceAll("\n", SEP));
      const flat = text.replaceAll("\n", SEP);
      return [c.shrink === "cut" && stringWidth(flat) > widths[i]! && c.cut ? c.cut(flat, widths[i]!) : flat];
    });
    const height = Math.max(...cells.map((x) => x.length));
    for (let l = 0; l < height; l++) {
      out.push(line(cols.map((c, i) => {
        const text = place(cells[i]![l] ?? "", i);
        return c.paint && cells[i]![l] ? c.paint(text, r) : text;
      })));
    }
  }
  return out;
}
