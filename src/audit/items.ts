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

export function parseItemFile(text: string | undefined, kind: "records" | "sessions"): ItemFile {
  if (text === undefined) return { items: [] };
  const data = parsePlain(text) as Record<string, unknown> | null | undefined;
  if (!data || typeof data !== "object") return { items: [], unreadable: true };
  const ownerField = data[kind === "records" ? "teacher" : "group"];
  const list = data[kind];
  if (list !== undefined && list !== null && !Array.isArray(list)) return { owner: typeof ownerField === "string" ? ownerField : undefined, items: [], unreadable: true };
  const items = Array.isArray(list) ? list.filter((x): x is Item => !!x && typeof x === "object" && !Array.isArray(x)) : [];
  return { owner: typeof ownerField === "string" ? ownerField : undefined, items };
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
