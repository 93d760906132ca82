/**
 * Reading one YAML file into data while keeping every node's position, so that any later
 * check (schema, references, rules) can point at file:line:col with a caret.
 * Nothing here throws on user input: every failure becomes a Problem.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Problem, Severity } from "../problem.js";
import { t, type Lang } from "../i18n.js";

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
}

export interface Position {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

const FILE_START: Position = { line: 1, column: 1 };

export function lineText(text: string, line: number): string | undefined {
  if (line < 1) return undefined;
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, "");
}

export function makeProblem(
  src: Pick<YamlSource, "file" | "text">,
  pos: Position,
  check: string,
  message: string,
  hint?: string,
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
export function decodeUtf8(file: string, bytes: Uint8Array, lang: Lang): { text?: string; problem?: Problem } {
  if (bytes.includes(0)) {
    return {
      problem: makeProblem({ file, text: "" }, { line: 0, column: 0 }, "encoding",
        t(lang, "这不是文本文件(含有 NUL 字节)", "this is not a text file (it contains NUL bytes)"),
        t(lang, "记录文件应为 UTF-8 编码的 YAML 文本", "record files must be UTF-8 YAML text")),
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
        t(lang, "文件不是 UTF-8 编码", "the file is not UTF-8 encoded"),
        t(lang, "用编辑器以 UTF-8 编码另存(GBK/GB2312 文件需要转换)", "save it as UTF-8 in your editor (convert GBK/GB2312 files)")),
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

/** Parse YAML text; every syntax error, unknown tag, duplicate key or alias bomb becomes a problem. */
export function parseYaml(file: string, text: string, lang: Lang): { source: YamlSource; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const problems: Problem[] = [];
  const source: YamlSource = { file, text, lineCounter, data: undefined };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, version: "1.2" });
  } catch (e) {
    // The parser recurses per nesting level; absurd nesting overflows the stack.
    problems.push(makeProblem(source, FILE_START, "yaml-syntax",
      t(lang, "YAML 嵌套过深,无法解析", "the YAML is nested too deeply to parse"),
      t(lang, "记录文件只需要两三层缩进", "record files need only two or three levels of indentation")));
    return { source, problems };
  }
  source.doc = doc;
  for (const err of doc.errors) {
    const [start] = err.linePos ?? [{ line: 1, col: 1 }];
    problems.push(makeProblem(source, { line: start.line, column: start.col }, "yaml-syntax",
      t(lang, `YAML 语法错误:${yamlErrorZh(err.code, err.message)}`, `YAML syntax error: ${firstLine(err.message)}`),
      yamlErrorHint(err.code, lang)));
  }
  for (const warn of doc.warnings) {
    const [start] = warn.linePos ?? [{ line: 1, col: 1 }];
    const isTag = warn.code === "TAG_RESOLVE_FAILED";
    problems.push(makeProblem(source, { line: start.line, column: start.col }, isTag ? "yaml-tag" : "yaml-syntax",
      isTag
        ? t(lang, "不允许使用 YAML 标签(如 !!js/function)", "YAML tags (such as !!js/function) are not allowed")
        : t(lang, `YAML 警告:${firstLine(warn.message)}`, `YAML warning: ${firstLine(warn.message)}`),
      isTag ? t(lang, "删除标签,只写普通的值", "remove the tag and write a plain value") : undefined));
  }
  if (doc.errors.length > 0) return { source, problems };
  try {
    source.data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const bomb = e instanceof ReferenceError || /alias/i.test(String((e as Error)?.message));
    problems.push(makeProblem(source, FILE_START, bomb ? "yaml-alias" : "yaml-syntax",
      bomb
        ? t(lang, "YAML 别名展开过多(可能是别名炸弹)", "too many YAML alias expansions (a possible alias bomb)")
        : t(lang, `无法读取 YAML:${firstLine(String((e as Error)?.message))}`, `cannot read the YAML: ${firstLine(String((e as Error)?.message))}`),
      t(lang, "不要用锚点(&)和别名(*)重复内容,直接写出每条记录", "write each record out instead of repeating content with anchors (&) and aliases (*)")));
    source.data = undefined;
  }
  return { source, problems };
}

function firstLine(s: string): string {
  return s.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

const YAML_ERRORS_ZH: Record<string, string> = {
  DUPLICATE_KEY: "同一层里有重复的键",
  TAB_AS_INDENT: "用了制表符(Tab)缩进",
  BAD_INDENT: "缩进不对",
  MISSING_CHAR: "缺少字符(如引号或括号没有闭合)",
  MULTILINE_IMPLICIT_KEY: "键不能跨行(可能是缺少冒号或缩进不对)",
  UNEXPECTED_TOKEN: "出现了不该出现的符号",
  BLOCK_AS_IMPLICIT_KEY: "缩进不对,块内容被当成了键",
  MULTIPLE_DOCS: "文件里有多个 YAML 文档(---)",
  BAD_SCALAR_START: "值的开头字符不合法(可用引号括起来)",
};

function yamlErrorZh(code: string, message: string): string {
  return YAML_ERRORS_ZH[code] ?? firstLine(message);
}

function yamlErrorHint(code: string, lang: Lang): string | undefined {
  switch (code) {
    case "DUPLICATE_KEY":
      return t(lang, "删除或合并重复的键", "remove or merge the repeated key");
    case "TAB_AS_INDENT":
      return t(lang, "YAML 只能用空格缩进,把 Tab 换成两个空格", "YAML indents with spaces only: replace the tab with two spaces");
    case "BAD_INDENT":
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return t(lang, "检查这一行与上一行的缩进是否对齐,键后是否有冒号和空格", "check this line's indentation against the line above, and that each key has ': ' after it");
    case "MISSING_CHAR":
      return t(lang, "补上缺少的引号或括号", "add the missing quote or bracket");
    case "BAD_SCALAR_START":
      return t(lang, "以 @ ` % 等开头的值要加引号", "quote values that start with @, ` or %");
    default:
      return undefined;
  }
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

/** Shortcut: a problem at the node under `path`. */
export function problemAt(
  src: YamlSource,
  path: YamlPath,
  check: string,
  message: string,
  hint?: string,
  opts: { severity?: Severity; onKey?: boolean } = {},
): Problem {
  return makeProblem(src, positionOf(src, path, opts.onKey), check, message, hint, opts.severity ?? "error");
}
