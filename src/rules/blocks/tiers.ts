/**
 * `tiers` + `shortfall` — credit by how many were done in a window (新田 observed lessons:
 * ≥10 a term → 5, ≥15 → 10; each lesson short of 10 takes 1 off the first tier, never below 0).
 */
export interface Tier {
  atLeast: number;
  credit: number;
}

export interface TierResult {
  credit: number;
  /** The tier reached, if any. */
  tier?: Tier;
  /** How many short of the first tier, when a shortfall deduction applied. */
  short?: number;
}

export function tierCredit(tiers: Tier[], shortfall: number | undefined, n: number): TierResult {
  let reached: Tier | undefined;
  for (const t of tiers) if (n >= t.atLeast) reached = t;
  if (reached) return { credit: reached.credit, tier: reached };
  const first = tiers[0];
  if (!first || shortfall === undefined) return { credit: 0 };
  const short = first.atLeast - n;
  return { credit: Math.max(0, first.credit - short * shortfall), short };
}

/** Problems with the tier list itself: empty, or thresholds/credits that do not increase. */
export function tierIssues(tiers: Tier[]): { index?: number; kind: "empty" | "not-increasing" }[] {
  if (tiers.length === 0) return [{ kind: "empty" }];
  const out: { index?: number; kind: "empty" | "not-increasing" }[] = [];
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i]!.atLeast <= tiers[i - 1]!.atLeast || tiers[i]!.credit < tiers[i - 1]!.credit) out.push({ index: i, kind: "not-increasing" });
  }
  return out;
}
