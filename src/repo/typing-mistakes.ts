/**
 * What a Chinese input method types where YAML wants ASCII: a full-width colon after a key
 * (kind：reflection), a full-width comma in a list ([math，arts]), U+3000 to indent, a
 * full-width dash for a list item, and a value holding ": " that YAML reads as a second key.
 * The parser's own words for these are misleading ("keys cannot span lines"), so each is found
 * here by its character, the caret on it, with the exact replacement as a fix.
 * Pure: text in, findings out, offsets into the text.
 */
import type { Fix } from "../problem.js";

export interface TypingMistake {
  check: "full-width-syntax" | "unquoted-colon" | "line-endings";
  /** Offset of the first character at fault, and just past the last. */
  start: number;
  end: number;
  /** The characters at fault, as typed, for the message. */
  chars: string;
  fix: Fix;
}

/** Full-width punctuation and the ASCII YAML means. */
export const FULL_WIDTH: Record<string, string> = {
  "：": ":", "，": ",", "；": ",", "、": ",", "（": "(", "）": ")", "－": "-",
  "［": "[", "］": "]", "｛": "{", "｝": "}", "\u3000": " ", "＂": '"', "＇": "'",
};

const KEY = /^([A-Za-z_$][\w$.-]*)/;

export function findTypingMistakes(text: string): TypingMistake[] {
  const out: TypingMistake[] = [];
  if (text.includes("\r") && !text.includes("\n")) {
    out.push({ check: "line-endings", start: 0, end: 0, chars: "\r", fix: { range: [0, text.length], text: text.replace(/\r/g, "\n") } });
    text = text.replace(/\r/g, "\n");
  }
  let offset = 0;
  // The lines of a block scalar (notes: |) are text, where anything may be written.
  let blockIndent = -1;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    const indent = /^[ \u3000]*/.exec(line)![0].length;
    if (blockIndent >= 0 && (indent > blockIndent || line.trim() === "")) {
      offset += raw.length + 1;
      continue;
    }
    blockIndent = /[:：][ \u3000]*[|>][-+0-9]*[ \u3000]*(#.*)?$/.test(line) ? indent : -1;
    scanLine(line, offset, out);
    offset += raw.length + 1;
  }
  return out;
}

function scanLine(line: string, at: number, out: TypingMistake[]): void {
  const indent = /^[ \u3000]*/.exec(line)![0];
  if (line.slice(indent.length).startsWith("#")) return;
  const ideo = indent.indexOf("\u3000");
  if (ideo >= 0) {
    // Each U+3000 is as wide as two spaces: the indentation the writer saw is kept.
    out.push({ check: "full-width-syntax", start: at + ideo, end: at + indent.length, chars: "\u3000",
      fix: { range: [at, at + indent.length], text: indent.replace(/\u3000/g, "  ") } });
  }
  let pos = indent.length;
  // A list item's dash, typed full-width.
  if (line[pos] === "－" && /^[ \u3000]|^$/.test(line.slice(pos + 1))) {
    const wide = line[pos + 1] === "\u3000";
    out.push({ check: "full-width-syntax", start: at + pos, end: at + pos + 1, chars: wide ? "－\u3000" : "－", fix: { range: [at + pos, at + pos + (wide ? 2 : 1)], text: wide ? "- " : "-" } });
    pos += 2;
  } else if (line[pos] === "-" && line[pos + 1] === " ") pos += 2;
  while (line[pos] === " ") pos++;
  const key = KEY.exec(line.slice(pos))?.[1];
  if (!key) {
    flowMistakes(line, pos, at, out);
    return;
  }
  let after = pos + key.length;
  while (line[after] === " ") after++;
  if (line[after] === "：") {
    const spaced = line[after + 1] === " ";
    out.push({ check: "full-width-syntax", start: at + after, end: at + after + 1, chars: "：", fix: { range: [at + after, at + after + 1], text: spaced ? ":" : ": " } });
  } else if (line[after] !== ":") return;
  let value = after + 1;
  while (line[value] === " " || line[value] === "\u3000") value++;
  if (value >= line.length) return;
  if (!flowMistakes(line, value, at, out)) unquotedColon(line, value, at, out);
}

/** Full-width commas and brackets inside a flow list or map ([math，arts]); true when the value is one. */
function flowMistakes(line: string, pos: number, at: number, out: TypingMistake[]): boolean {
  const open = line[pos];
  if (open !== "[" && open !== "{" && open !== "［" && open !== "｛") return false;
  let quote: string | undefined;
  let first = -1;
  let last = -1;
  const chars = new Set<string>();
  let depth = 0;
  let end = line.length;
  for (let i = pos; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "#" && line[i - 1] === " ") {
      end = i;
      break;
    } else if ("［］｛｝".includes(c) || ("，；、".includes(c) && betweenAscii(line, i))) {
      if (first < 0) first = i;
      last = i;
      chars.add(c);
      if (c === "［" || c === "｛") depth++;
      if (c === "］" || c === "｝") depth--;
    } else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    if (depth === 0 && i > pos) {
      end = i + 1;
      break;
    }
  }
  if (first < 0) return true;
  const fixed = line.slice(first, last + 1).replace(/[，；、]\s*/g, ", ").replace(/[［］｛｝]/g, (c) => FULL_WIDTH[c]!);
  out.push({ check: "full-width-syntax", start: at + first, end: at + Math.min(end, last + 1), chars: [...chars].join(""),
    fix: { range: [at + first, at + last + 1], text: line[last + 1] === " " ? fixed.replace(/, $/, ",") : fixed } });
  return true;
}

/**
 * A full-width comma separates list items only between ASCII values ([math，arts]); between
 * Chinese words it is text (label: 心得、汇报), which a flow list may hold too.
 */
function betweenAscii(line: string, i: number): boolean {
  const before = /(\S)\s*$/.exec(line.slice(0, i))?.[1];
  const after = /^\s*(\S)/.exec(line.slice(i + 1))?.[1];
  return before !== undefined && after !== undefined && /[\x21-\x7e]/.test(before) && /[\x21-\x7e]/.test(after);
}

/** `title: 区级培训: 新课标`: YAML reads the second ": " as a new key. Quoting the value keeps it text. */
function unquotedColon(line: string, pos: number, at: number, out: TypingMistake[]): void {
  if (/^["'|>&*!#%@`]/.test(line.slice(pos))) return;
  const comment = line.search(/ #/);
  const end = comment > pos ? comment : line.length;
  const value = line.slice(pos, end).replace(/\s+$/, "");
  const colon = value.search(/: |:$/);
  if (colon < 0) return;
  const quoted = `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  out.push({ check: "unquoted-colon", start: at + pos + colon, end: at + pos + colon + 1, chars: ":",
    fix: { range: [at + pos, at + pos + value.length], text: quoted } });
}
