/** Calendar dates as whole days since 1970-01-01 (UTC), which is all the generator needs. */

const MS_PER_DAY = 86_400_000;

export function toDay(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / MS_PER_DAY;
}

export function fromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Fixed-date public holidays with no school: 元旦, 劳动节 (1–5 May), 国庆 (1–7 October). */
export function isHoliday(day: number): boolean {
  const d = new Date(day * MS_PER_DAY);
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return (m === 1 && dd === 1) || (m === 5 && dd <= 5) || (m === 10 && dd <= 7);
}

/** The nearest school day (Monday–Friday, not a holiday) to `day` in [lo, hi]; the clamped day when there is none near. */
export function nearestWeekday(day: number, lo: number, hi: number): number {
  const d = Math.min(hi, Math.max(lo, day));
  for (let step = 0; step <= 8; step++) {
    for (const x of step === 0 ? [d] : [d + step, d - step]) {
      if (x < lo || x > hi) continue;
      const w = weekday(x);
      if (w !== 0 && w !== 6 && !isHoliday(x)) return x;
    }
  }
  return d;
}

export function monthOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCMonth() + 1;
}
