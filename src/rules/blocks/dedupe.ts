/**
 * `dedupe: [ref]` — records with the same key count once: the one with the highest credit
 * (主持 and 参与 of one project → only the higher). Without a ref the title stands in.
 */
import type { Activity } from "../../model.js";
import type { DedupeField } from "../types.js";

export function dedupeKey(fields: DedupeField[], act: Partial<Activity>): string {
  return fields
    .map((f) => {
      const v = f === "ref" ? (act.ref ?? act.title) : act[f];
      return String(v ?? "").trim().toLowerCase();
    })
    .join("\u0000");
}

/** Indexes of the records that lose to a higher-credited one with the same key (ties: the earliest wins). */
export function duplicates<T>(entries: T[], key: (e: T) => string, credit: (e: T) => number): Set<number> {
  const best = new Map<string, number>();
  entries.forEach((e, i) => {
    const k = key(e);
    const cur = best.get(k);
    if (cur === undefined || credit(e) > credit(entries[cur]!)) best.set(k, i);
  });
  const keep = new Set(best.values());
  return new Set(entries.map((_, i) => i).filter((i) => !keep.has(i)));
}
