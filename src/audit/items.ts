/**
 * The items of one record or session file at one commit, and how they changed between a
 * commit and its parent. Items are matched by date + kind + title, as the brief of the
 * audit says; an item whose key changed is paired, in order, with a new one (an edit),
 * and only what is left over counts as deleted.
 */
import { parsePlain } from "./yaml.js";
import { STATUSES } from "../schema/vocab.js";

export type Item = Record<string, unknown>;

export interface ItemFile {
  /** The `teacher:` or `group:` field, if the file has one. */
  owner?: string;
  items: Item[];
  /** The text exists but is not YAML with a list of items: its items are unknown, not gone. */
  unreadable?: boolean;
}

export function parseItemFile(text: string | undefined, kind: "records" | "sessions", chunks?: Map<string, Item | null>): ItemFile {
  if (text === undefined) return { items: [] };
  const data = (chunks && parseByItem(text, kind, chunks)) ?? (parsePlain(text) as Record<string, unknown> | null | undefined);
  if (!data || typeof data !== "object") return { items: [], unreadable: true };
  const ownerField = data[kind === "records" ? "teacher" : "group"];
  const list = data[kind];
  if (list !== undefined && list !== null && !Array.isArray(list)) return { owner: typeof ownerField === "string" ? ownerField : undefined, items: [], unreadable: true };
  const items = Array.isArray(list) ? list.filter((x): x is Item => !!x && typeof x === "object" && !Array.isArray(x)) : [];
  return { owner: typeof ownerField === "string" ? ownerField : undefined, items };
}

/**
 * A file that grows by one record per commit has n versions of up to n records: parsing
 * every version whole is quadratic. A plain block-style file is cut into its list items
 * instead, and each item text is parsed once over the whole history (`chunks`), so the
 * audit's cost grows with what changed. Anything else (anchors and aliases, which may cross
 * items, document markers, directives, flow lists) is parsed whole: undefined here.
 */
export function parseByItem(text: string, kind: "records" | "sessions", chunks: Map<string, Item | null>): Record<string, unknown> | undefined {
  if (/[&*\r]/.test(text) || /^(%|---|\.\.\.)/m.test(text)) return undefined;
  const key = new RegExp(`^${kind}:[ \\t]*(#.*)?\\r?$`, "m").exec(text);
  if (!key) return undefined;
  const bodyStart = key.index + key[0].length + 1;
  const first = /^( *)-( |\r?$)/m.exec(text.slice(bodyStart, bodyStart + 4096));
  if (!first) return undefined;
  const indent = first[1]!;
  // The list ends at the next line that starts at column 0 (a key), other than a comment or, at indent 0, an item.
  const endRe = indent === "" ? /\n(?=[^\s#-])/g : /\n(?=[^\s#])/g;
  endRe.lastIndex = bodyStart - 1;
  const end = endRe.exec(text)?.index ?? text.length;
  const body = text.slice(bodyStart, end);
  const pieces = body.split(new RegExp(`\\n(?=${indent}-(?: |\\r?\\n|\\r?$))`));
  if (!pieces[0]!.startsWith(`${indent}-`)) {
    // Blank lines and comments before the first item.
    if (!pieces[0]!.split("\n").every((l) => /^[ \t]*(#.*)?$/.test(l))) return undefined;
    pieces.shift();
  }
  const head = parsePlain(text.slice(0, bodyStart) + text.slice(end + 1)) as Record<string, unknown> | null | undefined;
  if (!head || typeof head !== "object" || head[kind] !== null) return undefined;
  const items: unknown[] = [];
  const used = new Set<Item>();
  for (const chunk of pieces) {
    let item = chunks.get(chunk);
    if (item === undefined) {
      item = parseChunk(chunk, indent);
      chunks.set(chunk, item);
    }
    if (item === null) return undefined;
    // Two equal items in one version are still two (the diff tells items apart by identity).
    items.push(used.has(item) ? { ...item } : item);
    used.add(item);
  }
  return { ...head, [kind]: items };
}

/** One list item's text: its own lines only (deeper indented, blank or comments), parsed alone. */
function parseChunk(chunk: string, indent: string): Item | null {
  const lines = chunk.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith(`${indent} `) && !/^\s*(#.*)?\r?$/.test(line)) return null;
  }
  const parsed = parsePlain(chunk);
  return Array.isArray(parsed) && parsed.length === 1 && parsed[0] && typeof parsed[0] === "object" && !Array.isArray(parsed[0]) ? (parsed[0] as Item) : null;
}

const keys = new WeakMap<Item, string>();

export function itemKey(item: Item): string {
  let k = keys.get(item);
  if (k === undefined) keys.set(item, (k = [item.date, item.kind, item.title].map((v) => String(v ?? "").trim()).join("\u0000")));
  return k;
}

export function itemLabel(item: Item): { date: string; kind: string; title: string } {
  return { date: String(item.date ?? ""), kind: String(item.kind ?? ""), title: String(item.title ?? "") };
}

/** approved / verified (审定 / 验证), whichever word the file uses. */
export function approvedStatus(item: Item | undefined): "approved" | "verified" | undefined {
  if (!item || item.status === undefined) return undefined;
  const s = STATUSES.normalize(String(item.status));
  return s === "approved" || s === "verified" ? s : undefined;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sameItem(a: Item, b: Item, ignore: readonly string[] = []): boolean {
  if (a === b) return true;
  const strip = (x: Item) => Object.fromEntries(Object.entries(x).filter(([k]) => !ignore.includes(k)));
  return canonical(strip(a)) === canonical(strip(b));
}

export interface ItemDiff {
  /** Items present before and after (same key, or paired as an edit); unchanged ones included. */
  pairs: { before: Item; after: Item }[];
  added: Item[];
  deleted: Item[];
}

export function diffItems(before: Item[], after: Item[]): ItemDiff {
  const waiting = new Map<string, Item[]>();
  for (const a of after) {
    const k = itemKey(a);
    waiting.set(k, [...(waiting.get(k) ?? []), a]);
  }
  const pairs: ItemDiff["pairs"] = [];
  const unmatchedBefore: Item[] = [];
  for (const b of before) {
    const match = waiting.get(itemKey(b))?.shift();
    if (match) pairs.push({ before: b, after: match });
    else unmatchedBefore.push(b);
  }
  const used = new Set(pairs.map((p) => p.after));
  const unmatchedAfter = after.filter((a) => !used.has(a));
  const edits = Math.min(unmatchedBefore.length, unmatchedAfter.length);
  for (let i = 0; i < edits; i++) pairs.push({ before: unmatchedBefore[i]!, after: unmatchedAfter[i]! });
  return { pairs, added: unmatchedAfter.slice(edits), deleted: unmatchedBefore.slice(edits) };
}
