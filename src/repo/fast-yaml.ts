/**
 * A fast reader for the plain YAML that record and session files are normally written in:
 * block maps and lists, plain or quoted one-line scalars, full-line comments. It is about ten
 * times faster than the full parser because it builds no document. It is deliberately timid:
 * anything outside that subset (flow collections, anchors, tags, block scalars, multi-line
 * scalars, tabs, CRs, duplicate keys, scalars that could be typed in more than one way) makes it
 * give up, and the caller parses the file with the full parser instead, which also reports every
 * problem with its real position. When it does return data, the data equals the full parser's
 * (test/cache/fast-yaml.test.ts compares them on generated and hand-written files).
 *
 * It also notes the line of each list item under a top-level key (records[i], sessions[i]) and of
 * each value two levels below it (sessions[i].attendance[member]): the lines Activities cite.
 */
import { positionOf, type YamlPath, type YamlSource } from "./yaml-source.js";

export interface FastParse {
  data: Record<string, unknown>;
  /** The 1-based lines of the nodes noted (records[i], sessions[i].attendance[member], …). */
  lines: NotedLines;
}

type Key = string | number;

/**
 * The lines noted by a fast parse, by path: of every node two levels down (records[3]) and four
 * levels down (sessions[0].attendance.t02). Nested maps by path segment, so neither noting a line
 * nor looking one up makes a path array or a key string (one each per activity, before).
 */
export class NotedLines {
  private readonly two = new Map<Key, Map<Key, number>>();
  private readonly four = new Map<Key, Map<Key, Map<Key, Map<Key, number>>>>();

  /** Note the line of the node at a path of 2 or 4 segments (any other length is not noted). */
  set(path: YamlPath, line: number): void {
    if (path.length === 2) inner(this.two, path[0]!).set(path[1]!, line);
    else if (path.length === 4) inner(inner(inner(this.four, path[0]!), path[1]!), path[2]!).set(path[3]!, line);
  }

  get(path: YamlPath): number | undefined {
    if (path.length === 2) return this.two.get(path[0]!)?.get(path[1]!);
    if (path.length === 4) return this.four.get(path[0]!)?.get(path[1]!)?.get(path[2]!)?.get(path[3]!);
    return undefined;
  }
}

function inner<V>(map: Map<Key, Map<Key, V>>, key: Key): Map<Key, V> {
  let m = map.get(key);
  if (!m) map.set(key, (m = new Map()));
  return m;
}

/** A text and the fast reader's parse of exactly that text, handed on so a reader need not parse it again. */
export interface ReadText {
  text: string;
  parse: FastParse;
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

/**
 * The lines that matter (not blank, not comments), as parallel arrays rather than an object and
 * two strings per line: their 1-based numbers, indents and texts (without the indent and the
 * spaces after). A school's files have hundreds of thousands of such lines.
 */
interface Lines {
  no: number[];
  indent: number[];
  text: string[];
}

export function fastParseYaml(text: string): FastParse | undefined {
  // CR, tabs and a byte-order mark are left to the full parser (which knows their rules).
  if (text.includes("\r") || text.includes("\t") || text.includes("\uFEFF")) return undefined;
  const lines: Lines = { no: [], indent: [], text: [] };
  const n = text.length;
  let no = 0;
  for (let start = 0; start <= n; ) {
    let eol = text.indexOf("\n", start);
    if (eol < 0) eol = n;
    no++;
    let at = start;
    while (text.charCodeAt(at) === 32) at++;
    const next = start;
    start = eol + 1;
    if (at === eol) continue; // blank
    if (text.charCodeAt(at) === 35 /* # */) continue; // full-line comment
    if (at === next && (text.startsWith("---", at) || text.startsWith("...", at))) return undefined;
    // Only spaces end a YAML scalar (trimEnd would also drop U+3000, the ideographic space).
    let end = eol;
    while (text.charCodeAt(end - 1) === 32) end--;
    lines.no.push(no);
    lines.indent.push(at - next);
    lines.text.push(text.slice(at, end));
  }
  if (lines.no.length === 0 || lines.indent[0] !== 0) return undefined;
  const p = new Parser(lines);
  try {
    const data = p.block(0, 0);
    if (p.pos !== lines.no.length || data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
    return { data: data as Record<string, unknown>, lines: p.marks };
  } catch (e) {
    if (e instanceof GiveUp || e instanceof RangeError) return undefined;
    throw e;
  }
}

/**
 * A "key: value" line, read as /^([A-Za-z0-9_\u00a0-\uffff][\w\u00a0-\uffff.-]*):(?: +(.*))?$/
 * reads it (fast-yaml.test.ts holds them equal), without a match array per line: the key, and
 * its value (undefined when none) left in `keyValue`; undefined when the line is not one.
 */
export function keyOf(s: string): string | undefined {
  const n = s.length;
  if (n === 0 || !keyStart(s.charCodeAt(0))) return undefined;
  let i = 1;
  while (i < n && keyChar(s.charCodeAt(i))) i++;
  if (i === n || s.charCodeAt(i) !== 58 /* : */) return undefined;
  if (i + 1 === n) {
    keyValue = undefined;
    return s.slice(0, i);
  }
  if (s.charCodeAt(i + 1) !== 32) return undefined;
  let j = i + 2;
  while (j < n && s.charCodeAt(j) === 32) j++;
  // The pattern's `.` stops at line terminators: \n and \r never get here, U+2028 and U+2029 may.
  for (let k = j; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x2028 || c === 0x2029) return undefined;
  }
  keyValue = s.slice(j);
  return s.slice(0, i);
}

export let keyValue: string | undefined;

/** [A-Za-z0-9_\u00a0-\uffff], by UTF-16 code unit as the pattern (without the u flag) reads it. */
function keyStart(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0xa0;
}

/** The same, with . and - */
function keyChar(c: number): boolean {
  return keyStart(c) || c === 46 || c === 45;
}

class Parser {
  pos = 0;
  marks = new NotedLines();
  /** The path of the node being read, pushed and popped (not copied for every node). */
  private readonly path: Key[] = [];
  private readonly count: number;
  private readonly no: number[];
  private readonly indent: number[];
  private readonly text: string[];
  constructor(lines: Lines) {
    this.no = lines.no;
    this.indent = lines.indent;
    this.text = lines.text;
    this.count = lines.no.length;
  }

