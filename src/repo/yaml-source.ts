/**
 * Reading one YAML file into data while keeping every node's position, so that any later
 * check (schema, references, rules) can point at file:line:col with a caret.
 * Nothing here throws on user input: every failure becomes a Problem.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type ScalarTag, type Tags } from "yaml";
import type { Msg, Problem, Severity } from "../problem.js";
import type { Lang } from "../i18n.js";
import { msg } from "../messages/index.js";
import { describeYamlErrors } from "./yaml-errors.js";
import { recoverData, type BrokenSpans } from "./yaml-recover.js";

/** Larger files are refused with a problem rather than parsed: no real record file comes near it. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Limits YAML alias expansion (billion-laughs). */
export const MAX_ALIAS_COUNT = 200;

export type YamlPath = ReadonlyArray<string | number>;

export interface YamlSource {
  /** Repo-relative path with forward slashes. */
  file: string;
  text: string;
  doc?: Document.Parsed;
  lineCounter: LineCounter;
  /** Plain JS data; undefined when the file could not be parsed. */
  data: unknown;
  /**
   * Set when the file has syntax errors but the rest of it was read: the spans of the entries
   * the errors spoilt, which the data leaves out (src/repo/yaml-recover.ts).
   */
  broken?: BrokenSpans;
  /** The text as in the file (byte-order mark aside) when `text` is it read past typing mistakes. */
  written?: string;
}

export interface Position {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

const FILE_START: Position = { line: 1, column: 1 };

/**
 * Where each line of a text starts. Built once per text and kept for the text seen last, so a
 * file with thousands of problems costs one pass, not one scan from the top per problem.
 */
let indexed: { text: string; starts: number[] } | undefined;

function lineStarts(text: string): number[] {
  // Same string object, same index: `===` on one string is a pointer comparison.
  if (indexed?.text === text) return indexed.starts;
  const starts = [0];
  for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", nl + 1)) starts.push(nl + 1);
  indexed = { text, starts };
  return starts;
}

export function lineText(text: string, line: number): string | undefined {
  if (line < 1) return undefined;
  const starts = lineStarts(text);
  if (line > starts.length) return undefined;
  const start = starts[line - 1]!;
  const end = line < starts.length ? starts[line]! - 1 : text.length;
  return text.slice(start, end).replace(/\r$/, "");
}

export function makeProblem(
  src: Pick<YamlSource, "file" | "text">,
  pos: Position,
  check: string,
  message: Msg,
  hint?: Msg,
  severity: Severity = "error",
): Problem {
  return {
    check,
    severity,
    file: src.file,
    ...pos,
    message,
    ...(hint ? { hint } : {}),
    ...(pos.line > 0 ? { sourceLine: lineText(src.text, pos.line) } : {}),
  };
}

/** Decode bytes as UTF-8 text; report the first invalid byte's position when it is not. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text?: string; problem?: Problem } {
  // Notepad's "Unicode" is UTF-16 with a byte-order mark; say so rather than "not a text file".
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      problem: makeProblem({ file, text: "" }, { line: 0, column: 0 }, "encoding",
        msg("encoding.utf16"), msg("encoding.hint-utf16")),
    };
  }
  if (bytes.includes(0)) {
    return {
      problem: makeProblem({ file, text: "" }, { line: 0, column: 0 }, "encoding",
        msg("encoding.binary"), msg("encoding.hint-binary")),
    };
  }
  try {
    let text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    const { line, column } = firstInvalidUtf8(bytes);
    const lossy = new TextDecoder("utf-8").decode(bytes);
    return {
      problem: makeProblem({ file, text: lossy }, { line, column }, "encoding",
        msg("encoding"), msg("encoding.hint")),
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const dec = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    if (ok && len > 1) {
      try {
        dec.decode(bytes.subarray(i, i + len));
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      const column = new TextDecoder().decode(bytes.subarray(lineStart, i)).length + 1;
      return { line, column };
    }
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    i += len;
  }
  return { line, column: 1 };
}

/** Numbers are read in plain decimal only: `12`, `-3`, `1.5`, `.5`; also `.inf` and `.nan`, which the schemas refuse by name. */
const DECIMAL_INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
const DECIMAL_FLOAT = /^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)$/;

