/**
 * Pure renderers of problem lists. Each is (problems, options) => string; colour is
 * applied only here and only when asked for.
 */
import { Chalk } from "chalk";
import stringWidth from "string-width";
import { countBySeverity, isMoveFix, type Problem } from "../problem.js";
import { showProblems } from "../messages/index.js";
import { t, type Lang } from "../i18n.js";

export interface ProblemFormatOptions {
  lang: Lang;
  colour: boolean;
  /** Files checked, for the summary line. */
  fileCount?: number;
}

/**
 * hledger-style: `file:line:col: error[check]: message`, the source line with its number,
 * a caret under the column, then the hint.
 */
export function formatText(problems: readonly Problem[], opts: ProblemFormatOptions): string {
  const shown = showProblems(problems, opts.lang);
  const c = new Chalk({ level: opts.colour ? 1 : 0 });
  const out: string[] = [];
  for (const p of shown) {
    const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
    const sev = p.severity === "error" ? c.red(t(opts.lang, "错误", "error")) : c.yellow(t(opts.lang, "警告", "warning"));
    out.push(`${c.bold(where)}: ${sev}[${p.check}]: ${p.message}`);
    if (p.sourceLine !== undefined && p.line > 0) {
      const num = String(p.line);
      const gutter = " ".repeat(num.length);
      const line = p.sourceLine.replace(/\t/g, " ");
      // Caret width follows display columns so it lands under CJK text correctly.
      const before = stringWidth(line.slice(0, Math.max(0, p.column - 1)));
      const spanEnd = p.endLine === p.line && p.endColumn && p.endColumn > p.column ? p.endColumn : p.column + 1;
      const width = Math.max(1, Math.min(stringWidth(line.slice(p.column - 1, spanEnd - 1)), 60));
      out.push(`${c.dim(`${gutter} |`)}`);
      out.push(`${c.dim(`${num} |`)} ${line}`);
      out.push(`${c.dim(`${gutter} |`)} ${" ".repeat(before)}${c.red("^".repeat(width))}`);
    }
    if (p.hint) out.push(`  ${c.cyan(t(opts.lang, "建议", "hint"))}: ${p.hint}`);
    if (isMoveFix(p.fix)) out.push(`  ${c.green(t(opts.lang, `可用 yanxiu check --fix 把文件移到 ${p.fix.move.to}`, `yanxiu check --fix can move the file to ${p.fix.move.to}`))}`);
    else if (p.fix) out.push(`  ${c.green(t(opts.lang, "可用 yanxiu check --fix 自动修复", "yanxiu check --fix can repair this"))}`);
    out.push("");
  }
  out.push(summaryLine(problems, opts));
  return out.join("\n") + "\n";
}

export function summaryLine(problems: readonly Pick<Problem, "severity">[], opts: Pick<ProblemFormatOptions, "lang" | "fileCount">): string {
  const { errors, warnings } = countBySeverity(problems);
  const files = opts.fileCount !== undefined ? t(opts.lang, `检查了 ${opts.fileCount} 个文件,`, `${opts.fileCount} files checked, `) : "";
  if (errors === 0 && warnings === 0) return files + t(opts.lang, "没有发现问题 ✓", "no problems ✓");
  return files + t(opts.lang, `${errors} 个错误,${warnings} 个警告`, `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
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
