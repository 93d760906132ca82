/**
 * Deciding a batch of reviews before anything is written: each ref is found, the actor's
 * right and the status move are checked, and either every ref passes (with the writes per file)
 * or the refusals are returned and nothing is to be written. Pure.
 */
import type { Dataset, Teacher } from "../model.js";
import type { ReviewWrite } from "./apply.js";
import { approvalSettings, mayReview, targetOf, type ReviewAction } from "./policy.js";
import { findByRef, type ReviewEntry } from "./ref.js";
import { transition } from "./transition.js";

export type PlanRefusal =
  | "own" | "own-session" | "not-allowed" | "unknown" | "ambiguous" | "invalid"
  | "not-approved-yet" | "already-verified" | "no-reason";

export interface ReviewPlan {
  /** Per file: its kind and the reviews to apply to it. Empty when anything was refused. */
  writes: Map<string, { kind: ReviewEntry["kind"]; reviews: ReviewWrite[] }>;
  changed: ReviewEntry[];
  /** Already at the status asked for: nothing to write. */
  unchanged: ReviewEntry[];
  refused: { ref: string; reason: PlanRefusal; candidates?: ReviewEntry[] }[];
}

export interface PlanRequest {
  dataset: Dataset;
  /** reviewEntries of the dataset's activities. */
  entries: readonly ReviewEntry[];
  /** Entries of records with errors (not scored): found, but refused as invalid. */
  broken?: readonly ReviewEntry[];
  actor: Teacher;
  refs: readonly string[];
  action: ReviewAction;
  today: string;
  reason?: string;
}

export function planReviews(req: PlanRequest): ReviewPlan {
  const settings = approvalSettings(req.dataset.config);
  const plan: ReviewPlan = { writes: new Map(), changed: [], unchanged: [], refused: [] };
  const seen = new Set<string>();
  for (const ref of req.refs) {
    const found = findByRef(req.entries, ref);
    if (!found.ok) {
      const broken = found.reason === "unknown" && req.broken && findByRef(req.broken, ref).ok;
      plan.refused.push({ ref, reason: broken ? "invalid" : found.reason, candidates: found.candidates });
      continue;
    }
    const entry = found.entry;
    if (seen.has(entry.ref)) continue;
    seen.add(entry.ref);
    const p = mayReview(req.dataset.roster, settings, req.actor, targetOf(entry), req.action, req.today);
    if (!p.ok) {
      plan.refused.push({ ref, reason: p.reason });
      continue;
    }
    const move = transition(entry.activities[0]!, req.action, req.reason);
    if (!move.ok) {
      plan.refused.push({ ref, reason: move.reason });
      continue;
    }
    if ("unchanged" in move) {
      plan.unchanged.push(entry);
      continue;
    }
    plan.changed.push(entry);
    const file = plan.writes.get(entry.file) ?? { kind: entry.kind, reviews: [] };
    file.reviews.push({ ref: entry.ref, status: move.status, approver: req.actor.id, date: req.today, ...(req.action === "reject" ? { reason: req.reason!.trim() } : {}) });
    plan.writes.set(entry.file, file);
  }
  if (plan.refused.length > 0) {
    plan.writes.clear();
    plan.changed = [];
  }
  return plan;
}
