/**
 * The seal of a reviewed record: a short fingerprint of the record as it was approved or
 * returned (its owner and every field but the review's own). A record whose fields no longer
 * match its seal was changed after the review, so it counts as 录入 again until reviewed anew
 * (docs/approval.md). It detects edits, it does not prove who approved: the algorithm is public,
 * and `yanxiu audit` checks the commit author of every status change.
 */
import { createHash } from "node:crypto";

/** Fields that record the review itself, left out of the seal. */
export const REVIEW_FIELDS = ["status", "approver", "reviewed", "reason", "seal"] as const;

const SKIP = new Set<string>(REVIEW_FIELDS);

/** Keys sorted, undefined dropped: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * `item`: the record or session as the schema outputs it (vocabulary as ids, dates cut to the
 * day, evidence as a list), so 审定/approved or a reordered key never changes the seal.
 * `owner`: "teacher:t01" or "group:chinese", so a record copied into another file is not sealed.
 */
export function contentSeal(owner: string, item: Record<string, unknown>): string {
  const content: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!SKIP.has(k)) content[k] = v;
  return createHash("sha256").update(`${owner}\n${canonicalJson(content)}`).digest("hex").slice(0, 12);
}
