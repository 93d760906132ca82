/**
 * The lines of one new list item (`- date: …`, `  kind: …`), written by hand for the values the
 * web form gives, byte for byte what the yaml library writes with merge.ts's settings: a save
 * appends one item to a file of thousands, and the library's Document cost as much as the rest
 * of the append. Only values whose writing is certain are taken (plain strings, dates, plain
 * numbers, a flow list of plain paths); anything else answers undefined and the library writes
 * the item. Test: src/add/item-lines.test.ts compares both on generated items.
 */

/** true, false, null and ~ in any case: the library quotes them (and YAML 1.1 readers would not take them as text). */
const RESERVED = /^(true|false|null|~)$/i;
/** Letters and digits of any script, the space, and punctuation that is plain text anywhere in a block scalar. */
const BLOCK_CHARS = /^[\p{L}\p{N} \-_./()+=,!?'"&%\u00B7\u2010-\u2027\u3001-\u303F\uFF01-\uFF5E]+$/u;
/** In a flow list (evidence: [a, b]) a comma ends the value. */
const FLOW_CHARS = /^[\p{L}\p{N} \-_./()+=!?&%\u00B7\u2010-\u2027\u3001-\u303F\uFF01-\uFF5E]+$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z][a-z_-]*$/;

/** The item as `- key: value` lines (each ending in "\n"), or undefined when only the library can be trusted with it. */
export function plainItemLines(item: Record<string, unknown>): string | undefined {
  let out = "";
  let first = true;
  for (const key of Object.keys(item)) {
    if (!KEY.test(key) || RESERVED.test(key)) return undefined;
    const text = valueText(key, item[key]);
    if (text === undefined) return undefined;
    out += `${first ? "- " : "  "}${key}: ${text}\n`;
    first = false;
  }
  return first ? undefined : out;
}

function valueText(key: string, value: unknown): string | undefined {
  if (typeof value === "string") return plainString(value, BLOCK_CHARS);
  if (typeof value === "number") return Object.is(value, -0) || !/^\d+(\.\d+)?$/.test(String(value)) ? undefined : String(value);
  if (key === "evidence" && Array.isArray(value) && value.length > 0) {
    const parts = value.map((v) => (typeof v === "string" ? plainString(v, FLOW_CHARS) : undefined));
    return parts.every((p) => p !== undefined) ? `[${parts.join(", ")}]` : undefined;
  }
  return undefined;
}

/**
 * A string written as it is: a date, or text of safe characters that starts with a letter (or
 * with a digit when a letter outside ASCII follows, so it can be no number), without a space at
 * either end.
 */
function plainString(s: string, chars: RegExp): string | undefined {
  if (DATE.test(s)) return s;
  if (!chars.test(s) || s.startsWith(" ") || s.endsWith(" ") || RESERVED.test(s)) return undefined;
  if (/^\p{L}/u.test(s)) return s;
  if (/^\p{N}/u.test(s) && /[^\x00-\x7F]/.test(s) && /\p{L}/u.test(s.replace(/[A-Za-z]/g, ""))) return s;
  return undefined;
}
