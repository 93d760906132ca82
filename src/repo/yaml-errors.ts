/**
 * YAML parser errors in words a teacher can act on, at the place the mistake was made.
 * The parser reports an unclosed quote or bracket where the file ends; the useful place is
 * where it was opened, so those are moved back to the opening character.
 */
import { visit, type Document, type LineCounter, type YAMLError } from "yaml";
import type { Msg } from "../problem.js";
import { msg } from "../messages/index.js";

export interface YamlErrorReport {
  line: number;
  column: number;
  message: Msg;
  hint?: Msg;
}

function unexpectedToken(err: YAMLError): string | undefined {
  return err.code === "UNEXPECTED_TOKEN" ? /: "(.+)"$/.exec(firstLine(err.message))?.[1] : undefined;
}

/** Our words for each of the library's error codes; its own English text only for a code it adds later. */
function errorMessage(err: YAMLError): Msg {
  const text = firstLine(err.message);
  switch (err.code) {
    case "DUPLICATE_KEY": return msg("yaml-syntax.duplicate-key");
    case "TAB_AS_INDENT": return msg("yaml-syntax.tab-as-indent");
    case "BAD_INDENT":
      if (/sequence items must start at the same column/.test(text)) return msg("yaml-syntax.seq-items-column");
      if (/mapping items must start at the same column/.test(text)) return msg("yaml-syntax.map-items-column");
      return msg("yaml-syntax.bad-indent");
    case "MISSING_CHAR":
      if (/^Missing ,/.test(text)) return msg("yaml-syntax.missing-comma");
      if (/Implicit map keys need to be followed by map values/.test(text)) return msg("yaml-syntax.key-without-value");
      return msg("yaml-syntax.missing-char");
    case "MULTILINE_IMPLICIT_KEY": return msg("yaml-syntax.multiline-implicit-key");
    case "UNEXPECTED_TOKEN": {
      const token = unexpectedToken(err);
      return token ? msg("yaml-syntax.unexpected-token", { token }) : msg("yaml-syntax.unexpected");
    }
    case "BLOCK_AS_IMPLICIT_KEY": return msg("yaml-syntax.block-as-implicit-key");
    case "MULTIPLE_DOCS": return msg("yaml-syntax.multiple-docs");
    case "BAD_SCALAR_START": return msg("yaml-syntax.bad-scalar-start");
    case "BLOCK_IN_FLOW": return msg("yaml-syntax.block-in-flow");
    case "BAD_DQ_ESCAPE": return msg("yaml-syntax.bad-dq-escape");
    case "BAD_ALIAS": return msg("yaml-syntax.bad-alias");
    case "ALIAS_PROPS": return msg("yaml-syntax.alias-props");
    case "BAD_DIRECTIVE": return msg("yaml-syntax.bad-directive");
    case "BAD_PROP_ORDER": return msg("yaml-syntax.bad-prop-order");
    case "KEY_OVER_1024_CHARS": return msg("yaml-syntax.key-too-long");
    case "MULTIPLE_ANCHORS": return msg("yaml-syntax.multiple-anchors");
    case "MULTIPLE_TAGS": return msg("yaml-syntax.multiple-tags");
    case "NON_STRING_KEY": return msg("yaml-syntax.non-string-key");
    case "BAD_COLLECTION_TYPE": return msg("yaml-syntax.bad-collection-type");
    case "IMPOSSIBLE": return msg("yaml-syntax.structure");
    case "RESOURCE_EXHAUSTION": return msg("yaml-alias");
    default: return msg("yaml-syntax.raw", { text });
  }
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

export function describeYamlErrors(doc: Document.Parsed, text: string, lineCounter: LineCounter): YamlErrorReport[] {
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
        message: msg("yaml-syntax.unclosed", { opener: unclosed.opener }),
        hint: msg("yaml-syntax.hint-unclosed", { closer: unclosed.closer }),
      };
    } else {
      const pos = errorStart(err, lineCounter);
      report = {
        line: pos.line,
        column: pos.col,
        message: errorMessage(err),
        hint: yamlErrorHint(err),
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

function yamlErrorHint(err: YAMLError): Msg | undefined {
  switch (err.code) {
    case "DUPLICATE_KEY":
      return msg("yaml-syntax.hint-duplicate-key");
    case "TAB_AS_INDENT":
      return msg("yaml-syntax.hint-tab");
    case "BAD_INDENT":
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return msg("yaml-syntax.hint-indent");
    case "MISSING_CHAR":
      if (/^Missing ,/.test(firstLine(err.message))) return msg("yaml-syntax.hint-comma");
      if (/Implicit map keys need to be followed by map values/.test(err.message)) return msg("yaml-syntax.hint-indent");
      return msg("yaml-syntax.hint-missing");
    case "BAD_SCALAR_START":
      return msg("yaml-syntax.hint-scalar-start");
    case "UNEXPECTED_TOKEN":
      return msg("yaml-syntax.hint-unexpected");
    case "MULTIPLE_DOCS":
      return msg("yaml-syntax.hint-multiple-docs");
    case "BAD_DQ_ESCAPE":
      return msg("yaml-syntax.hint-dq-escape");
    default:
      return undefined;
  }
}
