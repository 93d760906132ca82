/** Dated versions: `from`/`until` (inclusive, open when unset); the one in force on a date applies. */
export interface Dated {
  from?: string;
  until?: string;
}

export function inForce(v: Dated, date: string): boolean {
  return (!v.from || v.from <= date) && (!v.until || date <= v.until);
}

export function versionOn<T extends Dated>(versions: T[], date: string): T | undefined {
  return versions.find((v) => inForce(v, date));
}

export function overlap(a: Dated, b: Dated): boolean {
  const aStart = a.from ?? "0000-00-00";
  const bStart = b.from ?? "0000-00-00";
  const aEnd = a.until ?? "9999-99-99";
  const bEnd = b.until ?? "9999-99-99";
  return aStart <= bEnd && bStart <= aEnd;
}
