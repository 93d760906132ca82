/**
 * `once: { credit, anyOf }` — a fixed credit once per window when any one condition holds
 * (新田 师德: 6 学时 for 5000 字 of notes in total, or one reflection of at least 3000 字).
 */
import type { Activity } from "../../model.js";
import type { Qualifier } from "../types.js";

/** Index of the first qualifier met by the window's records, or -1. */
export function qualifierMet(anyOf: Qualifier[], acts: Pick<Activity, "kind" | "words" | "count">[]): number {
  return anyOf.findIndex((q) => {
    const mine = acts.filter((a) => q.kinds.includes(a.kind));
    if (mine.length === 0) return false;
    if (q.totalWords !== undefined && mine.reduce((s, a) => s + (a.words ?? 0), 0) < q.totalWords) return false;
    if (q.words !== undefined && !mine.some((a) => (a.words ?? 0) >= q.words!)) return false;
    if (q.count !== undefined && mine.reduce((s, a) => s + a.count, 0) < q.count) return false;
    return true;
  });
}
