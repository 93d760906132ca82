/**
 * Records that must answer other records: a write-up within 30 days after each outside
 * training (三个一), a lesson plan at least 7 days before each public lesson (提前一周). Each
 * answer answers one trigger only, so one reflection cannot cover three public lessons.
 * Triggers are taken in date order and each gets the earliest answer that fits.
 */
export interface FollowUp {
  direction: "after" | "before";
  /** Kinds of the records that need an answer. */
  kinds: string[];
  /** after: the answer is dated within this many days after the trigger (0: the same day);
   *  before: at least this many days before it. */
  days: number;
}

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** Indexes (into `triggers`) of those left unanswered. Both lists are sorted by date. */
export function unanswered(rule: FollowUp, triggers: { date: string }[], answers: { date: string }[]): number[] {
  const used = new Set<number>();
  const open: number[] = [];
  triggers.forEach((t, i) => {
    const td = dayNumber(t.date);
    const fits = (d: number) => (rule.direction === "after" ? d >= td && d - td <= rule.days : td - d >= rule.days);
    const j = answers.findIndex((a, k) => !used.has(k) && fits(dayNumber(a.date)));
    if (j < 0) open.push(i);
    else used.add(j);
  });
  return open;
}
