/**
 * Writing reviews into a record or session file's text: find each item by its ref, then set
 * status, approver, the date, the reason (on return) and the seal, and pin the ref as `id:` when
 * it was derived. Runs on the file as read under its lock, so a record moved or removed since the
 * review was planned is noticed. Pure: text in, text out.
 */
import { parse } from "yaml";
import { recordSchema, sessionSchema } from "../schema/files.js";
import { contentSeal } from "../schema/seal.js";
import { STATUSES } from "../schema/vocab.js";
import { editItemFields, type FieldChanges } from "./edit.js";
import { refsOfItems, type EntryKind } from "./ref.js";

export interface ReviewWrite {
  ref: string;
  status: "approved" | "verified" | "rejected";
  /** Roster id of who approves, verifies or returns. */
  approver: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Required when returning. */
  reason?: string;
}

export type ApplyResult =
  | { ok: true; text: string }
  | { ok: false; ref?: string; reason: "unparsable" | "unknown-ref" | "ambiguous-ref" | "invalid-item" | "would-reformat" };

/** The owner's seal prefix for a file kind ("teacher:t01", "group:chinese"). */
export function sealOwner(kind: EntryKind, owner: string): string {
  return kind === "record" ? `teacher:${owner}` : `group:${owner}`;
}

/** Apply every review to the file's text, or none of them. */
export function applyReviews(text: string, kind: EntryKind, reviews: readonly ReviewWrite[]): ApplyResult {
  const listKey = kind === "record" ? "records" : "sessions";
  let data: Record<string, unknown> | undefined;
  try {
    data = parse(text.replace(/^\uFEFF/, ""), { version: "1.2", uniqueKeys: true }) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: "unparsable" };
  }
  const owner = data?.[kind === "record" ? "teacher" : "group"];
  const items = data?.[listKey];
  if (typeof owner !== "string" || !Array.isArray(items)) return { ok: false, reason: "unparsable" };
  const fields = items.map((it: Record<string, unknown> | null) => ({
    id: typeof it?.id === "string" ? it.id : undefined,
    date: String(it?.date ?? "").slice(0, 10),
    kind: String(it?.kind ?? ""),
    title: String(it?.title ?? ""),
  }));
  const refs = refsOfItems(kind, owner, fields);
  const schema = kind === "record" ? recordSchema : sessionSchema;
  let out = text;
  for (const r of reviews) {
    const at = refs.indexOf(r.ref);
    if (at < 0) return { ok: false, ref: r.ref, reason: "unknown-ref" };
    if (refs.indexOf(r.ref, at + 1) >= 0) return { ok: false, ref: r.ref, reason: "ambiguous-ref" };
    const parsed = schema.safeParse(items[at]);
    if (!parsed.success) return { ok: false, ref: r.ref, reason: "invalid-item" };
    const id = fields[at]!.id ?? r.ref;
    const seal = contentSeal(sealOwner(kind, owner), { ...(parsed.data as Record<string, unknown>), id });
    const changes: FieldChanges = {
      status: STATUSES.label(r.status, "zh"),
      approver: r.approver,
      reviewed: r.date,
      reason: r.status === "rejected" ? r.reason : undefined,
      seal,
    };
    if (!fields[at]!.id) changes.id = id;
    const edited = editItemFields(out, listKey, at, changes);
    if (!edited.ok) return { ok: false, ref: r.ref, reason: edited.reason === "would-reformat" ? "would-reformat" : "unparsable" };
    out = edited.text;
  }
  return { ok: true, text: out };
}
