/**
 * Calendar windows shorter than a term (月 / 周 / 间周) and calendar filters (第2—4周, 周二),
 * computed with dayjs. Weeks are counted within a term: week 1 is the Monday-to-Sunday week
 * holding the term's first day; months are calendar months. Every span is clipped to its term,
 * so shorter windows nest in terms and a term's caps and requirements stay whole.
 */
import dayjs from "dayjs";
import type { Term } from "../../model.js";

export type ShortWindow = "month" | "week" | "fortnight";

export interface CalendarSpan {
  id: string;
  start: string;
  end: string;
}

const FMT = "YYYY-MM-DD";
const day = (d: string) => dayjs(d, FMT);

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  return ((day(date).day() + 6) % 7) + 1;
}

/** Monday of the week holding the date. */
function mondayOf(date: string): dayjs.Dayjs {
  return day(date).subtract(weekday(date) - 1, "day");
}

/** Week of the term a date falls in (1-based). */
export function termWeek(date: string, termStart: string): number {
  return Math.floor(day(date).diff(mondayOf(termStart), "day") / 7) + 1;
}

/** Date N days after another (N may be negative). */
export function addDays(date: string, n: number): string {
  return day(date).add(n, "day").format(FMT);
}

/** The same day N months later (clamped to the month's end: 01-31 + 1 month = 02-28 or 02-29). */
export function addMonths(date: string, n: number): string {
  return day(date).add(n, "month").format(FMT);
}

const clip = (s: string, e: string, term: Term) => ({ start: s < term.start ? term.start : s, end: e > term.end ? term.end : e });

/** The month / week / fortnight spans of one term, in order, clipped to the term. */
export function termSpans(per: ShortWindow, term: Term): CalendarSpan[] {
  const out: CalendarSpan[] = [];
  if (per === "month") {
    let m = day(term.start).startOf("month");
    while (m.format(FMT) <= term.end) {
      const { start, end } = clip(m.format(FMT), m.endOf("month").format(FMT), term);
      const whole = start === m.format(FMT) && end === m.endOf("month").format(FMT);
      // A month split by a term boundary belongs to both terms: name each part by its term.
      out.push({ id: whole ? m.format("YYYY-MM") : `${term.id}:${m.format("YYYY-MM")}`, start, end });
      m = m.add(1, "month");
    }
    return out;
  }
  const len = per === "week" ? 7 : 14;
  const first = mondayOf(term.start);
  for (let n = 0; first.add(n * len, "day").format(FMT) <= term.end; n++) {
    const s = first.add(n * len, "day");
    const { start, end } = clip(s.format(FMT), s.add(len - 1, "day").format(FMT), term);
    out.push({ id: `${term.id}:${per === "week" ? "w" : "f"}${String(n + 1).padStart(2, "0")}`, start, end });
  }
  return out;
}

/** Which records a rule takes by date: weeks of the term (inclusive range) and weekdays. */
export interface CalendarFilter {
  weeks?: [number, number];
  weekdays?: number[];
}

/** Whether a date passes the filter; `termStart` is the start of the term holding it. */
export function inCalendar(f: CalendarFilter, date: string, termStart: string | undefined): boolean {
  if (f.weekdays && !f.weekdays.includes(weekday(date))) return false;
  if (f.weeks) {
    if (!termStart) return false;
    const w = termWeek(date, termStart);
    if (w < f.weeks[0] || w > f.weeks[1]) return false;
  }
  return true;
}

const WEEKDAY_WORDS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7,
  mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7,
};

/** 2, 周二, 星期二, tue → 2; undefined when the word names no weekday. */
export function weekdayNumber(word: string | number): number | undefined {
  if (typeof word === "number") return Number.isInteger(word) && word >= 1 && word <= 7 ? word : undefined;
  const w = word.trim().toLowerCase().replace(/^(周|星期|礼拜)/, "");
  return WEEKDAY_WORDS[w] ?? WEEKDAY_WORDS[w.slice(0, 3)];
}
