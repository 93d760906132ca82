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
  if (/[&*]/.test(text) || /^(%|---|\.\.\.)/m.test(text)) return undefined;
  const lines = text.split("\n");
  const keyLine = lines.findIndex((l) => new RegExp(`^${kind}:[ \\t]*(#.*)?\\r?$`).test(l));
  if (keyLine < 0) return undefined;
  const blank = (l: string) => /^\s*(#.*)?\r?$/.test(l);
  let i = keyLine + 1;
  while (i < lines.length && blank(lines[i]!)) i++;
  const first = /^( *)-( |\r?$)/.exec(lines[i] ?? "");
  if (!first) return undefined;
  const indent = first[1]!;
  const start = new RegExp(`^${indent}-( |\\r?$)`);
  const pieces: string[][] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (start.test(line)) pieces.push([line]);
    else if (blank(line) || (line.startsWith(indent + " ") && !/^\S/.test(line))) pieces[pieces.length - 1]!.push(line);
    else if (/^\S/.test(line)) break; // the next top-level key
    else return undefined;
  }
  const head = parsePlain([...lines.slice(0, keyLine + 1), ...lines.slice(i)].join("\n")) as Record<string, unknown> | null | undefined;
  if (!head || typeof head !== "object" || head[kind] !== null) return undefined;
  const items: unknown[] = [];
  for (const piece of pieces) {
    const chunk = piece.join("\n");
    let item = chunks.get(chunk);
    if (item === undefined) {
      const parsed = parsePlain(chunk);
      item = Array.isArray(parsed) && parsed.length === 1 ? (parsed[0] as Item) : null;
      chunks.set(chunk, item);
    }
    if (item === null) return undefined;
    // A copy: two equal items are still two (the diff tells items apart by identity).
    items.push({ ...item });
  }
  return { ...head, [kind]: items };
}

export function itemKey(item: Item): string {
  return [item.date, item.kind, item.title].map((v) => String(v ?? "").trim()).join("\u0000");
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
