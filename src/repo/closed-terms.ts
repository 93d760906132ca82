/**
 * Closed terms. The office closes a term in yanxiu.yaml once its hours are final:
 *
 *   terms:
 *     - id: 2026-2027-1
 *       start: 2026-09-01
 *       end: 2027-01-31
 *       closed: 2027-02-10            # a date: the repository as it stood at the end of that day
 *       # closed: { rev: term-1-final }  # or a tag / commit: the repository at that commit
 *
 * From then on the term's record and session files must stay as they were at the closing
 * point: `check` compares them against it, `audit` reports every later change, `add` refuses.
 * To correct a closed term the office reopens it (removes `closed:`), which is itself a
 * change to the config the history shows.
 */
export interface ClosedTerm {
  term: string;
  /** Closed at the end of this day (YYYY-MM-DD). */
  date?: string;
  /** Closed at this tag or commit. */
  rev?: string;
  /** Where it is written in the config: years[year].terms[term].closed. */
  at: [number, number];
}

/** A closed term's record and session files at its closing point (repo-relative path → text). */
export type ClosedBaseline = { commit: string; files: ReadonlyMap<string, string> } | { missing: "no-git" | "unknown-rev" | "no-commit" };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The closed terms of a config's plain data (validated or not: bad entries are skipped). */
export function closedTermsOf(config: unknown): ClosedTerm[] {
  const out: ClosedTerm[] = [];
  const years = (config as { years?: unknown } | undefined)?.years;
  if (!Array.isArray(years)) return out;
  for (const [i, y] of years.entries()) {
    const terms = (y as { terms?: unknown } | null)?.terms;
    if (!Array.isArray(terms)) continue;
    for (const [j, term] of terms.entries()) {
      const id = (term as { id?: unknown } | null)?.id;
      const closed = (term as { closed?: unknown } | null)?.closed;
      if (typeof id !== "string" || closed === undefined || closed === null) continue;
      if (typeof closed === "string" && DATE.test(closed)) out.push({ term: id, date: closed, at: [i, j] });
      else if (typeof closed === "object" && typeof (closed as { rev?: unknown }).rev === "string") out.push({ term: id, rev: (closed as { rev: string }).rev, at: [i, j] });
    }
  }
  return out;
}

/** Is the term closed on `day` (YYYY-MM-DD)? A date closing holds from the day after it; a revision, at once. */
export function closedOn(c: ClosedTerm, day: string): boolean {
  return c.rev !== undefined || (c.date !== undefined && day > c.date);
}

export function describeClosing(c: ClosedTerm): string {
  return c.date ?? c.rev ?? "";
}
