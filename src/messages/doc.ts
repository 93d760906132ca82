/**
 * The catalogue as docs/check.md shows it: every message rendered from its example, in both
 * languages. A test keeps docs/check.md equal to this; `npm run docs:messages` rewrites it.
 */
import type { Entry } from "./catalogue.js";
import { CATALOGUE } from "./index.js";

export const DOC_START = "<!-- messages:start -->";
export const DOC_END = "<!-- messages:end -->";

const cell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

export function catalogueMarkdown(): string {
  const rows = Object.entries(CATALOGUE as Record<string, Entry<unknown>>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, e]) => `| \`${id}\` | ${cell(e.zh(e.example))} | ${cell(e.en(e.example))} |`);
  return [DOC_START, "", "| id | 中文 | English |", "|---|---|---|", ...rows, "", DOC_END].join("\n");
}

/** The document with its generated section replaced (or appended when it has none). */
export function withCatalogue(doc: string): string {
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) return `${doc.replace(/\n*$/, "\n\n")}${catalogueMarkdown()}\n`;
  return doc.slice(0, start) + catalogueMarkdown() + doc.slice(end + DOC_END.length);
}
