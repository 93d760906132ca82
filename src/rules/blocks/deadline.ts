/**
 * Deadlines of a requirement: within N days or weeks of its window's start (学期初), or by a
 * fixed date (12月5日截止: the first 12-05 on or after the window's start, or a full date).
 */
import { addDays } from "./calendar.js";

export interface Due {
  days?: number;
  weeks?: number;
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
  return addDays(start, days - 1);
}

/** Days from the deadline to a date (0 when on time). */
export function daysLate(last: string, date: string): number {
  if (date <= last) return 0;
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${last}T00:00:00Z`)) / 86_400_000);
}
