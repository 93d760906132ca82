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
  const shapes = new Map<string, string[]>();
  return encoded.map(([ref, ...values]) => {
    const shape = typeof ref === "number" && shapeNames ? shapeNames[ref]! : (ref as string);
    let keys = shapes.get(shape);
    if (!keys) shapes.set(shape, (keys = shape.split(",")));
    const a: Record<string, unknown> = {};
    let j = 0;
    for (const k of keys) {
      if (k.startsWith("?")) a[k.slice(1)] = undefined;
      else a[k] = values[j++];
    }
    const act = a as unknown as Activity;
    // The path is the cache key's; stored origins could only disagree if the entry were moved.
    if (act.origin && act.origin.file !== file) act.origin = { ...act.origin, file };
    return act;
  });
}
