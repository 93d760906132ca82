/** Typing mistakes (src/repo/typing-mistakes.ts) as problems in the user's language, each with its fix. */
import type { Problem } from "../problem.js";
import { t, type Lang } from "../i18n.js";
import { charName, FULL_WIDTH, type TypingMistake } from "./typing-mistakes.js";
import { makeProblem } from "./yaml-source.js";

/** Checks of this kind name the real mistake; the parser's and schema's words on the same line only repeat it. */
export const TYPING_CHECKS = new Set(["full-width-syntax", "unquoted-colon", "line-endings", "invisible-char"]);

function charNameEn(c: string): string {
  const cp = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return c === "\u3000" ? `the full-width space U+${cp}` : `'${c}' (U+${cp})`;
}

export function typingProblem(src: { file: string; text: string }, m: TypingMistake, lineCol: (offset: number) => { line: number; col: number }, lang: Lang): Problem {
  const start = lineCol(m.start);
  const end = lineCol(Math.max(m.end, m.start + 1));
  const pos = m.check === "line-endings" ? { line: 1, column: 1 } : { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  const chars = [...m.chars];
  // The line as it should read, when the fix stays on one line.
  const lineStart = src.text.lastIndexOf("\n", m.fix.range[0] - 1) + 1;
  const lineEnd = src.text.indexOf("\n", m.fix.range[1]);
  const whole = src.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, "");
  const fixedLine = m.fix.text.includes("\n") ? m.fix.text : (whole.slice(0, m.fix.range[0] - lineStart) + m.fix.text + whole.slice(m.fix.range[1] - lineStart)).trim();
  const p = (message: string, hint: string) => ({ ...makeProblem(src, pos, m.check, message, hint), fix: m.fix });
  switch (m.check) {
    case "line-endings":
      return p(t(lang, "文件只用回车符(CR)换行(老式 Mac 格式),YAML 会把整个文件读成一行", "the file ends its lines with CR alone (old Mac style), which YAML reads as one single line"),
        t(lang, "以 LF(或 CRLF)换行另存", "save it with LF (or CRLF) line endings"));
    case "unquoted-colon":
      return p(t(lang, "值中的「: 」会被 YAML 当成又一个键,这个值读不出来", "YAML reads the ': ' inside this value as the start of another key, so the value cannot be read"),
        t(lang, `给整个值加上引号:${m.fix.text}`, `put the whole value in quotes: ${m.fix.text}`));
    case "full-width-syntax": {
      if (chars[0] === "\u3000") {
        return p(t(lang, "缩进用了全角空格 U+3000,YAML 只认半角空格", "the indentation uses the full-width space U+3000; YAML indents with ASCII spaces only"),
          t(lang, "每个全角空格换成两个半角空格", "replace each full-width space with two ASCII spaces"));
      }
      if (chars[0] === "：") {
        return p(t(lang, "键后的冒号「：」(U+FF1A)是全角的,YAML 要半角冒号加空格「: 」", "the colon after the key, '：' (U+FF1A), is full-width: YAML needs an ASCII colon and a space, ': '"),
          t(lang, `改成:${fixedLine}`, `write: ${fixedLine}`));
      }
      const ascii = [...new Set(chars.map((c) => FULL_WIDTH[c]!.replace(",", ", ").trimEnd()).filter((a) => a !== ""))];
      return p(t(lang, `这里的${chars.map(charName).join("、")}是全角字符,YAML 在这里要半角的${ascii.map((a) => `「${a}」`).join("、")}`,
          `${chars.map(charNameEn).join(", ")} ${chars.length === 1 ? "is a full-width character" : "are full-width characters"}: YAML needs ${ascii.map((a) => `'${a}'`).join(", ")} here`),
        t(lang, `改成:${fixedLine}`, `write: ${fixedLine}`));
    }
  }
}
