/**
 * Box-drawn terminal tables, in linear time. The output is byte for byte what cli-table3 0.6.5
 * gave for the way we used it (single-line borders, one space of padding, a separator after
 * every row, no spans, no fixed widths, no wrapping): its layout is quadratic in the rows and
 * took ~9 s for a district's table. Widths come from string-width after dropping colour codes,
 * so CJK text aligns and chalk's colours pass through without counting. A cell's lines are
 * closed and reopened the way cli-table3 does, so colour never bleeds into a border.
 * Two deliberate differences, both outside what score prints in practice: widths are those of
 * string-width 7 (as in our other reports), not the string-width 4 inside cli-table3, which
 * disagree on a few characters (zero-width space, text-style emoji such as ™ and ☺); and the
 * bold header follows the caller's colour decision, where cli-table3 asked @colors/colors,
 * which could say no on a terminal without TERM.
 */
import stringWidth from "string-width";

export type Align = "left" | "right" | "center";

export interface TableOptions {
  /** The header row; omitted or empty: no header. */
  head?: readonly string[];
  /** Header cells (with their padding) in bold. */
  boldHead?: boolean;
  /** Per column; left when not given. */
  colAligns?: readonly (Align | undefined)[];
}

const CODE = /\u001b\[((?:\d*;){0,5}\d*)m/g;
const CODE_ANYWHERE = /\u001b\[(?:\d*;){0,5}\d*m/g;

/** Display width of one line, colour codes not counted. */
function lineWidth(line: string): number {
  return stringWidth(line.includes("\u001b") ? line.replace(CODE_ANYWHERE, "") : line);
}

// --- Colour state across a cell's lines (as cli-table3's colorizeLines) ---------------------

const ATTRIBUTES: Record<string, { name: string; on: boolean }> = {};
const ATTRIBUTE_CODES: Record<string, { on: string; off: string }> = {};
for (const [name, on, off] of [
  ["bold", 1, 22],
  ["italics", 3, 23],
  ["underline", 4, 24],
  ["inverse", 7, 27],
  ["strikethrough", 9, 29],
] as const) {
  ATTRIBUTES[`\u001b[${on}m`] = { name, on: true };
  ATTRIBUTES[`\u001b[${off}m`] = { name, on: false };
  ATTRIBUTE_CODES[name] = { on: `\u001b[${on}m`, off: `\u001b[${off}m` };
}

interface ColourState {
  foreground?: string;
  background?: string;
  /** Insertion order matters: codes are reopened and closed in it. */
  attributes: Map<string, boolean>;
}

function readState(line: string): ColourState {
  const state: ColourState = { attributes: new Map() };
  for (const m of line.matchAll(CODE)) {
    const code = m[1] ? parseInt(m[1].split(";")[0]!, 10) : 0;
    if ((code >= 30 && code <= 39) || (code >= 90 && code <= 97)) state.foreground = m[0];
    else if ((code >= 40 && code <= 49) || (code >= 100 && code <= 107)) state.background = m[0];
    else if (code === 0) {
      state.foreground = state.background = undefined;
      state.attributes.clear();
    } else {
      const a = ATTRIBUTES[m[0]];
      if (a) state.attributes.set(a.name, a.on);
    }
  }
  return state;
}

/** Close what is open at the end of a line. */
function closeState(state: ColourState, line: string): string {
  for (const [name, on] of state.attributes) if (on) line += ATTRIBUTE_CODES[name]!.off;
  if (state.background && state.background !== "\u001b[49m") line += "\u001b[49m";
  if (state.foreground && state.foreground !== "\u001b[39m") line += "\u001b[39m";
  return line;
}

/** Reopen at the start of a line what the line before left open. */
function reopenState(state: ColourState, line: string): string {
  for (const [name, on] of state.attributes) if (on) line = ATTRIBUTE_CODES[name]!.on + line;
  if (state.background && state.background !== "\u001b[49m") line = state.background + line;
  if (state.foreground && state.foreground !== "\u001b[39m") line = state.foreground + line;
  return line;
}

function colourLines(lines: string[]): string[] {
  if (!lines.some((l) => l.includes("\u001b"))) return lines;
  let state: ColourState = { attributes: new Map() };
  return lines.map((raw) => {
    const line = reopenState(state, raw);
    state = readState(line);
    return closeState(state, line);
  });
}

// --- Layout -------------------------------------------------------------------------------

interface Cell {
  lines: string[];
  /** Display width of each line as drawn. */
  widths: number[];
  /** Of the widest line as given (before codes were reopened), which sizes the column. */
  width: number;
}

function cellOf(content: string): Cell {
  const raw = content.split("\n");
  const lines = colourLines(raw);
  const widths = lines.map(lineWidth);
  const width = Math.max(...(lines === raw ? widths : raw.map(lineWidth)));
  return { lines, widths, width };
}

function pad(line: string, width: number, room: number, align: Align | undefined): string {
  const gap = room - width;
  if (align === "right") return " ".repeat(gap) + line;
  if (align === "center") {
    const right = Math.ceil(gap / 2);
    return " ".repeat(gap - right) + line + " ".repeat(right);
  }
  return line + " ".repeat(gap);
}

/** cli-table3's header style: @colors/colors' bold, which reopens after any inner close. */
function bold(s: string): string {
  return `\u001b[1m${s.replaceAll("\u001b[22m", "\u001b[1m")}\u001b[22m`;
}

export function renderTable(rows: readonly (readonly string[])[], opts: TableOptions = {}): string {
  const head = opts.head && opts.head.length ? opts.head : undefined;
  const all = head ? [head, ...rows] : rows;
  if (all.length === 0) return "";
  const columns = all[0]!.length;
  const cells = all.map((row, i) => {
    // cli-table3 fills ragged rows with spanning blanks; nothing of ours makes one.
    if (row.length !== columns) throw new Error(`table row ${i} has ${row.length} cells, expected ${columns}`);
    return row.map(cellOf);
  });

  // Widths include one space of padding each side; at least 1, as cli-table3.
  const widths = new Array<number>(columns).fill(1);
  for (const row of cells) {
    row.forEach((c, x) => {
      if (c.width + 2 > widths[x]!) widths[x] = c.width + 2;
    });
  }

  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => "─".repeat(w)).join(mid) + right;
  const blanks = widths.map((w) => " ".repeat(w));
  const out: string[] = [];
  cells.forEach((row, y) => {
    out.push(y === 0 ? rule("┌", "┬", "┐") : rule("├", "┼", "┤"));
    const style = y === 0 && head && opts.boldHead ? bold : (s: string) => s;
    const height = Math.max(1, ...row.map((c) => c.lines.length));
    for (let l = 0; l < height; l++) {
      let line = "│";
      row.forEach((c, x) => {
        const text = l < c.lines.length ? ` ${pad(c.lines[l]!, c.widths[l]!, widths[x]! - 2, opts.colAligns?.[x])} ` : blanks[x]!;
        line += `${style(text)}│`;
      });
      out.push(line);
    }
  });
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}
