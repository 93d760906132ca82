/**
 * Taking one item out of a record file's list without touching any other byte: the item's
 * lines are cut out, and the result is accepted only if it reads back as the same file less
 * that item (otherwise the caller refuses). Pure: text in, text out.
 */
import { isDeepStrictEqual } from "node:util";
import { isMap, isPair, isScalar, isSeq, parseDocument, type Pair } from "yaml";
import { isApprovedItem, type EditOutcome, type Seen } from "./edit-record.js";
import { locateOwnItem } from "./own-record.js";

const PARSE = { version: "1.2", uniqueKeys: true } as const;

export interface Expected {
  date: string;
  title: string;
}

export function removeItem(text: string, listKey: "records" | "sessions", index: number, expected: Expected): { ok: true; text: string } | { ok: false } {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = text.slice(bom.length);
  const doc = parseDocument(body, PARSE);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { ok: false };
  const pair = doc.contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === listKey) as Pair | undefined;
  const seq = pair?.value;
  if (!isSeq(seq) || seq.flow || index < 0 || index >= seq.items.length) return { ok: false };
  const before = doc.toJS() as Record<string, unknown>;
  const list = before[listKey] as Record<string, unknown>[];
  const item = list[index];
  // The item must still be the one the person saw (the file may have changed since).
  if (!item || String(item.date).slice(0, 10) !== expected.date || String(item.title).trim() !== expected.title.trim()) return { ok: false };
  const node = seq.items[index] as { range?: [number, number, number] };
  const next = seq.items[index + 1] as { range?: [number, number, number] } | undefined;
  if (!node.range) return { ok: false };
  const lineStart = (at: number) => body.lastIndexOf("\n", at - 1) + 1;
  const from = lineStart(node.range[0]);
  const to = next?.range ? lineStart(next.range[0]) : Math.max(from, lineStart(node.range[2]) === node.range[2] ? node.range[2] : body.indexOf("\n", node.range[2] - 1) + 1 || body.length);
  const out = body.slice(0, from) + body.slice(to);
  const expectedAfter = { ...before, [listKey]: list.filter((_, i) => i !== index) };
  const check = parseDocument(out, PARSE);
  const got = check.toJS() as Record<string, unknown> | null;
  // An emptied list reads back as null; that is the same file less the item.
  const same = check.errors.length === 0 && got !== null && (isDeepStrictEqual(got, expectedAfter) || (list.length === 1 && got[listKey] === null && isDeepStrictEqual({ ...got, [listKey]: [] }, expectedAfter)));
  return same ? { ok: true, text: bom + out } : { ok: false };
}

/**
 * Withdraw my record `ref` from my file `text`: refused when it is gone, approved, or no longer
 * the version the page showed (`seen`); never another record in its place.
 */
export function withdrawOwnRecord(text: string, owner: string, ref: string, seen: Seen): EditOutcome {
  const found = locateOwnItem(text, owner, ref);
  if (!found.ok) return found;
  if (isApprovedItem(owner, found.item)) return { ok: false, reason: "approved" };
  if (seen.versionAt(found.at) !== seen.version) return { ok: false, reason: "changed" };
  const removed = removeItem(text, "records", found.at, { date: String(found.item.date).slice(0, 10), title: String(found.item.title) });
  return removed.ok ? removed : { ok: false, reason: "would-reformat" };
}
