/** `each: 3` — a fixed credit per record, times the record's count (3 lessons observed = 3 × each). */
import type { Activity } from "../../model.js";

export function eachCredit(amount: number, act: Pick<Activity, "count">): number {
  return amount * act.count;
}
