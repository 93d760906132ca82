/**
 * A stable reference for every record and session, so approvals, links, the web page and
 * messages can name one of them.
 *
 * The ref is the record's `id:` when it has one (approve and reject pin it); otherwise it is
 * derived: 12 hex digits of a hash of the file kind, the owner (teacher or group), date, kind and
 * title, with the position among identical records of the same file for the rare exact copy.
 * It survives reordering and edits of other records; a derived ref changes when its own date,
 * kind or title changes, which is why a review writes it down as `id:` (then a teacher may retitle
 * her record and every link still holds; why add does not: docs/approval.md). Pure: no I/O.
 */
import { createHash } from "node:crypto";
import type { Activity } from "../model.js";

export type EntryKind = "record" | "session";

/** One written record or session, with its ref; a session carries one activity per member. */
export interface ReviewEntry {
  ref: string;
  /** The ref is the written `id:` (true) or derived from the fields (false). */
  pinned: boolean;
  kind: EntryKind;
  /** The teacher (record) or group (session) whose file holds it. */
  owner: string;
  file: string;
  index: number;
  line: number;
  /** The record's activity, or a session's activities (one per member on its attendance). */
  activities: Activity[];
}

const REF_RE = /^[0-9a-f]{12}$/;

/** The derived ref of a record or session; `nth` counts exact copies in the same file (1 = first). */
export function derivedRef(kind: EntryKind, owner: string, date: string, activityKind: string, title: string, nth = 1): string {
  const text = [kind, owner, date.slice(0, 10), activityKind.trim(), title.trim(), nth > 1 ? String(nth) : ""].join("\u0000");
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

/** Does this look like a derived ref (12 lowercase hex digits)? */
export function isDerivedRefShape(ref: string): boolean {
  return REF_RE.test(ref);
}

/** Minimal fields of an item needed for its ref (from a file's text or from an Activity). */
export interface RefFields {
  id?: string;
  date: string;
  kind: string;
  title: string;
}

/**
 * The refs of a file's items, in file order: `id:` where written, else derived. Copies count
 * among the un-id'd items with the same derived ref only.
 */
export function refsOfItems(kind: EntryKind, owner: string, items: readonly RefFields[]): string[] {
  const seen = new Map<string, number>();
  return items.map((it) => {
    if (it.id) return it.id;
    const base = baseRefOf(kind, owner, it);
    const nth = (seen.get(base) ?? 0) + 1;
    seen.set(base, nth);
    return nth === 1 ? base : derivedRef(kind, owner, it.date, it.kind, it.title, nth);
  });
}

interface KnownRef {
  kind: EntryKind;
  owner: string;
  date: string;
  activityKind: string;
  title: string;
  ref: string;
}

/**
 * Derived refs of items already hashed, by the item object: a loaded activity is hashed once,
 * not again on every page and every save's check that lists it. The fields are compared too,
 * so an object used with other fields (or another owner) is hashed afresh.
 */
const hashed = new WeakMap<RefFields, KnownRef>();

function baseRefOf(kind: EntryKind, owner: string, it: RefFields): string {
  const hit = hashed.get(it);
  if (hit && hit.kind === kind && hit.owner === owner && hit.date === it.date && hit.activityKind === it.kind && hit.title === it.title) return hit.ref;
  const ref = derivedRef(kind, owner, it.date, it.kind, it.title);
  hashed.set(it, { kind, owner, date: it.date, activityKind: it.kind, title: it.title, ref });
  return ref;
}

/** A written record or session, without its ref (who may review it does not depend on the ref). */
export interface WrittenEntry {
  kind: EntryKind;
  owner: string;
  file: string;
  index: number;
  activities: Activity[];
}

/** Every written record and session once: files as first met, items by index. */
export function writtenEntries(activities: readonly Activity[]): WrittenEntry[] {
  const byFile = new Map<string, Map<number, Activity[]>>();
  for (const a of activities) {
    let file = byFile.get(a.origin.file);
    if (!file) byFile.set(a.origin.file, (file = new Map()));
    const list = file.get(a.origin.index);
    if (list) list.push(a);
    else file.set(a.origin.index, [a]);
  }
  const entries: WrittenEntry[] = [];
  for (const [file, items] of byFile) {
    const ordered = [...items.entries()].sort(([x], [y]) => x - y);
    const first = ordered[0]![1][0]!;
    const kind: EntryKind = first.group !== undefined ? "session" : "record";
    const owner = kind === "session" ? first.group! : first.teacher;
    for (const [index, acts] of ordered) entries.push({ kind, owner, file, index, activities: acts });
  }
  return entries;
}

/** Every written record and session of the dataset, each once, with its ref. */
export function reviewEntries(activities: readonly Activity[]): ReviewEntry[] {
  const written = writtenEntries(activities);
  const entries: ReviewEntry[] = [];
  // A file's items are consecutive: their refs are made together (refsOfItems numbers clashes).
  for (let start = 0; start < written.length; ) {
    let end = start + 1;
    while (end < written.length && written[end]!.file === written[start]!.file) end++;
    const group = written.slice(start, end);
    const refs = refsOfItems(group[0]!.kind, group[0]!.owner, group.map((e) => e.activities[0]!));
    group.forEach((e, i) => {
      const first = e.activities[0]!;
      entries.push({ ref: refs[i]!, pinned: !!first.id, kind: e.kind, owner: e.owner, file: e.file, index: e.index, line: first.origin.line, activities: e.activities });
    });
    start = end;
  }
  return entries;
}

export type RefLookup = { ok: true; entry: ReviewEntry } | { ok: false; reason: "unknown" | "ambiguous"; candidates: ReviewEntry[] };

/** Shortest prefix accepted in place of a whole ref, like git's short hashes. */
export const MIN_PREFIX = 6;

/** The entry a ref names: exactly, or by a unique prefix of at least 6 characters. */
export function findByRef(entries: readonly ReviewEntry[], ref: string): RefLookup {
  const want = ref.trim();
  const exact = entries.filter((e) => e.ref === want);
  if (exact.length === 1) return { ok: true, entry: exact[0]! };
  if (exact.length > 1) return { ok: false, reason: "ambiguous", candidates: exact };
  if (want.length < MIN_PREFIX) return { ok: false, reason: "unknown", candidates: [] };
  const lower = want.toLowerCase();
  const prefixed = entries.filter((e) => e.ref.toLowerCase().startsWith(lower));
  if (prefixed.length === 1) return { ok: true, entry: prefixed[0]! };
  return { ok: false, reason: prefixed.length > 1 ? "ambiguous" : "unknown", candidates: prefixed };
}

/** Entries that share one ref (copied `id:`s): each such ref is reported by check. */
export function duplicateRefs(entries: readonly ReviewEntry[]): ReviewEntry[][] {
  const by = new Map<string, ReviewEntry[]>();
  for (const e of entries) {
    const list = by.get(e.ref);
    if (list) list.push(e);
    else by.set(e.ref, [e]);
  }
  return [...by.values()].filter((l) => l.length > 1);
}
