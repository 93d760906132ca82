/**
 * Changing some fields of one item of a record or session file in place, keeping every other
 * byte: comments, blank lines, quoting, key order, CRLF line ends and a BOM. A field that exists
 * has its value replaced where it stands; a new one is added as the item's last field, indented
 * like the others; `undefined` removes a field's line; a list of strings is written as a block
 * list under its key (a flow list inside a flow item). The result is parsed back and refused
 * unless it means exactly the old data with these changes. Pure: text in, text out.
 */
import { isDeepStrictEqual } from "node:util";
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from "yaml";

export type FieldChanges = Record<string, string | number | string[] | undefined>;

export type EditResult =
  | { ok: true; text: string }
  | { ok: false; reason: "unparsable" | "no-such-item" | "not-a-map" | "would-reformat" };

const PARSE = { version: "1.2", uniqueKeys: true, strict: true } as const;

/** Set (or with undefined, remove) fields of item `index` of the file's `listKey` list. */
export function editItemFields(text: string, listKey: "records" | "sessions", index: number, changes: FieldChanges): EditResult {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  let body = text.slice(bom.length);
  const doc = parseDocument(body, PARSE);
  if (doc.errors.length > 0) return { ok: false, reason: "unparsable" };
  const before = doc.toJS() as Record<string, unknown> | null;
  const list = before && typeof before === "object" ? before[listKey] : undefined;
  if (!Array.isArray(list) || index < 0 || index >= list.length) return { ok: false, reason: "no-such-item" };
  const item = list[index];
  if (!item || typeof item !== "object" || Array.isArray(item)) return { ok: false, reason: "not-a-map" };
  const expectedItem: Record<string, unknown> = { ...(item as Record<string, unknown>) };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete expectedItem[k];
    else expectedItem[k] = v;
  }
  const expected = { ...before, [listKey]: list.map((x, i) => (i === index ? expectedItem : x)) };
  const eol = /\r\n/.test(body) ? "\r\n" : "\n";

  // One change at a time, each on a fresh parse, so the offsets are always those of the text.
  for (const [key, value] of Object.entries(changes)) {
    const node = itemNode(body, listKey, index);
    if (!node) return { ok: false, reason: "would-reformat" };
    const next = value === undefined ? removeField(body, node, key) : setField(body, node, key, value, eol);
    if (next === undefined) return { ok: false, reason: "would-reformat" };
    body = next;
  }
  const out = bom + body;
  const check = parseDocument(body, PARSE);
  if (check.errors.length > 0 || !isDeepStrictEqual(check.toJS(), expected)) return { ok: false, reason: "would-reformat" };
  return { ok: true, text: out };
}

function itemNode(body: string, listKey: string, index: number): YAMLMap | undefined {
  const doc = parseDocument(body, PARSE);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const seq = doc.contents.get(listKey, true);
  if (!isSeq(seq)) return undefined;
  const item = seq.items[index];
  return isMap(item) ? item : undefined;
}

/** A scalar as YAML writes it on one line (quoted when it must be: "123", "yes", "a: b"). */
function scalarText(value: string | number): string {
  return new Document(value).toString({ lineWidth: 0 }).replace(/\n$/, "");
}

