/**
 * Fixes for values typed with a Chinese input method, attached to the schema's problems: full-width
 * digits and letters (１２, ｔ０１), dates as people write them (2026/11/12, 2026.11.12, 2026年11月12日),
 * invisible characters in an id. The value is replaced in place; everything else in the file stays.
 */
import { visit } from "yaml";
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { parseLooseDate, toHalfWidth } from "../input/date.js";
import type { YamlSource } from "../repo/yaml-source.js";

/** Zero-width and other invisible characters: they make two ids that look the same differ. */
export const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The characters a value holds that cannot be seen, by code point: "U+200B". */
export function invisibleIn(value: string): string[] {
  return [...new Set(value.match(INVISIBLE) ?? [])].map(codePoint);
}

const FIXABLE = new Set(["date", "field-type", "id", "field-value", "number-format", "text-control"]);

export function attachValueFixes(source: YamlSource, problems: Problem[]): Problem[] {
  if (!source.doc || !problems.some((p) => FIXABLE.has(p.check))) return problems;
  const scalars = new Map<number, { start: number; end: number; value: string; plain: boolean }>();
  visit(source.doc, {
    Scalar(_, node) {
      if (node.range && typeof node.value === "string") {
        scalars.set(node.range[0], { start: node.range[0], end: node.range[1], value: node.value, plain: node.type === "PLAIN" });
      }
    },
  });
  const starts = [0];
  for (let nl = source.text.indexOf("\n"); nl >= 0; nl = source.text.indexOf("\n", nl + 1)) starts.push(nl + 1);
  return problems.map((p) => {
    if (!FIXABLE.has(p.check) || p.line < 1 || p.fix) return p;
    const node = scalars.get((starts[p.line - 1] ?? -1) + p.column - 1);
    if (!node) return p;
    const fixed = fixedValue(p.check, node.value);
    if (fixed === undefined || fixed === node.value) return p;
    const hidden = invisibleIn(node.value);
    const hint = hidden.length > 0
      ? msg("value-fix.hint-invisible", { chars: hidden, fixed })
      : p.check === "date"
        ? msg("value-fix.hint-date", { fixed })
        : p.hint ?? msg("value-fix.hint-half-width", { fixed });
    return { ...p, hint, fix: { range: [node.start, node.end], text: fixed } };
  });
}

function fixedValue(check: string, value: string): string | undefined {
  const clean = toHalfWidth(value.replace(INVISIBLE, "")).trim();
  if (check === "date") {
    if (!/\d{4}/.test(clean)) return undefined;
    const d = parseLooseDate(clean, "9999-12-31");
    return d.ok ? d.iso : undefined;
  }
  // Only a value that becomes plain ASCII is fixed mechanically: anything else needs a person.
  return /^[\x21-\x7e]+$/.test(clean) && clean !== value ? clean : undefined;
}
