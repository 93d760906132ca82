/**
 * A tiny YAML writer for the generator's own, known shapes: block maps and lists of maps
 * with scalar values. Hand-written because it is an order of magnitude faster than a general
 * stringifier, which matters for million-activity benchmarks. Output is YAML 1.2 that the
 * `yaml` package reads back to the same data (tested).
 */

export type Scalar = string | number | boolean;
export type Value = Scalar | Scalar[] | undefined;

const NEEDS_QUOTES = /^[\s\-?:,[\]{}#&*!|>'"%@`]|[:#]|\s$|[\n\r\t"\\]/;
const LOOKS_TYPED = /^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|yes|no|on|off|y|n)$/;

/** A scalar as plain YAML where that is unambiguous, else double-quoted (JSON strings are valid YAML). */
export function scalar(v: Scalar): string {
  if (typeof v !== "string") return String(v);
  // A date stays plain: YAML 1.2 (the core schema) reads it as a string.
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  if (v === "" || NEEDS_QUOTES.test(v) || LOOKS_TYPED.test(v)) return JSON.stringify(v);
  return v;
}

/** Appends `key: value` lines (skipping undefined) at the given indent. */
export function mapLines(out: string[], indent: string, obj: Record<string, Value>, firstPrefix?: string): void {
  let first = true;
  for (const key in obj) {
    const v = obj[key];
    if (v === undefined) continue;
    const pre = first && firstPrefix !== undefined ? firstPrefix : indent;
    first = false;
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${pre}${key}: []`);
      else {
        out.push(`${pre}${key}:`);
        for (const item of v) out.push(`${indent}  - ${scalar(item)}`);
      }
    } else out.push(`${pre}${key}: ${scalar(v)}`);
  }
}

/** A list item that is a map: "  - key: v\n    key2: v2". */
export function listItem(out: string[], indent: string, obj: Record<string, Value>): void {
  mapLines(out, `${indent}  `, obj, `${indent}- `);
}
