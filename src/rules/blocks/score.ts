/** `score: { max: 10 }` — the mark assessors gave (备课 up to 10), clamped to max, times factor. */
import type { Activity } from "../../model.js";

export function scoreCredit(rule: { max?: number; factor: number }, act: Pick<Activity, "score">): number | undefined {
  if (act.score === undefined) return undefined; // no mark yet: no credit, and the trace says why
  const clamped = rule.max === undefined ? act.score : Math.min(act.score, rule.max);
  return clamped * rule.factor;
}
