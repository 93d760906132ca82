/**
 * YAML parser errors in words a teacher can act on, at the place the mistake was made.
 * The parser reports an unclosed quote or bracket where the file ends; the useful place is
 * where it was opened, so those are moved back to the opening character.
 */
import { visit, type Document, type LineCounter, type YAMLError } from "yaml";
import { t, type Lang } from "../i18n.js";

export interface YamlErrorReport {
  line: number;
  column: number;
  message: string;
  hint?: string;
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

/** The parser's English is fine for most codes; these would otherwise speak of its API. */
const YAML_ERRORS_EN: Record<string, string> = {
  MULTIPLE_DOCS: "the file holds more than one YAML document (---)",
  BLOCK_AS_IMPLICIT_KEY: "wrong indentation: the lines below are read as part of a key",
};

function unexpectedToken(err: YAMLError): string | undefined {
  return err.code === "UNEXPECTED_TOKEN" ? /: "(.+)"$/.exec(firstLine(err.message))?.[1] : undefined;
}

function errorMessage(err: YAMLError, lang: Lang): string {
  const token = unexpectedToken(err);
  if (token) return t(lang, `出现了不该出现的符号 "${token}"`, `unexpected "${token}"`);
  return t(lang, YAML_ERRORS_ZH[err.code] ?? firstLine(err.message), YAML_ERRORS_EN[err.code] ?? firstLine(err.message));
}

interface Opened {
  start: number;
  end: number;
  opener: string;
  closer: string;
}

/** Quoted scalars and flow collections, with where they start and where the parser stopped. */
function openedConstructs(doc: Document.Parsed): Opened[] {
  const out: Opened[] = [];
  visit(doc, {
    Scalar(_, node) {
      if (!node.range) return;
      if (node.type === "QUOTE_DOUBLE") out.push({ start: node.range[0], end: node.range[1], opener: '"', closer: '"' });
      if (node.type === "QUOTE_SINGLE") out.push({ start: node.range[0], end: node.range[1], opener: "'", closer: "'" });
    },
    Seq(_, node) {
      if (node.flow && node.range) out.push({ start: node.range[0], end: node.range[1], opener: "[", closer: "]" });
    },
    Map(_, node) {
      if (node.flow && node.range) out.push({ start: node.range[0], end: node.range[1], opener: "{", closer: "}" });
    },
  });
  return out;
}

function firstLine(s: string): string {
  return s.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** Position (1-based) of a parser error; linePos is only filled in with prettyErrors. */
function errorStart(err: YAMLError, lineCounter: LineCounter): { line: number; col: number } {
  if (err.linePos) return err.linePos[0];
  const offset = err.pos?.[0];
  return typeof offset === "number" && offset >= 0 ? lineCounter.linePos(offset) : { line: 1, col: 1 };
}

export function describeYamlErrors(doc: Document.Parsed, text: string, lineCounter: LineCounter, lang: Lang): YamlErrorReport[] {
  const constructs = doc.errors.some((e) => e.code === "MISSING_CHAR" || e.code === "BAD_INDENT") ? openedConstructs(doc) : [];
  const out: YamlErrorReport[] = [];
  const seen = new Set<string>();
  for (const err of doc.errors) {
    const offset = err.pos?.[0];
    const unclosed = (err.code === "MISSING_CHAR" || err.code === "BAD_INDENT")
      ? constructs.find((c) => c.end === offset && text[c.start] === c.opener)
      : undefined;
    let report: YamlErrorReport;
    if (unclosed) {
      const pos = lineCounter.linePos(unclosed.start);
      report = {
        line: pos.line,
        column: pos.col,
        message: t(lang, `YAML 语法错误:这里的 ${unclosed.opener} 没有闭合`, `YAML syntax error: this ${unclosed.opener} is never closed`),
        hint: t(lang, `在值的末尾补上 ${unclosed.closer}`, `add the closing ${unclosed.closer} at the end of the value`),
      };
    } else {
      const pos = errorStart(err, lineCounter);
      report = {
        line: pos.line,
        column: pos.col,
        message: t(lang, `YAML 语法错误:${errorMessage(err, lang)}`, `YAML syntax error: ${errorMessage(err, lang)}`),
        hint: yamlErrorHint(err.code, lang),
      };
    }
    // One mistake often trips two parser errors at the same place; report it once.
    const key = `${report.line}:${report.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(report);
  }
  return out;
}

function yamlErrorHint(code: string, lang: Lang): string | undefined {
  switch (code) {
    case "DUPLICATE_KEY":
      return t(lang, "删除或合并重复的键", "remove or merge the repeated key");
    case "TAB_AS_INDENT":
      return t(lang, "YAML 只能用空格缩进:把 Tab 换成空格,与上一行同级的键对齐", "YAML indents with spaces only: replace the tab with spaces, lining the key up with its siblings on the line above");
    case "BAD_INDENT":
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return t(lang, "检查这一行与上一行的缩进是否对齐,键后是否有冒号和空格", "check this line's indentation against the line above, and that each key has ': ' after it");
    case "MISSING_CHAR":
      return t(lang, "补上缺少的引号或括号", "add the missing quote or bracket");
    case "BAD_SCALAR_START":
      return t(lang, "以 @ ` % 等开头的值要加引号", "quote values that start with @, ` or %");
    case "UNEXPECTED_TOKEN":
      return t(lang, "删除这个符号,或把整个值用引号括起来", "delete the character, or put the whole value in quotes");
    case "MULTIPLE_DOCS":
      return t(lang, "一个文件只写一份内容:删除 --- 及其后的部分,或拆成两个文件", "keep one document per file: delete the --- and what follows, or split the file");
    default:
      return undefined;
  }
}
