/**
 * Naming one of my own records from the web page so that a save can never touch the wrong
 * one: by its stable ref (src/approval/ref.ts), found again in the file as read under its lock,
 * plus a version of what the page showed, so a record changed meanwhile (by a hand edit, a
 * `git pull`, another tab) is refused instead of withdrawn or overwritten. An index into the
 * file's list would shift when an earlier record goes; the ref does not. Pure.
 */
import { createHash } from "node:crypto";
import { parse } from "yaml";
import type { Activity } from "../model.js";
import { refsOfItems } from "../approval/ref.js";

/**
 * A short hash of the record as loaded (every field but where it stands), so the page and the
 * save can tell whether it is still the record the person saw. Keys are sorted: the fast and the
 * full reader may build the same record in a different key order.
 */
export function recordVersion(a: Activity): string {
  const { origin: _where, ...fields } = a;
  return createHash("sha256").update(canonical(fields)).digest("hex").slice(0, 16);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

export type Located =
  | { ok: true; at: number; item: Record<string, unknown> }
  | { ok: false; reason: "unparsable" | "not-yours" | "unknown-ref" };

/** The item of `owner`'s record file `text` whose ref is `ref` (exactly one), and its index. Pure. */
export function locateOwnItem(text: string, owner: string, ref: string): Located {
  let data: Record<string, unknown> | null;
  try {
    data = parse(text.replace(/^\uFEFF/, ""), { version: "1.2", uniqueKeys: true }) as Record<string, unknown> | null;
  } catch {
    return { ok: false, reason: "unparsable" };
  }
  const items = data?.records;
  if (!data || typeof data !== "object" || !Array.isArray(items)) return { ok: false, reason: "unparsable" };
  if (data.teacher !== owner) return { ok: false, reason: "not-yours" };
  const refs = refsOfItems("record", owner, items.map((it: Record<string, unknown> | null) => ({
    id: typeof it?.id === "string" ? it.id : undefined, date: String(it?.date ?? "").slice(0, 10), kind: String(it?.kind ?? ""), title: String(it?.title ?? ""),
  })));
  const at = refs.indexOf(ref);
  if (at < 0 || refs.indexOf(ref, at + 1) >= 0) return { ok: false, reason: "unknown-ref" };
  const item = items[at] as Record<string, unknown> | null;
  if (!item || typeof item !== "object" || Array.isArray(item)) return { ok: false, reason: "unknown-ref" };
  return { ok: true, at, item };
}
