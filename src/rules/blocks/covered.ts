/**
 * `covered: { per: term, atLeast: 1, credit: 10 }` — a credit paid once per window (the item's
 * `per`, e.g. a year) only when every shorter window inside it (each term) holds at least
 * `atLeast` of the records: 新田's public lesson "两学期的公开课四项材料", one in each term.
 */
export interface Covered {
  /** The sub-windows that must each be covered (term, month …). */
  per: string;
  atLeast: number;
  credit: number;
}

export interface CoveredResult {
  credit: number;
  /** Ids of the sub-windows holding fewer than `atLeast` (empty when paid). */
  missing: string[];
}

/**
 * `subs` are the sub-windows lying inside the window, in order; `records` the window's counting
 * records (each standing for `count`). A window with no sub-window inside it is never covered.
 */
export function coveredCredit(rule: Covered, subs: { id: string; start: string; end: string }[], records: { date: string; count: number }[]): CoveredResult {
  const missing = subs
    .filter((s) => records.filter((r) => s.start <= r.date && r.date <= s.end).reduce((n, r) => n + r.count, 0) < rule.atLeast)
    .map((s) => s.id);
  const paid = subs.length > 0 && missing.length === 0;
  return { credit: paid ? rule.credit : 0, missing };
}