  /** Note the line of the node at the current path (when 2 or 4 segments long). */
  private mark(line: number): void {
    if (this.path.length === 2 || this.path.length === 4) this.marks.set(this.path, line);
  }

  /** The block starting at the current line, whose lines sit at exactly `indent`. */
  block(indent: number, depth: number): unknown {
    if (depth > 20) giveUp();
    if (this.indent[this.pos] !== indent) giveUp();
    const first = this.text[this.pos]!;
    return first === "-" || first.startsWith("- ") ? this.seq(indent, depth) : this.map(indent, depth);
  }

  private seq(indent: number, depth: number): unknown[] {
    const out: unknown[] = [];
    while (this.pos < this.count) {
      const lineIndent = this.indent[this.pos]!;
      if (lineIndent < indent) break;
      if (lineIndent > indent) giveUp();
      const text = this.text[this.pos]!;
      if (!text.startsWith("- ")) break; // "key:\n- item" lists end at the next key
      let rest = text.slice(2);
      let restIndent = indent + 2;
      while (rest.startsWith(" ")) {
        rest = rest.slice(1);
        restIndent++;
      }
      this.path.push(out.length);
      this.mark(this.no[this.pos]!);
      const isMap = keyOf(rest) !== undefined;
      keyValue = undefined;
      if (isMap) {
        // "- key: value": a map whose first line starts after the dash.
        this.indent[this.pos] = restIndent;
        this.text[this.pos] = rest;
        out.push(this.map(restIndent, depth + 1));
      } else {
        this.pos++;
        out.push(scalar(rest));
        this.noDeeper(indent);
      }
      this.path.pop();
    }
    return out;
  }

  private map(indent: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.pos < this.count) {
      const lineIndent = this.indent[this.pos]!;
      if (lineIndent < indent) break;
      if (lineIndent > indent) giveUp();
      const key = keyOf(this.text[this.pos]!);
      if (key === undefined) return giveUp();
      const value = keyValue;
      keyValue = undefined; // a piece of the file's text: not to be held after the parse
      if (Object.hasOwn(out, key) || key === "__proto__" || looksTyped(key)) giveUp();
      const lineNo = this.no[this.pos]!;
      this.pos++;
      // A key in the path may be kept in the noted lines: its own copy, never a piece of the text.
      if (value === undefined || value === "") {
        if (this.pos < this.count) {
          const nextIndent = this.indent[this.pos]!;
          const next = this.text[this.pos]!;
          if (nextIndent > indent || (nextIndent === indent && (next === "-" || next.startsWith("- ")))) {
            this.path.push(this.path.length < 4 ? own(key) : key);
            out[key] = this.block(nextIndent, depth + 1);
            this.path.pop();
            continue;
          }
        }
        giveUp(); // an empty value: rare, and its position rules differ
      } else {
        // Only some depths are noted.
        if (this.path.length === 1 || this.path.length === 3) {
          this.path.push(own(key));
          this.mark(lineNo);
          this.path.pop();
        }
        out[key] = value === "[]" ? [] : value === "{}" ? {} : scalar(value);
        this.noDeeper(indent);
      }
    }
    return out;
  }

