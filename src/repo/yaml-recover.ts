/**
 * A YAML syntax error spoils the entry it is in, not the whole file: the parser still builds a
 * document. The entries an error falls in (a record, a session, a teacher: an item of a
 * top-level list, or else a top-level field) are blanked out, and the rest of the file is
 * checked as usual, so one typo does not hide every other problem in the file.
 */
import { isMap, isSeq, type Document } from "yaml";

/** Offsets [start, end) of what was blanked, for dropping the follow-on problems inside them. */
export type BrokenSpans = Array<[number, number]>;


/**
 * The data of a document with errors, with each spoilt entry replaced by null (list items, so
 * the indices of the others still point at their lines) or left out (top-level fields).
 * Undefined when the document has no top-level map to recover from.
 */
export function recoverData(doc: Document.Parsed, lineOf: (offset: number) => number, reported: number[], toJS: () => unknown): { data: unknown; broken: BrokenSpans } | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  // By line, where the parser stopped and where the error is reported (an unclosed quote: at
  // its opening); a tab before a list item's dash is outside the item, yet spoils it.
  // A line indented wrongly was meant to continue the entry above it: that one is spoilt too.
  const errorLines = [...doc.errors.map((e) => lineOf(e.pos[0])), ...reported];
  for (const e of doc.errors) if (e.code === "TAB_AS_INDENT" || e.code === "BAD_INDENT") errorLines.push(lineOf(e.pos[0]) - 1);
  const inside = (range: readonly number[]) => {
    const [first, last] = [lineOf(range[0]!), lineOf(Math.max(range[0]!, range[1]! - 1))];
    return errorLines.some((l) => l >= first && l <= last);
  };
  let data: unknown;
  try {
    data = toJS();
  } catch {
    return undefined;
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  const out = data as Record<string, unknown>;
  const broken: BrokenSpans = [];
  for (const pair of root.items) {
    const key = (pair.key as { value?: unknown; range?: number[] } | null);
    const value = pair.value as { range?: number[] } | null;
    const name = String(key?.value);
    const list = isSeq(pair.value) && Array.isArray(out[name]) ? (out[name] as unknown[]) : undefined;
    if (list && isSeq(pair.value)) {
      pair.value.items.forEach((item, i) => {
        const range = (item as { range?: number[] } | null)?.range;
        if (range && inside(range)) {
          list[i] = null;
          broken.push([range[0]!, range[1]!]);
        }
      });
      continue;
    }
    const start = key?.range?.[0] ?? value?.range?.[0];
    const end = value?.range?.[1] ?? key?.range?.[1];
    if (start !== undefined && end !== undefined && inside([start, end])) {
      delete out[name];
      broken.push([start, end]);
    }
  }
  // An error outside every entry (say, at the very end) spoils nothing that can be pointed at.
  return { data: out, broken };
}
