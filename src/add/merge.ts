/**
 * Adding one item to a record or session file's list without disturbing anything already
 * written: every comment, blank line, quote style and line ending survives, byte for byte.
 * Pure: text in, text out (or a refusal saying why).
 */
import { isDeepStrictEqual } from "node:util";
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, type Pair } from "yaml";
import { fastParseYaml, type ReadText } from "../repo/fast-yaml.js";
import { plainItemLines } from "./item-lines.js";

export type ListKey = "records" | "sessions";
export type OwnerKey = "teacher" | "group";

export interface MergeTarget {
  listKey: ListKey;
  ownerKey: OwnerKey;
  owner: string;
  /** First line of a new file (without "# "). */
  headerComment?: string;
}

export type MergeResult =
  /** `read`: the new text as the fast reader read it (appendPlain reads it anyway), so a caller need not read it again. */
  | { ok: true; text: string; how: "new" | "document" | "append"; read?: ReadText }
  | { ok: false; reason: "unparsable" | "not-a-record-file" | "owner-mismatch" | "would-reformat"; found?: string };

const PARSE = { version: "1.2", uniqueKeys: true, strict: true } as const;

/** The text of a new file holding just this item. */
export function newFileText(target: MergeTarget, item: Record<string, unknown>): string {
  const doc = new Document({ [target.ownerKey]: target.owner, [target.listKey]: [item] });
  styleItem(doc);
  return (target.headerComment ? `# ${target.headerComment}\n` : "") + doc.toString(render(2, true));
}

/** A text and its data as already read (the web server holds every file of the school read). */
export interface KnownData {
  text: string;
  data: Record<string, unknown>;
}

/**
 * Add `item` at the end of the file's list; `text` is the file as read (BOM and CRLF allowed).
 * `known`: its data, when the caller has read it (used only if of this very text).
 */
export function mergeItem(text: string, target: MergeTarget, item: Record<string, unknown>, known?: KnownData): MergeResult {
  return appendPlain(text, target, item, known) ?? mergeDocument(text, target, item);
}

/**
 * The common case without the full parser (the web server appends to thousands of such files):
 * a plain file the fast reader takes (src/repo/fast-yaml.ts), its owner right, its non-empty list
 * its last block and its last line part of the list's last item. The item's lines follow the
 * list, exactly as mergeDocument writes them there (test: src/add/merge-plain.test.ts), and the
 * result is read back with the fast reader and must hold the old data plus the item.
 * Undefined: anything else, for mergeDocument.
 */
