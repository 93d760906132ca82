/**
 * Mid-period progress. Scoring the first term against a yearly requirement measures a window
 * that has not ended: a minimum not yet reached there is not a failure but progress (进行中);
 * only a requirement whose window has ended (or a maximum already passed) fails for good.
 */
import type { RequirementScore } from "./types.js";

export type Standing = "met" | "in-progress" | "short";

/** The requirement's window runs on past the period and its minimum can still be reached. */
export function inProgress(r: Pick<RequirementScore, "partial" | "met" | "shortBy" | "excess">): boolean {
  return r.partial && !r.met && r.shortBy > 0 && r.excess === 0;
}

/** met: every requirement met; in-progress: nothing failed for good, something still open; short: a requirement failed. */
export function standingOf(requirements: readonly RequirementScore[]): Standing {
  const unmet = requirements.filter((r) => !r.met);
  if (unmet.length === 0) return "met";
  return unmet.every(inProgress) ? "in-progress" : "short";
}

export const IN_PROGRESS_GRADE = { id: "in-progress", label: "进行中", labelEn: "in progress" } as const;
