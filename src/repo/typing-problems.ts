/** Typing mistakes (src/repo/typing-mistakes.ts) as problems in the user's language, each with its fix. */
import type { Msg, Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { FULL_WIDTH, type TypingMistake } from "./typing-mistakes.js";
import type { TabIndent } from "./tab-indent.js";
import { makeProblem } from "./yaml-source.js";

/** Checks of this kind name the real mistake; the parser's and schema's words on the same line only repeat it. */
export const TYPING_CHECKS = new Set(["full-width-syntax", "unquoted-colon", "line-endings", "invisible-char", "tab-indent"]);

export function typingProblem(src: { file: string; text: string }, m: TypingMistake, lineCol: (offset: number) => { line: number; col: number }): Problem {
  const start = lineCol(m.start);
  const end = lineCol(Math.max(m.end, m.start + 1));
  const pos = m.check === "line-endings" ? { line: 1, column: 1 } : { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  const chars = [...m.chars];
  // The line as it should read, when the fix stays on one line.
  const lineStart = src.text.lastIndexOf("\n", m.fix.range[0] - 1) + 1;
  const lineEnd = src.text.indexOf("\n", m.fix.range[1]);
  const whole = src.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, "");
  const fixedLine = m.fix.text.includes("\n") ? m.fix.text : (whole.slice(0, m.fix.range[0] - lineStart) + m.fix.text + whole.slice(m.fix.range[1] - lineStart)).trim();
  const p = (message: Msg, hint: Msg) => ({ ...makeProblem(src, pos, m.check, message, hint), fix: m.fix });
  switch (m.check) {
    case "line-endings":
      return p(msg("line-endings"), msg("line-endings.hint"));
    case "unquoted-colon":
      return p(msg("unquoted-colon"), msg("unquoted-colon.hint", { quoted: m.fix.text }));
    case "full-width-syntax": {
      if (chars[0] === "\u3000") {
        return p(msg("full-width-syntax.indent"), msg("full-width-syntax.hint-indent"));
      }
      if (chars[0] === "：") {
        return p(msg("full-width-syntax.colon"), msg("full-width-syntax.hint-line", { line: fixedLine }));
      }
      const ascii = [...new Set(chars.map((c) => FULL_WIDTH[c]!.replace(",", ", ").trimEnd()).filter((a) => a !== ""))];
      return p(msg("full-width-syntax", { chars, ascii }), msg("full-width-syntax.hint-line", { line: fixedLine }));
    }
  }
}

/** A tab in a line's indentation (src/repo/tab-indent.ts): the caret on the tab, the spaces to put as the fix when clear. */
export function tabProblem(src: { file: string; text: string }, tab: TabIndent): Problem {
  const pos = { line: tab.line, column: tab.column, endLine: tab.line, endColumn: tab.end - tab.start + 1 };
  const hint = tab.spaces !== undefined ? msg("tab-indent.hint-spaces", { spaces: tab.spaces, line: tab.fixedLine ?? "" }) : msg("tab-indent.hint-unclear");
  const problem = makeProblem(src, pos, "tab-indent", msg("tab-indent"), hint);
  return tab.fix ? { ...problem, fix: tab.fix } : problem;
}
