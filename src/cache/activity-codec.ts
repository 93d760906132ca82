/**
 * Activities to compact JSON and back, exactly: the same keys in the same order, keys whose
 * value is undefined included (JSON alone would drop them), so a cached Activity cannot be
 * told from a freshly built one.
 */
import type { Activity } from "../model.js";

/** [shape, ...defined values]; shape lists the keys, "?key" for a key holding undefined. */
export type EncodedActivity = [shape: string | number, ...values: unknown[]];

export function encodeActivities(acts: readonly Activity[]): EncodedActivity[] {
  return acts.map((a) => {
    const keys: string[] = [];
    const values: unknown[] = [];
    for (const k of Object.keys(a)) {
      const v = (a as unknown as Record<string, unknown>)[k];
      if (v === undefined) keys.push(`?${k}`);
      else {
        keys.push(k);
        values.push(v);
      }
    }
    return [keys.join(","), ...values];
  });
}

/** `shapeNames`: when shapes are given as indexes into a shared list (see cache/parsed.ts). */
export function decodeActivities(encoded: readonly EncodedActivity[], file: string, shapeNames?: readonly string[]): Activity[] {
  // Per shape: its keys, and which of them hold undefined ("?key"), worked out once.
  const shapes = new Map<string, { keys: string[]; absent: boolean[] }>();
  const out: Activity[] = new Array(encoded.length);
  for (let n = 0; n < encoded.length; n++) {
    const row = encoded[n]!;
    const ref = row[0];
    const shape = typeof ref === "number" && shapeNames ? shapeNames[ref]! : (ref as string);
    let s = shapes.get(shape);
    if (!s) {
      const raw = shape.split(",");
      s = { keys: raw.map((k) => (k.startsWith("?") ? k.slice(1) : k)), absent: raw.map((k) => k.startsWith("?")) };
      shapes.set(shape, s);
    }
    const a: Record<string, unknown> = {};
    let j = 1;
    for (let i = 0; i < s.keys.length; i++) a[s.keys[i]!] = s.absent[i] ? undefined : row[j++];
    const act = a as unknown as Activity;
    // The path is the cache key's; stored origins could only disagree if the entry were moved.
    if (act.origin && act.origin.file !== file) act.origin = { ...act.origin, file };
    out[n] = act;
  }
  return out;
}
