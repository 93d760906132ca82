/** Which span `yanxiu score` covers: a term, a school year or the multi-year cycle. */
import { allTerms, type Config } from "../model.js";
import type { Period } from "./types.js";

export type PeriodResult = { period: Period } | { error: "unknown-term" | "unknown-year" | "no-cycle" | "no-terms"; id?: string; known?: string[] };

/** Default: the term containing today, else the latest term that has started, else the first. */
export function resolvePeriod(
  config: Config,
  opts: { term?: string; year?: string; cycle?: boolean; today: string },
): PeriodResult {
  const terms = allTerms(config);
  if (opts.cycle) {
    if (!config.cycle) return { error: "no-cycle" };
    const c = config.cycle;
    return { period: { type: "cycle", id: c.id, start: c.start, end: c.end } };
  }
  if (opts.year) {
    const y = config.years.find((x) => x.id === opts.year);
    if (!y) return { error: "unknown-year", id: opts.year, known: config.years.map((x) => x.id) };
    return { period: { type: "year", id: y.id, start: y.start, end: y.end } };
  }
  if (opts.term) {
    const tm = terms.find((x) => x.id === opts.term);
    if (!tm) return { error: "unknown-term", id: opts.term, known: terms.map((x) => x.id) };
    return { period: { type: "term", id: tm.id, start: tm.start, end: tm.end } };
  }
  if (terms.length === 0) return { error: "no-terms" };
  const sorted = [...terms].sort((a, b) => a.start.localeCompare(b.start));
  const tm =
    sorted.find((x) => x.start <= opts.today && opts.today <= x.end) ??
    sorted.filter((x) => x.start <= opts.today).at(-1) ??
    sorted[0]!;
  return { period: { type: "term", id: tm.id, start: tm.start, end: tm.end } };
}
