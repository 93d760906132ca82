/** Field types shared by the file schemas: dates, ids, numbers and closed vocabularies. */
import { z } from "zod";

/**
 * A calendar date written YYYY-MM-DD. A time or time zone after it is tolerated and dropped:
 * the date the teacher wrote is the school's local date.
 */
export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * DATE_RE with the month and day ranges spelt out, for editors (JSON Schema `pattern`): 2025-13-40
 * is marked while typing. Days a month lacks (02-30) are left to `yanxiu check`.
 */
export const DATE_PATTERN =
  "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$";

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A date that exists on the calendar, and a time after it (if any) that exists on a clock.
 * Plain arithmetic rather than a date library: it runs for every date of every record (a million
 * at district scale). Years before 100 are refused, as the date library used before refused them
 * (JavaScript dates read them as 19xx).
 */
export function isRealDate(s: string): boolean {
  return isRealDay(s) && isRealTime(s);
}

/** The YYYY-MM-DD part exists on the calendar. */
export function isRealDay(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** The time after the date, if any, exists: 00–23 hours, 00–59 minutes and seconds, zones up to ±14:00. */
export function isRealTime(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [hour, minute, second, zoneHour, zoneMinute] = [m[4], m[5], m[6], m[7], m[8]].map((x) => (x === undefined ? 0 : Number(x)));
  return hour! <= 23 && minute! <= 59 && second! <= 59 && zoneHour! <= 14 && zoneMinute! <= 59;
}

export const dateField = z
  .string({ error: "date" })
  .refine((s) => DATE_RE.test(s), { error: "date-format", abort: true })
  .refine((s) => isRealDay(s), { error: "date-invalid", abort: true })
  .refine((s) => isRealTime(s), { error: "time-invalid", abort: true })
  .transform((s) => s.slice(0, 10))
  .meta({ description: "YYYY-MM-DD", examples: ["2025-09-12"], pattern: DATE_PATTERN });

/** Length limits, named in the problem when exceeded: generous for real text, fatal to 1.3M-character titles. */
/** The kinds of group a roster names (教研组 when it says none). */
export const GROUP_TYPES = ["教研组", "备课组", "teaching-research", "lesson-prep"] as const;

export const LIMITS = { id: 64, kind: 100, title: 200, ref: 200, name: 100, notes: 2000, content: 20000 } as const;

/**
 * Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) make text show in another
 * order than it is stored: a title could read as one thing and be another ("Trojan Source").
 */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * BIDI_CONTROLS.test(s) as a loop over the code units: the hand-written validator asks it of every
 * title, and a cold run's first hundred thousand calls of the pattern cost ~5× as much (~50 ms at
 * 100,000 records) while V8 still interprets it. fields.test.ts holds the two equal.
 */
export function hasBidiControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x061c) continue;
    if (c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

/** Free text written by a person: not empty, at most `max` characters, no bidi controls. */
export function textField(max: number) {
  return z.string().min(1).max(max).refine((s) => !BIDI_CONTROLS.test(s), { error: "bidi-control" });
}

/** Ids are ASCII so that file names, git paths and CODEOWNERS stay simple on every system. */
export const idField = z
  .string()
  .max(LIMITS.id)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "id-format" })
  .meta({ description: "ASCII id: letters, digits, '.', '_' or '-'" });

export const MAX_WORDS = 1_000_000;

export const positiveNumber = z.number().finite().positive();
export const nonNegativeInt = z.number().int().nonnegative();

/** An enum field that accepts every spelling (id or Chinese) and yields the id. */
export function vocabField(v: { words: string[]; normalize: (w: string) => string | undefined }) {
  return z.enum(v.words as [string, ...string[]]).transform((w) => v.normalize(w)!);
}

/** One path or a list of paths. */
export const evidenceField = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((e) => (Array.isArray(e) ? e : [e]));
