/**
 * Pure renderers of problem lists. Each is (problems, options) => string; colour is
 * applied only here and only when asked for. The terminal's text is in problems-text.ts
 * (it loads chalk and string-width, which the JSON of a warm run does without).
 */
import { countBySeverity, type Problem } from "../problem.js";
import { showProblems } from "../messages/index.js";
import type { Lang } from "../i18n.js";
export { summaryLine } from "./summary-line.js";

export interface ProblemFormatOptions {
  lang: Lang;
  colour: boolean;
  /** Files checked, for the summary line. */
  fileCount?: number;
}


/**
 * The stable JSON format (documented in docs/check.md): an object with a version and the
 * problem list, each problem exactly the fields of the Problem type.
 */
export function formatJson(problems: readonly Problem[], opts: Pick<ProblemFormatOptions, "fileCount" | "lang">): string {
  const { errors, warnings } = countBySeverity(problems);
  return JSON.stringify({ version: 1, files: opts.fileCount ?? null, errors, warnings, problems: showProblems(problems, opts.lang) }, null, 2) + "\n";
}

/**
 * `line`, `endLine`, `col`, `endColumn` as GitHub reads them: a column span only on one line
 * (GitHub ignores columns on a multi-line annotation).
 */
function githubPosition(p: Pick<Problem, "line" | "column" | "endLine" | "endColumn">): string {
  const endLine = p.endLine !== undefined && p.endLine >= p.line ? p.endLine : p.line;
  let s = `,line=${p.line},endLine=${endLine},col=${p.column}`;
  if (endLine === p.line && p.endColumn !== undefined && p.endColumn > p.column) s += `,endColumn=${p.endColumn}`;
  return s;
}

/** GitHub workflow commands (Gitea runs them too, but shows no annotations: see docs/check.md). */
export function formatGithub(problems: readonly Problem[], lang: Lang): string {
  const esc = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const prop = (s: string) => esc(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  return showProblems(problems, lang)
    .map((p) => {
      const cmd = p.severity === "error" ? "error" : "warning";
      const pos = p.line > 0 ? githubPosition(p) : "";
      const msg = p.hint ? `${p.message} (${p.hint})` : p.message;
      return `::${cmd} file=${prop(p.file)}${pos},title=${prop(p.check)}::${esc(msg)}\n`;
    })
    .join("");
}
