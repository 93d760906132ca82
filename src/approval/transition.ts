/**
 * What approving, verifying or returning does to a record's status, and which moves are
 * refused: 录入 → 审定 → 验证, and 退回 (with a reason) from any of them. A record changed
 * after its review counts as 录入 again (see model.effectiveStatus). Pure.
 */
import { effectiveStatus, type Activity } from "../model.js";
import type { ReviewAction } from "./policy.js";

export type Transition =
  | { ok: true; status: "approved" | "verified" | "rejected" }
  /** Already where the action would take it: nothing to write. */
  | { ok: true; status: "approved" | "verified"; unchanged: true }
  | { ok: false; reason: "not-approved-yet" | "already-verified" | "no-reason" };

/** The status an action leads to from the record's current (effective) status. */
export function transition(act: Pick<Activity, "status" | "lapsed">, action: ReviewAction, reason?: string): Transition {
  const now = effectiveStatus(act);
  if (action === "approve") {
    if (now === "verified") return { ok: false, reason: "already-verified" };
    return now === "approved" ? { ok: true, status: "approved", unchanged: true } : { ok: true, status: "approved" };
  }
  if (action === "verify") {
    if (now === "verified") return { ok: true, status: "verified", unchanged: true };
    return now === "approved" ? { ok: true, status: "verified" } : { ok: false, reason: "not-approved-yet" };
  }
  if (!reason || reason.trim() === "") return { ok: false, reason: "no-reason" };
  return { ok: true, status: "rejected" };
}

/** The action that moves a record on from its current status: approve a 录入, verify a 审定. */
export function nextAction(act: Pick<Activity, "status" | "lapsed">): "approve" | "verify" | undefined {
  const now = effectiveStatus(act);
  return now === "draft" ? "approve" : now === "approved" ? "verify" : undefined;
}
