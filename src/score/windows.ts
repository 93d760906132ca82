/**
 * Windows are the spans caps, tiers and requirements apply to. A record outside every
 * configured term/year is its own one-day window (the checker warns about such records).
 */
import { allTerms, type Config } from "../model.js";
import type { Window } from "../rules/types.js";
import { termSpans } from "../rules/blocks/calendar.js";

export interface Span {
  id: string;
  start: string;
  end: string;
}

const spanCache = new WeakMap<Config, Map<Window, Span[]>>();

export function windowsOf(per: Window, config: Config): Span[] {
  let cache = spanCache.get(config);
  if (!cache) spanCache.set(config, (cache = new Map()));
  let spans = cache.get(per);
  if (!spans) cache.set(per, (spans = listWindows(per, config)));
  return spans;
}

function listWindows(per: Window, config: Config): Span[] {
  if (per === "term") return allTerms(config).map((t) => ({ id: t.id, start: t.start, end: t.end }));
  if (per === "month" || per === "week" || per === "fortnight") return allTerms(config).flatMap((t) => termSpans(per, t));
  if (per === "year") return config.years.map((y) => ({ id: y.id, start: y.start, end: y.end }));
  return config.cycle ? [{ id: config.cycle.id, start: config.cycle.start, end: config.cycle.end }] : [];
}

export function windowAt(per: Window, config: Config, date: string): Span {
  const spans = windowsOf(per, config);
  // Spans of one kind do not overlap and come in calendar order: search the last starting on or before the date.
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.start <= date) lo = mid;
    else hi = mid - 1;
  }
  const w = spans[lo];
  if (w && w.start <= date && date <= w.end) return w;
  return spans.find((x) => x.start <= date && date <= x.end) ?? { id: date, start: date, end: date };
}

/** Windows that overlap [start, end]; where none is configured (no cycle), the span itself. */
export function windowsOverlapping(per: Window, config: Config, start: string, end: string, fallbackId: string): Span[] {
  const all = windowsOf(per, config);
  if (all.length === 0) return [{ id: fallbackId, start, end }];
  return all.filter((w) => w.start <= end && start <= w.end);
}

const before = new Map<string, string>();

export function dayBefore(date: string): string {
  let hit = before.get(date);
  if (hit === undefined) before.set(date, (hit = computeDayBefore(date)));
  return hit;
}

function computeDayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);
