/**
 * The terminal's rendering of problems, hledger's layout. Apart from the other formats
 * (problems.ts) because it needs chalk and string-width (which loads ICU's segmenter).
 */
import { Chalk } from "chalk";
import stringWidth from "string-width";
import { isMoveFix, type Problem } from "../problem.js";
import { showProblems } from "../messages/index.js";
import { t } from "../i18n.js";
import { summaryLine, type ProblemFormatOptions } from "./problems.js";

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

