/**
 * 有事请假后要补上: each absence or leave is made up by one make-up record dated on or after
 * it — never before — and, when the rule gives `days`, within that many days (which may reach
 * into the next term). Without `days`, the make-up must fall in the same window.
 */
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** How many of the missed sessions are not made up. Both lists sorted by date. */
export function notMadeUp(missed: { date: string }[], makeUps: { date: string; count: number }[], windowEnd: string, days?: number): number {
  // A make-up record standing for several (count: 2) makes up that many.
  const slots = makeUps.flatMap((m) => Array.from({ length: m.count }, () => m.date));
  const used = new Set<number>();
  let open = 0;
  for (const m of missed) {
    const limit = days === undefined ? windowEnd : undefined;
    const j = slots.findIndex((d, k) => !used.has(k) && d >= m.date && (limit ? d <= limit : dayNumber(d) - dayNumber(m.date) <= days!));
    if (j < 0) open++;
    else used.add(j);
  }
  return open;
}