/**
 * YAML 1.2's core schema without its other ways of writing a number (0o12, 0x10, 1e3, and 012,
 * which YAML 1.1 reads as octal 10): those stay text, so a number field holding one is refused
 * by the schema with a "number-format" problem (schema/zod-problems.ts), and a title that
 * happens to look like one stays the text it is.
 */
function decimalNumbers(tags: Tags): Tags {
  const out: Tags = [];
  for (const tag of tags) {
    const scalar = typeof tag === "object" && !("collection" in tag && tag.collection) ? (tag as ScalarTag) : undefined;
    if (scalar?.tag === "tag:yaml.org,2002:int") {
      if (!scalar.format) out.push({ ...scalar, test: DECIMAL_INT });
    } else if (scalar?.tag === "tag:yaml.org,2002:float") {
      if (scalar.format !== "EXP") out.push(scalar.test?.test(".inf") ? scalar : { ...scalar, test: DECIMAL_FLOAT });
    } else out.push(tag);
  }
  return out;
}

/**
 * The options every reader of repository YAML uses (see decimalNumbers). The library's own
 * console warnings are off (logLevel): a broken file would print a Node warning beside the problems.
 */
export const YAML_READ_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, version: "1.2", schema: "core", customTags: decimalNumbers, logLevel: "error" } as const;

/**
 * Parse YAML text; every syntax error, unknown tag, duplicate key or alias bomb becomes a problem.
 * Its messages are rendered by the formatter: `_lang` is not needed, and only kept for old callers.
 */
export function parseYaml(file: string, text: string, _lang?: Lang): { source: YamlSource; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const problems: Problem[] = [];
  const source: YamlSource = { file, text, lineCounter, data: undefined };
  const tooDeep = (pos: Position) =>
    makeProblem(source, pos, "yaml-syntax", msg("yaml-syntax.too-deep"), msg("yaml-syntax.hint-too-deep"));
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { ...YAML_READ_OPTIONS, lineCounter });
  } catch {
    // The parser recurses per nesting level; absurd nesting overflows the stack.
    return { source, problems: [tooDeep(FILE_START)] };
  }
  source.doc = doc;
  // The parser also catches its own stack overflows and reports one per remaining token.
  const overflow = doc.errors.find((e) => isStackOverflow(e.message));
  if (overflow) {
    const pos = lineCounter.linePos(overflow.pos[0]);
    return { source, problems: [tooDeep({ line: pos.line, column: pos.col })] };
  }
  // A %YAML 1.1 directive switches the parser to 1.1's rules (1:30 is 90, 010 is 8): refused.
  const version = doc.directives?.yaml;
  if (version?.explicit && version.version !== "1.2") {
    const at = /^%YAML\b/m.exec(text)?.index ?? 0;
    const pos = lineCounter.linePos(at);
    return { source, problems: [makeProblem(source, { line: pos.line, column: pos.col }, "yaml-version",
      msg("yaml-version", { version: version.version }), msg("yaml-version.hint"))] };
  }
  const errors = describeYamlErrors(doc, text, lineCounter);
  for (const e of errors.slice(0, MAX_SYNTAX_PROBLEMS)) {
    problems.push(makeProblem(source, { line: e.line, column: e.column }, "yaml-syntax", e.message, e.hint));
  }
  if (errors.length > MAX_SYNTAX_PROBLEMS) {
    const rest = errors.length - MAX_SYNTAX_PROBLEMS;
    const next = errors[MAX_SYNTAX_PROBLEMS]!;
    problems.push(makeProblem(source, { line: next.line, column: next.column }, "yaml-syntax",
      msg("yaml-syntax.more", { count: rest }), msg("yaml-syntax.hint-more")));
  }
  for (const warn of doc.warnings) {
    const [start] = warn.linePos ?? [lineCounter.linePos(warn.pos[0])];
    const tag = warn.code === "TAG_RESOLVE_FAILED" ? tagName(warn.message) : undefined;
    problems.push(makeProblem(source, { line: start.line, column: start.col }, tag ? "yaml-tag" : "yaml-syntax",
      tag
        ? msg("yaml-tag", { tag })
        : msg("yaml-syntax.warning", { text: firstLine(warn.message) }),
      tag ? msg("yaml-tag.hint") : undefined));
  }
  if (doc.errors.length > 0) {
    const recovered = doc.warnings.length === 0 ? recoverData(doc, (o) => lineCounter.linePos(o).line, errors.map((e) => e.line), () => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })) : undefined;
    if (recovered) {
      source.data = recovered.data;
      source.broken = recovered.broken;
    }
    return { source, problems };
  }
  try {
    source.data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = String((e as Error)?.message);
    problems.push(toJsProblem(source, doc, message) ?? tooDeep(FILE_START));
    source.data = undefined;
  }
  return { source, problems };
}