export function appendPlain(text: string, target: MergeTarget, item: Record<string, unknown>, known?: KnownData): MergeResult | undefined {
  if (!text.endsWith("\n")) return undefined;
  // The data as already read needs no second reading: the result is read back and compared below whatever it came from.
  const before = known?.text === text ? known : fastParseYaml(text);
  if (!before) return undefined;
  const list = before.data[target.listKey];
  if (before.data[target.ownerKey] !== target.owner || !Array.isArray(list) || list.length === 0) return undefined;
  const lines = text.slice(0, -1).split("\n");
  const last = lines.at(-1)!;
  if (!/^ *(- )?[^\s#]/.test(last) || /^[^\s-]/.test(last)) return undefined;
  let top = lines.length - 1;
  while (top >= 0 && !/^[^\s#-]/.test(lines[top]!)) top--;
  if (top < 0 || !lines[top]!.startsWith(`${target.listKey}:`)) return undefined;
  const { seqIndent, indent } = detectIndent(lines, target.listKey);
  const itemLines = (plainItemLines(item) ?? libraryItemText(item, indent)).replace(/\n$/, "").split("\n").map((l) => " ".repeat(seqIndent) + l);
  const result = text + itemLines.join("\n") + "\n";
  const after = fastParseYaml(result);
  if (!after || !isDeepStrictEqual(after.data, { ...before.data, [target.listKey]: [...list, item] })) return undefined;
  return { ok: true, text: result, how: "append", read: { text: result, parse: after } };
}

/** mergeItem through the full parser's document: every file it can add to without changing what is there. */
export function mergeDocument(text: string, target: MergeTarget, item: Record<string, unknown>): MergeResult {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = text.slice(bom.length);
  const crlf = (body.match(/\r\n/g)?.length ?? 0) * 2 > (body.match(/\n/g)?.length ?? 0);
  const rawLines = body.split("\n");
  const lines = rawLines.map((l) => l.replace(/\r$/, ""));
  const lf = lines.join("\n");

  const doc = parseDocument(lf, PARSE);
  if (doc.errors.length > 0) return { ok: false, reason: "unparsable" };
  const before = doc.toJS() as Record<string, unknown> | null;
  if (!isMap(doc.contents) || !before || typeof before !== "object") return { ok: false, reason: "not-a-record-file" };
  if (before[target.ownerKey] !== target.owner) {
    return { ok: false, reason: "owner-mismatch", found: before[target.ownerKey] === undefined ? undefined : String(before[target.ownerKey]) };
  }
  const listPair = doc.contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === target.listKey) as Pair | undefined;
  const list = listPair?.value;
  if (list !== undefined && list !== null && !isSeq(list) && !(isScalar(list) && list.value === null)) {
    return { ok: false, reason: "not-a-record-file" };
  }
  const expected = { ...before, [target.listKey]: [...((before[target.listKey] as unknown[] | null) ?? []), item] };
  const { seqIndent, indent } = detectIndent(lines, target.listKey);

  // First choice: the Document API, accepted only if every original line comes back unchanged.
  const node = doc.createNode(item);
  if (isSeq(list) && (!list.flow || list.items.length > 0)) list.items.push(node);
  else doc.set(target.listKey, doc.createNode([item]));
  styleItem(doc);
  const out = doc.toString(render(indent, seqIndent > 0));
  const spliced = spliceLines(lines, out.split("\n"));
  if (spliced) {
    const result = assemble(bom, rawLines, spliced.at, spliced.inserted, crlf);
    if (parsesTo(result, expected)) return { ok: true, text: result, how: "document" };
  }

  // Fallback: the list is the file's last block, so the item's text can simply follow it.
  const lastPair = doc.contents.items.at(-1);
  if (lastPair === listPair && (!isSeq(list) || !list.flow)) {
    const eol = crlf ? "\r\n" : "\n";
    const pad = " ".repeat(isSeq(list) && list.items.length > 0 ? seqIndent : Math.max(seqIndent, 2));
    const itemDoc = new Document([item]);
    styleItem(itemDoc);
    const itemLines = itemDoc.toString(render(indent, false)).replace(/\n$/, "").split("\n").map((l) => pad + l);
    const sep = body === "" || body.endsWith("\n") ? "" : eol;
    const result = bom + body + sep + itemLines.join(eol) + eol;
    if (parsesTo(result, expected)) return { ok: true, text: result, how: "append" };
  }
  return { ok: false, reason: "would-reformat" };
}

function render(indent: number, indentSeq: boolean) {
  return { indent, indentSeq, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;
}

/** Short lists (evidence) read best on one line: `evidence: [a.pdf, b.jpg]`. */
function styleItem(doc: Document): void {
  const visit = (node: unknown): void => {
    if (isMap(node)) for (const p of node.items) {
      if (isScalar(p.key) && p.key.value === "evidence" && isSeq(p.value)) p.value.flow = true;
      else visit(p.value);
    }
    if (isSeq(node)) for (const i of node.items) visit(i);
  };
  visit(doc.contents);
}

/** How the file indents its list items and their fields, so new lines look like the old ones. */
function detectIndent(lines: string[], listKey: string): { seqIndent: number; indent: number } {
  const start = lines.findIndex((l) => l.startsWith(`${listKey}:`));
  for (let i = start + 1; start >= 0 && i < lines.length; i++) {
    const m = /^( *)- /.exec(lines[i]!);
    if (m) {
      const seqIndent = m[1]!.length;
      const next = lines[i + 1] ? /^( *)\S/.exec(lines[i + 1]!) : null;
      const fieldCol = next ? next[1]!.length - seqIndent : 2;
      return { seqIndent, indent: seqIndent > 0 ? seqIndent : fieldCol >= 2 && fieldCol <= 8 ? fieldCol : 2 };
    }
    if (/^\S/.test(lines[i]!)) break;
  }
  return { seqIndent: 2, indent: 2 };
}

/** The new lines are the old ones with one block inserted somewhere: where, and what? */
export function spliceLines(old: string[], next: string[]): { at: number; inserted: string[] } | undefined {
  let p = 0;
  while (p < old.length && p < next.length && old[p] === next[p]) p++;
  let s = 0;
  while (s < old.length - p && s < next.length - p && old[old.length - 1 - s] === next[next.length - 1 - s]) s++;
  if (p + s !== old.length) return undefined;
  return { at: p, inserted: next.slice(p, next.length - s) };
}

/** Original raw lines untouched (each keeps its own ending), inserted lines in the file's style. */
function assemble(bom: string, rawLines: string[], at: number, inserted: string[], crlf: boolean): string {
  const cr = crlf ? "\r" : "";
  const head = rawLines.slice(0, at);
  const tail = rawLines.slice(at);
  // An old last line without a newline gets one, in the file's style.
  if (tail.length === 0 && head.length > 0 && crlf && !head[head.length - 1]!.endsWith("\r")) head[head.length - 1] += cr;
  const mid = inserted.map((l, i) => (tail.length === 0 && i === inserted.length - 1 && l === "" ? "" : l + cr));
  return bom + [...head, ...mid, ...tail].join("\n");
}

function parsesTo(text: string, expected: unknown): boolean {
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), PARSE);
  return doc.errors.length === 0 && isDeepStrictEqual(doc.toJS(), expected);
}

/** The item's lines as the yaml library writes them (plainItemLines writes the same for plain values, faster). */
export function libraryItemText(item: Record<string, unknown>, indent: number): string {
  const itemDoc = new Document([item]);
  styleItem(itemDoc);
  return itemDoc.toString(render(indent, false));
}

/** The item as it reads in a file's list, for showing the user ("- date: …"). */
export function itemText(item: Record<string, unknown>): string {
  const doc = new Document([item]);
  styleItem(doc);
  return doc.toString(render(2, false));
}
