/**
 * Editing one of my own records from the web page. The record is found by its stable ref in
 * the file as read under the lock (so a record moved or changed meanwhile is noticed), then the
 * form's fields (the kind too, dropping what the old kind had and the new one has not) and
 * its evidence (files taken off, files added) are set in place by the approval core's field
 * edit (src/approval/edit.ts), which keeps every other byte, comments inside the record included. Its review fields go, so a
 * returned (退回) record is 录入 again and waits for review, and a derived ref is pinned as `id:`
 * so links to the record still hold after its title or date changes. An approved (审定/验证)
 * record is refused, unless an edit by hand already lapsed its review. Pure: text in, text out.
 */
import { isDeepStrictEqual } from "node:util";
import { editItemFields, type FieldChanges } from "../approval/edit.js";
import { sealOwner } from "../approval/apply.js";
import { recordSchema } from "../schema/files.js";
import { contentSeal, REVIEW_FIELDS } from "../schema/seal.js";
import { ACTIVITY_ROLES, AWARDS, LEVELS, STAGES, STATUSES } from "../schema/vocab.js";
import { locateOwnItem } from "./own-record.js";

/** The fields the edit form owns; anything else in the record (evidence, ref, content) stays. */
export const EDITABLE_FIELDS = ["date", "kind", "title", "level", "award", "role", "stage", "hours", "count", "words", "score", "notes"] as const;

const VOCABS: Record<string, { normalize: (w: string) => string | undefined }> = { level: LEVELS, award: AWARDS, role: ACTIVITY_ROLES, stage: STAGES };

export type EditRefusal = "unparsable" | "not-yours" | "unknown-ref" | "approved" | "changed" | "no-such-evidence" | "would-reformat";

export type EditOutcome = { ok: true; text: string } | { ok: false; reason: EditRefusal };

/** Is a record with this written status and seal still approved (审定 or 验证, review not lapsed)? */
export function isApprovedItem(owner: string, item: Record<string, unknown>): boolean {
  const status = typeof item.status === "string" ? (STATUSES.normalize(item.status) ?? item.status) : "draft";
  if (status !== "approved" && status !== "verified") return false;
  if (typeof item.seal !== "string") return true;
  const parsed = recordSchema.safeParse(item);
  return !parsed.success || contentSeal(sealOwner("record", owner), parsed.data as Record<string, unknown>) === item.seal;
}

/** The same value as far as the file's meaning goes (区级 and district are one level). */
function sameValue(field: string, before: unknown, after: unknown): boolean {
  // No count means 1 (the form leaves it empty then): a written `count: 1` stays as it is.
  if (field === "count") return isDeepStrictEqual(before ?? 1, after ?? 1);
  if (before === undefined || after === undefined) return before === after;
  const vocab = VOCABS[field];
  if (vocab && typeof before === "string" && typeof after === "string") return (vocab.normalize(before) ?? before) === (vocab.normalize(after) ?? after);
  if (field === "date") return String(before).slice(0, 10) === String(after);
  return isDeepStrictEqual(before, after);
}

/**
 * Set the form's fields (`fields`: the record as add would build it; a field it lacks is
 * removed) on the record `ref` of `owner`'s file `text`.
 */
export interface EditOptions {
  /** Evidence files (repo paths) to take off the record, and new ones to add to it. */
  evidence?: { remove: string[]; add: string[] };
  /** The version the page showed, and the current version of item `at`: a mismatch refuses. */
  seen?: Seen;
}

export interface Seen {
  version: string;
  versionAt: (at: number) => string | undefined;
}

/**
 * Set the form's fields (`fields`: the record as add would build it, kind included; a field it
 * lacks is removed, so a new kind drops the old kind's level or count) on the record `ref` of
 * `owner`'s file `text`, with its evidence changed as asked.
 */
export function editOwnRecord(text: string, owner: string, ref: string, fields: Record<string, unknown>, opts: EditOptions = {}): EditOutcome {
  const found = locateOwnItem(text, owner, ref);
  if (!found.ok) return found;
  const { at, item } = found;
  if (isApprovedItem(owner, item)) return { ok: false, reason: "approved" };
  if (opts.seen && opts.seen.versionAt(at) !== opts.seen.version) return { ok: false, reason: "changed" };

  const changes: FieldChanges = {};
  for (const f of EDITABLE_FIELDS) {
    const next = fields[f] as string | number | undefined;
    if (!sameValue(f, item[f], next)) changes[f] = next;
  }
  if (opts.evidence) {
    const current = evidenceList(item.evidence);
    const { remove, add } = opts.evidence;
    if (remove.some((e) => !current.includes(e))) return { ok: false, reason: "no-such-evidence" };
    const next = [...current.filter((e) => !remove.includes(e)), ...add];
    if (!isDeepStrictEqual(next, current)) changes.evidence = next.length === 0 ? undefined : next.length === 1 ? next[0] : next;
  }
  for (const f of REVIEW_FIELDS) if (f in item) changes[f] = undefined;
  if (typeof item.id !== "string") changes.id = ref;
  const edited = editItemFields(text, "records", at, changes);
  return edited.ok ? edited : { ok: false, reason: edited.reason === "would-reformat" ? "would-reformat" : "unparsable" };
}

/** A record's evidence as written: one path or a list. */
export function evidenceList(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.map((e) => String(e).trim()).filter(Boolean);
}
