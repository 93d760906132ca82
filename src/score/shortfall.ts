/**
 * Why a record earns nothing, or less than it is worth, from a score's trace: the reason it was
 * left out, or its item's cap. The words are the reports' (src/reports/shortfalls.ts); the
 * teacher's page, the page after a save and the review queue must say the same. Pure.
 */
import type { TraceEntry } from "./types.js";

export type Shortfall = { reason: string } | { worth: number; counted: number };

const round = (x: number) => Math.round(x * 100) / 100;

/** Per record ("file#index"); records that earn their worth (or earn through a tier) are not in the map. */
export function shortfallFacts(trace: readonly TraceEntry[]): Map<string, Shortfall> {
  const byRecord = new Map<string, TraceEntry[]>();
  for (const e of trace) {
    if (!e.origin || (e.step !== "credit" && e.step !== "excluded")) continue;
    const key = `${e.origin.file}#${e.origin.index}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), e]);
  }
  const out = new Map<string, Shortfall>();
  for (const [key, mine] of byRecord) {
    const credits = mine.filter((e) => e.step === "credit");
    if (credits.length === 0) {
      const reason = mine.find((e) => e.step === "excluded")?.reason;
      if (reason) out.set(key, { reason });
      continue;
    }
    const worth = credits.reduce((sum, e) => sum + e.amount, 0);
    const counted = credits.reduce((sum, e) => sum + (e.counted ?? e.amount), 0);
    if (worth > 0 && counted < worth) out.set(key, { worth: round(worth), counted: round(counted) });
  }
  return out;
}