/** Syntax errors reported per file; one mistake can trip hundreds, and the first ones matter. */
export const MAX_SYNTAX_PROBLEMS = 20;

function isStackOverflow(message: string): boolean {
  return /call stack|too much recursion/i.test(message);
}

/** The tag as the user wrote it, e.g. !!python/object:os.system (the parser reports its long form). */
function tagName(message: string): string {
  const long = /Unresolved tag: (\S+)/.exec(message)?.[1] ?? "";
  return long.startsWith("tag:yaml.org,2002:") ? `!!${long.slice("tag:yaml.org,2002:".length)}` : long ? `!<${long}>` : "!";
}

/** Failures of building the data: alias bombs, aliases with no anchor, or (undefined) nesting too deep. */
function toJsProblem(source: YamlSource, doc: Document.Parsed, message: string): Problem | undefined {
  if (isStackOverflow(message)) return undefined;
  const unresolved = /Unresolved alias[^:]*: (.+)$/.exec(firstLine(message))?.[1];
  if (unresolved !== undefined) {
    let pos = FILE_START;
    visit(doc, {
      Alias(_, node) {
        if (node.source === unresolved && node.range && pos === FILE_START) {
          const lc = source.lineCounter.linePos(node.range[0]);
          pos = { line: lc.line, column: lc.col };
        }
      },
    });
    return makeProblem(source, pos, "yaml-alias",
      msg("yaml-alias.unresolved", { name: unresolved }), msg("yaml-alias.hint-unresolved"));
  }
  if (/alias|resource exhaustion/i.test(message)) {
    return makeProblem(source, FILE_START, "yaml-alias",
      msg("yaml-alias"), msg("yaml-alias.hint"));
  }
  return makeProblem(source, FILE_START, "yaml-syntax",
    msg("yaml-syntax.unreadable", { text: firstLine(message) }));
}

function firstLine(s: string): string {
  return s.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** The node at a data path, or the nearest existing ancestor when the path runs out. */
function nodeAt(doc: Document.Parsed, path: YamlPath): { node?: Node; keyNode?: Node; exact: boolean } {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { node: node as Node, exact: false };
      keyNode = pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg];
      if (item === undefined) return { node: node as Node, exact: false };
      keyNode = undefined;
      node = item;
    } else {
      return { node: (node as Node) ?? undefined, exact: false };
    }
  }
  return { node: node as Node, keyNode, exact: true };
}

/**
 * Position of the value at `path` (or of its key with `onKey`, for "unknown key" problems).
 * Falls back to the nearest ancestor, then to the file start.
 */
export function positionOf(src: YamlSource, path: YamlPath, onKey = false): Position {
  if (!src.doc) return FILE_START;
  const found = nodeAt(src.doc, path);
  const target = onKey && found.keyNode ? found.keyNode : found.exact ? found.node : (found.keyNode ?? found.node);
  const range = (target as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return FILE_START;
  const start = src.lineCounter.linePos(range[0]);
  const end = src.lineCounter.linePos(range[1]);
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/** Offsets [start, end) of the scalar at `path` as written, for a fix that replaces it; undefined when it is not one. */
export function scalarRange(src: YamlSource, path: YamlPath): [number, number] | undefined {
  if (!src.doc) return undefined;
  const found = nodeAt(src.doc, path);
  return found.exact && isScalar(found.node) && found.node.range ? [found.node.range[0], found.node.range[1]] : undefined;
}

/** Shortcut: a problem at the node under `path`. */
export function problemAt(
  src: YamlSource,
  path: YamlPath,
  check: string,
  message: Msg,
  hint?: Msg,
  opts: { severity?: Severity; onKey?: boolean } = {},
): Problem {
  return makeProblem(src, positionOf(src, path, opts.onKey), check, message, hint, opts.severity ?? "error");
}
