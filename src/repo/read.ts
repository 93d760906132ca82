/** Reading one repo file from disk into a YamlSource, with every failure as a Problem. */
import { join } from "node:path";
import type { Problem } from "../problem.js";
import type { Lang } from "../i18n.js";
import { msg } from "../messages/index.js";
import { nodeReadFs, type ReadFs } from "./fs.js";
import { decodeUtf8, makeProblem, MAX_ALIAS_COUNT, MAX_FILE_BYTES, parseYaml, type YamlSource } from "./yaml-source.js";
import { findTypingMistakes } from "./typing-mistakes.js";
import { applyFixes } from "./apply-fixes.js";
import { tabProblem, TYPING_CHECKS, typingProblem } from "./typing-problems.js";
import { findTabIndents } from "./tab-indent.js";
import { recoverData } from "./yaml-recover.js";

export type LoadedKind = "config" | "roster" | "records" | "sessions" | "rules";

/** One file of the repository as loaded: its source when it parsed, and its own problems. */
export interface LoadedFile {
  file: string;
  kind: LoadedKind;
  source?: YamlSource;
  /** Problems of this file alone (syntax, schema). */
  problems: Problem[];
  /** Read as a plain file, not through a link: the symlink check need not look at it again. */
  plain?: true;
}

export interface ReadResult {
  source?: YamlSource;
  problems: Problem[];
}

const WHOLE_FILE = { line: 0, column: 0 };

/**
 * Read and parse a repo file. Symlinks that leave the repo are refused, so is anything huge.
 * Messages are rendered by the formatter: `_lang` is not needed, and only kept for old callers.
 */
export function readYamlFile(root: string, file: string, _lang?: Lang, fs: ReadFs = nodeReadFs): ReadResult {
  const abs = join(root, file);
  const empty = { file, text: "" };
  let bytes: Uint8Array;
  try {
    if (fs.lstatSync(abs).isSymbolicLink()) {
      const real = fs.realpathSync(abs);
      const realRoot = fs.realpathSync(root);
      if (!real.startsWith(realRoot + "/")) {
        return { problems: [makeProblem(empty, WHOLE_FILE, "path-outside-repo",
          msg("path-outside-repo"), msg("path-outside-repo.hint"))] };
      }
    }
    const stat = fs.statSync(abs);
    // A FIFO, socket or device (even through a link) is never opened: reading one can block for ever.
    if (!stat.isFile()) {
      return { problems: [makeProblem(empty, WHOLE_FILE, "file-unreadable",
        stat.isDirectory() ? msg("file-unreadable.folder") : msg("file-unreadable.special"), msg("file-unreadable.hint-plain"))] };
    }
    const size = stat.size;
    if (size > MAX_FILE_BYTES) {
      return { problems: [makeProblem(empty, WHOLE_FILE, "file-too-large",
        msg("file-too-large", { bytes: size, limit: MAX_FILE_BYTES }), msg("file-too-large.hint"))] };
    }
    bytes = fs.readFileSync(abs);
  } catch (e) {
    return { problems: [makeProblem(empty, WHOLE_FILE, "file-unreadable",
      msg("file-unreadable", { code: (e as NodeJS.ErrnoException).code ?? String(e) }), msg("file-unreadable.hint"))] };
  }
  return parseBytes(file, bytes);
}

/** A file's bytes to its source and problems (`_lang`: as readYamlFile's). */
export function parseBytes(file: string, bytes: Uint8Array, _lang?: Lang): ReadResult {
  const decoded = decodeUtf8(file, bytes);
  if (decoded.problem) return { problems: [decoded.problem] };
  // Mistakes of typing are found on the text as written; a lone-CR file is read with LF, offsets unchanged.
  const mistakes = findTypingMistakes(decoded.text!);
  const text = mistakes.some((m) => m.check === "line-endings") ? decoded.text!.replace(/\r/g, "\n") : decoded.text!;
  // The rest is read as if the typing mistakes were repaired (no line moves), so they cause no
  // follow-on errors and the file's other problems are still found.
  const others = mistakes.filter((m) => m.check !== "line-endings");
  const repaired = others.length > 0 ? applyFixes(text, others.map((m) => m.fix)).text : text;
  // Tabs in the indentation too: read with the spaces they stand for, so the lines after them read as meant.
  const tabs = findTabIndents(text, repaired);
  const parsed = parseYaml(file, tabs?.readAs ?? repaired);
  const { source } = parsed;
  if (source.text !== decoded.text) source.written = decoded.text;
  // Spaces guessed for a tab are no reading to check: the entries they are in are left out, as a syntax error's are.
  if (tabs?.unclear && source.doc && !source.broken) spoilEntries(source, tabs.tabs.map((tab) => tab.line));
  const written = { file, text };
  const typing = [
    ...mistakes.map((m) => typingProblem(written, m, (o) => linePos(text, o))),
    ...(tabs?.tabs ?? []).map((tab) => tabProblem(written, tab)),
  ];
  const problems = [...typing, ...withoutShadowed(parsed.problems, typing)];
  if (problems.length === 0 && (source.data === null || source.data === undefined)) {
    problems.push(makeProblem(source, { line: 1, column: 1 }, "empty-file",
      msg("empty-file"), msg("empty-file.hint")));
  }
  return { source, problems };
}

/** Leave out of the data the entries holding these lines (src/repo/yaml-recover.ts). */
function spoilEntries(source: YamlSource, lines: number[]): void {
  const doc = source.doc!;
  const recovered = recoverData(doc, (o) => source.lineCounter.linePos(o).line, lines, () => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  if (!recovered) return;
  source.data = recovered.data;
  source.broken = recovered.broken;
}

/** 1-based line and column of an offset. */
function linePos(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let nl = text.indexOf("\n"); nl >= 0 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
    line++;
    start = nl + 1;
  }
  return { line, col: offset - start + 1 };
}

/** On a line where a typing mistake was found, the parser's own problems only repeat it. */
export function withoutShadowed(problems: Problem[], typing: Problem[]): Problem[] {
  const lines = new Set(typing.filter((p) => p.check !== "line-endings").map((p) => p.line));
  return problems.filter((p) => TYPING_CHECKS.has(p.check) || !lines.has(p.line));
}