  /** A more indented line right after a scalar would continue it over lines: give up. */
  private noDeeper(indent: number): void {
    if (this.pos < this.count && this.indent[this.pos]! > indent) giveUp();
  }
}

const CORE_NUMBER = /^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PLAIN_INT = /^-?(?:0|[1-9][0-9]{0,14})$/;
const PLAIN_FLOAT = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
const RESERVED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** Keys seen not to look typed: a file's few keys come again on every record. */
const untypedKeys = new Set<string>();

function looksTyped(s: string): boolean {
  if (untypedKeys.has(s)) return false;
  const typed = RESERVED.test(s) || CORE_NUMBER.test(s) || s === "<<";
  if (!typed && untypedKeys.size < 10_000) untypedKeys.add(own(s));
  return typed;
}

/** A one-line scalar, resolved as YAML 1.2's core schema does; gives up on anything unusual. */
function scalar(s: string): unknown {
  // A value seen before as a plain string is one again (dates, kinds, statuses, names repeat).
  const known = plainStrings.get(s);
  if (known !== undefined) return known;
  const c = s[0]!;
  if (c === '"') {
    if (s.length < 2 || !s.endsWith('"')) giveUp();
    try {
      const v: unknown = JSON.parse(s);
      return typeof v === "string" ? v : giveUp();
    } catch {
      return giveUp();
    }
  }
  if (c === "'") {
    const m = /^'((?:[^']|'')*)'$/.exec(s);
    return m ? own(m[1]!.replace(/''/g, "'")) : giveUp();
  }
  if ("-?:,[]{}#&*!|>%@`".includes(c)) {
    if (c === "-" && PLAIN_INT.test(s)) return Number(s);
    if (c === "-" && PLAIN_FLOAT.test(s)) return Number(s);
    giveUp();
  }
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) giveUp();
  if (RESERVED.test(s)) {
    const k = s.toLowerCase();
    return k === "true" ? true : k === "false" ? false : null;
  }
  if (CORE_NUMBER.test(s)) {
    if (PLAIN_INT.test(s) || PLAIN_FLOAT.test(s)) return Number(s);
    giveUp();
  }
  // This table is the value's only one: going through `own`'s as well cost a second lookup and
  // insert for every new title.
  const copy = ownCopy(s);
  if (plainStrings.size >= PLAIN_MAX) plainStrings.clear();
  plainStrings.set(copy, copy);
  return copy;
}

/** Plain scalars read as strings, by their shared copy (never a piece of a file's text). */
const plainStrings = new Map<string, string>();
/** Titles are seldom seen twice: a smaller table, started over more often, holds the values that repeat. */
const PLAIN_MAX = 50_000;

/**
 * One shared copy of a value, not a piece of the file's text. V8 makes a substring of 13
 * characters or more a view into its parent, so one title kept by an activity would hold its
 * file's whole text after the file's source is dropped (at a million records, ~170 MB); and the
 * same date, kind, status or 出勤 would be a string of its own in every record. A table of the
 * values seen gives the shared copy; a new long value is copied out of its file first. (The
 * earlier way, a computed key in an object literal, made V8 internalize every value and add a
 * hidden-class transition per new one: ~650 ms of a 100,000-record check, docs/benchmark.md.)
 */
const shared = new Map<string, string>();
/** A long-running server reads files for days: past this many values the table starts over. */
const SHARED_MAX = 500_000;

function own(s: string): string {
  const seen = shared.get(s);
  if (seen !== undefined) return seen;
  const copy = ownCopy(s);
  if (shared.size >= SHARED_MAX) shared.clear();
  shared.set(copy, copy);
  return copy;
}

/**
 * A string holding none of its file's text. Under 13 characters a substring is already a copy.
 * Longer: concatenating makes a rope, and slicing the rope flattens it into a new string.
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : (s + " ").slice(0, -1);
}

const fastLines = new WeakMap<YamlSource, NotedLines>();

/** Remember the lines a fast parse noted for this source, for `lineAt`. */
export function noteLines(src: YamlSource, lines: NotedLines): void {
  fastLines.set(src, lines);
}

/** The line of the node at `path`: from a fast parse when it noted one, else from the document. */
export function lineAt(src: YamlSource, path: YamlPath): number {
  const noted = fastLines.get(src)?.get(path);
  return noted ?? positionOf(src, path).line;
}