function pairOf(node: YAMLMap, key: string): Pair | undefined {
  return node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

function lineStart(body: string, at: number): number {
  return body.lastIndexOf("\n", at - 1) + 1;
}

function lineEnd(body: string, at: number): number {
  const n = body.indexOf("\n", at);
  return n < 0 ? body.length : n;
}

function setField(body: string, node: YAMLMap, key: string, value: string | number | string[], eol: string): string | undefined {
  if (Array.isArray(value)) return setList(body, node, key, value, eol);
  const text = scalarText(value);
  const pair = pairOf(node, key);
  if (pair && isSeq(pair.value)) return replaceValue(body, pair, ` ${text}`);
  if (pair) {
    const v = pair.value;
    if (isScalar(v) && v.range) return body.slice(0, v.range[0]) + text + body.slice(v.range[1]);
    // `key:` with nothing after it: the value goes after the colon.
    const k = pair.key as { range?: [number, number, number] };
    if (v === null && k.range) {
      const colon = body.indexOf(":", k.range[1]);
      return colon < 0 ? undefined : body.slice(0, colon + 1) + " " + text + body.slice(colon + 1);
    }
    return undefined;
  }
  if (node.flow) return insertFlow(body, node, `${key}: ${text}`);
  return appendLine(body, node, `${key}: ${text}`, eol);
}

/** A new last field of a block item: after the line holding the end of its last value, at its fields' column. */
function appendLine(body: string, node: YAMLMap, line: string, eol: string): string | undefined {
  const first = node.items[0];
  const last = node.items.at(-1);
  const firstKey = first?.key as { range?: [number, number, number] } | undefined;
  if (!last || !firstKey?.range) return undefined;
  const column = firstKey.range[0] - lineStart(body, firstKey.range[0]);
  const lastEnd = endOfPair(last);
  if (lastEnd === undefined) return undefined;
  // After the line holding the end of the last field's value (a trailing comment stays there).
  const end = lineEnd(body, Math.max(lastEnd - 1, 0));
  const lineText = " ".repeat(column) + line.split("\n").join(eol + " ".repeat(column));
  if (end === body.length) return body + (body.endsWith("\n") || body === "" ? "" : eol) + lineText + (body.endsWith("\n") ? eol : "");
  const cr = body[end - 1] === "\r" ? 1 : 0;
  return body.slice(0, end - cr) + eol + lineText + body.slice(end - cr);
}

/** Where a pair's text ends (its value, or its key when it has none). */
function endOfPair(p: unknown): number | undefined {
  if (!isPair(p)) return undefined;
  const v = p.value as { range?: [number, number, number] } | null;
  if (v?.range) return v.range[1];
  return (p.key as { range?: [number, number, number] } | null)?.range?.[1];
}

function removeField(body: string, node: YAMLMap, key: string): string | undefined {
  const pair = pairOf(node, key);
  if (!pair) return body;
  const k = pair.key as { range?: [number, number, number] };
  const end = endOfPair(pair);
  if (!k.range || end === undefined) return undefined;
  if (node.flow) {
    const i = node.items.indexOf(pair);
    if (i > 0) {
      const prevEnd = endOfPair(node.items[i - 1]);
      return prevEnd === undefined ? undefined : body.slice(0, prevEnd) + body.slice(end);
    }
    const next = node.items[1]?.key as { range?: [number, number, number] } | undefined;
    return body.slice(0, k.range[0]) + body.slice(next?.range ? next.range[0] : end);
  }
  // The first field shares its line with the list's dash: that line cannot simply go.
  if (node.items[0] === pair) return undefined;
  const start = lineStart(body, k.range[0]);
  if (body.slice(start, k.range[0]).trim() !== "") return undefined;
  const stop = lineEnd(body, Math.max(end - 1, k.range[0]));
  return body.slice(0, start) + body.slice(stop === body.length ? stop : stop + 1);
}

/** The column of a block item's fields (that of its first key). */
function fieldColumn(body: string, node: YAMLMap): number | undefined {
  const firstKey = node.items[0]?.key as { range?: [number, number, number] } | undefined;
  return firstKey?.range ? firstKey.range[0] - lineStart(body, firstKey.range[0]) : undefined;
}

/** Everything after the pair's colon up to the end of its value, replaced by `text`. */
function replaceValue(body: string, pair: Pair, text: string): string | undefined {
  const k = pair.key as { range?: [number, number, number] } | null;
  let end = endOfPair(pair);
  if (!k?.range || end === undefined) return undefined;
  // A block list's range runs to the start of the next line: its line end stays.
  while (end > k.range[1] && /[\r\n ]/.test(body[end - 1]!)) end--;
  const colon = body.indexOf(":", k.range[1]);
  if (colon < 0 || colon > end) return undefined;
  return body.slice(0, colon + 1) + text + body.slice(Math.max(end, colon + 1));
}

/**
 * A list of strings: a block list two columns in from its key (as add writes it), or a flow
 * list when the item or the old value is written in flow style. Comments between the old
 * list's entries go with them; the lines around stay.
 */
function setList(body: string, node: YAMLMap, key: string, values: string[], eol: string): string | undefined {
  const flow = `[${values.map(scalarText).join(", ")}]`;
  const pair = pairOf(node, key);
  if (node.flow) return pair ? replaceValue(body, pair, ` ${flow}`) : insertFlow(body, node, `${key}: ${flow}`);
  const column = fieldColumn(body, node);
  if (column === undefined) return undefined;
  const items = values.map((v) => `  - ${scalarText(v)}`);
  if (!pair) return appendLine(body, node, [`${key}:`, ...items].join("\n"), eol);
  if (isSeq(pair.value) && pair.value.flow) return replaceValue(body, pair, ` ${flow}`);
  return replaceValue(body, pair, items.map((i) => eol + " ".repeat(column) + i).join(""));
}

function insertFlow(body: string, node: YAMLMap, text: string): string | undefined {
  if (!node.range) return undefined;
  const close = body.lastIndexOf("}", node.range[1]);
  if (close < 0) return undefined;
  let at = close;
  while (at > 0 && body[at - 1] === " ") at--;
  return body.slice(0, at) + `${node.items.length > 0 ? ", " : ""}${text}` + body.slice(at);
}
