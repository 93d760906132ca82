/**
 * Which answers to ask again when the record as written would not pass `check`: the fields of the new
 * item (the last lines of the file) that the problems point at. A problem anywhere else, or on a field the
 * prompts do not ask, means there is nothing to re-ask and the add is refused as before.
 */
import type { Problem } from "../problem.js";

const KEY = /^\s*(?:-\s+)?([A-Za-z][\w-]*)\s*:/;

/**
 * `text` is the whole file with the item appended, `itemLines` how many lines the item took, `askable` the
 * fields the prompts can ask. Returns the fields in the order they appear, or undefined.
 */
export function fieldsToReask(problems: readonly Problem[], file: string, text: string, itemLines: number, askable: ReadonlySet<string>): string[] | undefined {
  const lines = text.replace(/\r/g, "").split("\n");
  if (lines.at(-1) === "") lines.pop();
  const first = lines.length - itemLines + 1; // 1-based line where the item starts
  const fields: string[] = [];
  for (const p of problems) {
    if (p.severity !== "error") continue;
    if (p.file !== file || p.line < first || p.line > lines.length) return undefined;
    const field = fieldAt(lines, p.line, first);
    if (!field || !askable.has(field)) return undefined;
    if (!fields.includes(field)) fields.push(field);
  }
  return fields.length > 0 ? fields : undefined;
}

/** The item's key on this line or, for a line inside a list or map (evidence, attendance), the item's key above it. */
function fieldAt(lines: string[], line: number, first: number): string | undefined {
  const keyColumn = (s: string) => s.replace(/^[\s-]*/, "").length === 0 ? -1 : s.length - s.replace(/^[\s-]*/, "").length;
  const itemColumn = keyColumn(lines[first - 1]!); // "  - date: …": the column of "date"
  for (let l = line; l >= first; l--) {
    const text = lines[l - 1]!;
    const m = KEY.exec(text);
    if (m && keyColumn(text) === itemColumn) return m[1];
  }
  return undefined;
}
