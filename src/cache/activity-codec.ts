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
 * The object for one shape. For Activity-like keys, an object literal compiled once per shape:
 * its properties then sit inside the object, as in a freshly built Activity, instead of in a
 * separate, growing property store (at a million records that is hundreds of MB). Keys are
 * checked to be plain field names, so nothing from a cache file is ever run as code; any
 * other shape is built key by key.
 */
function builder(shape: string): (row: EncodedActivity) => Record<string, unknown> {
  const raw = shape.split(",");
  const keys = raw.map((k) => (k.startsWith("?") ? k.slice(1) : k));
  const absent = raw.map((k) => k.startsWith("?"));
  if (keys.every((k) => FIELD.test(k)) && new Set(keys).size === keys.length) {
    let j = 1;
    const fields = keys.map((k, i) => `${k}: ${absent[i] ? "undefined" : `row[${j++}]`}`);
    return new Function("row", `return { ${fields.join(", ")} };`) as (row: EncodedActivity) => Record<string, unknown>;
  }
  return (row) => {
    const a: Record<string, unknown> = {};
    let j = 1;
    for (let i = 0; i < keys.length; i++) a[keys[i]!] = absent[i] ? undefined : row[j++];
    return a;
  };
}
