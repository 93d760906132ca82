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
  // Per shape, once: a function that builds the object from a row.
  const shapes = new Map<string, (row: EncodedActivity) => Record<string, unknown>>();
  const out: Activity[] = new Array(encoded.length);
  for (let n = 0; n < encoded.length; n++) {
    const row = encoded[n]!;
    const ref = row[0];
    const shape = typeof ref === "number" && shapeNames ? shapeNames[ref]! : (ref as string);
    let build = shapes.get(shape);
    if (!build) shapes.set(shape, (build = builder(shape)));
    const act = build(row) as unknown as Activity;
    // The path is the cache key's; stored origins could only disagree if the entry were moved.
    if (act.origin && act.origin.file !== file) act.origin = { ...act.origin, file };
    out[n] = act;
  }
  return out;
}

const FIELD = /^[a-z][A-Za-z]{0,30}$/;

/**
 * The object for one shape. Each object is spread from a template that already holds every key
 * of the shape, so its properties sit inside the object (one hidden class per shape, as in a
 * freshly built Activity) instead of in a separate, growing property store; then the values are
 * set in the same order. No code is generated: nothing from a cache file is ever run.
 */
function builder(shape: string): (row: EncodedActivity) => Record<string, unknown> {
  const raw = shape.split(",");
  const keys = raw.map((k) => (k.startsWith("?") ? k.slice(1) : k));
  const absent = raw.map((k) => k.startsWith("?"));
  const plain = keys.map((k) => FIELD.test(k));
  const template: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, undefined]));
  return (row) => {
    const a: Record<string, unknown> = { ...template };
    let j = 1;
    for (let i = 0; i < keys.length; i++) {
      if (absent[i]) continue;
      // A key such as __proto__ is set as an own field, never as the object's prototype.
      if (plain[i]) a[keys[i]!] = row[j++];
      else Object.defineProperty(a, keys[i]!, { value: row[j++], writable: true, enumerable: true, configurable: true });
    }
    return a;
  };
}
