/**
 * Deadlines of a requirement: within N days, weeks or months of its window's start (学期初) or of
 * another record (中期检查 within 12 months of 立项), or by a fixed date (12月5日截止: the first
 * 12-05 on or after the start, or a full date).
 */
import { addDays, addMonths } from "./calendar.js";

export interface Due {
  days?: number;
  weeks?: number;
  months?: number;
  /** MM-DD (each window's own) or YYYY-MM-DD. */
  date?: string;
}

/** The last day that is on time, for a window starting on `start`. */
export function deadline(due: Due, start: string): string {
  if (due.date) {
    if (due.date.length === 10) return due.date;
    const year = Number(start.slice(0, 4));
    const candidate = `${year}-${due.date}`;
    return candidate >= start ? candidate : `${year + 1}-${due.date}`;
  }
  const days = (due.days ?? 0) + (due.weeks ?? 0) * 7;
  // The start is day 1: within 14 days of 09-01 is up to 09-14; within 12 months of 2025-10-08 up to 2026-10-07.
  return addDays(due.months ? addMonths(start, due.months) : start, days - 1);
}

/** Days from the deadline to a date (0 when on time). */
export function daysLate(last: string, date: string): number {
  if (date <= last) return 0;
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${last}T00:00:00Z`)) / 86_400_000);
}
