/**
 * Turn zod issues into Problems at the right YAML node, with a suggestion where one can be
 * made (closest allowed key or value). Messages are catalogue ids (src/messages/schema.ts).
 */
import type { z } from "zod";
import { didYouMean } from "../did-you-mean.js";
import type { Msg, Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { problemAt, type YamlSource } from "../repo/yaml-source.js";
import { nonDecimalNumber } from "./number-forms.js";

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "object";
  // JSON would print NaN and Infinity as null; say what the file said (.nan, .inf).
  if (typeof value === "number" && !Number.isFinite(value)) return Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";
  return `${typeof value} ${JSON.stringify(value)}`;
}


function fullWidthHint(value: unknown): Msg | undefined {
  if (typeof value === "string" && /[０-９]/.test(value) && /^[０-９．0-9.\-－]+$/.test(value.trim())) {
    const ascii = value.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    return msg("full-width-digits", { ascii });
  }
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return msg("quoted-number");
  return undefined;
}

/** Full-width letters or digits in an id (ｔ０１): suggest the half-width form. */
function fullWidthIdHint(value: unknown): Msg | undefined {
  if (typeof value !== "string") return undefined;
  const ascii = value.normalize("NFKC");
  if (ascii === value || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(ascii)) return undefined;
  return msg("id.hint-full-width", { ascii });
}

/** Known keys of the object schema at `path`, for "unknown key" suggestions. */
function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let s: any = schema;
  for (const seg of path) {
    s = unwrap(s);
    if (!s) return [];
    if (s.def?.type === "object") s = s.def.shape[seg as string];
    else if (s.def?.type === "array") s = s.def.element;
    else if (s.def?.type === "record") s = s.def.valueType;
    else return [];
  }
  s = unwrap(s);
  return s?.def?.type === "object" ? Object.keys(s.def.shape) : [];
}

function unwrap(s: any): any {
  while (s && ["optional", "nullable", "default", "pipe", "prefault"].includes(s.def?.type)) {
    s = s.def.type === "pipe" ? s.def.in : s.def.innerType;
  }
  return s;
}

export function zodIssuesToProblems(src: YamlSource, schema: z.ZodType, issues: z.core.$ZodIssue[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path as (string | number)[];
    // An attendance entry is named by its member: "attendance.t01" reads better than "t01".
    const named = path.filter((p) => typeof p === "string");
    const field = named.at(-2) === "attendance" ? `attendance.${named.at(-1)}` : (named.at(-1) ?? "");
    const value = valueAt(src.data, path);
    const form = typeof value === "string" && (issue.code === "invalid_type" || issue.code === "invalid_union") ? nonDecimalNumber(value) : undefined;
    if (form) {
      out.push(problemAt(src, path, "number-format",
        msg("number-format", { field, value: value as string, form: form.form }),
        form.decimal !== undefined ? msg("number-format.hint-decimal", { decimal: form.decimal }) : msg("number-format.hint-plain")));
      continue;
    }
    switch (issue.code) {
      case "unrecognized_keys": {
        const known = knownKeysAt(schema, path);
        for (const key of issue.keys) {
          const guess = didYouMean(key, known);
          out.push(problemAt(src, [...path, key], "unknown-key",
            msg("unknown-key", { key }),
            guess ? msg("did-you-mean", { guess }) : msg("unknown-key.hint-list", { fields: known }),
            { onKey: true }));
        }
        break;
      }
      case "invalid_type": {
        if (value === undefined) {
          out.push(problemAt(src, path, "missing-field", msg("missing-field", { field }), msg("missing-field.hint-add", { field })));
        } else {
          out.push(problemAt(src, path, "field-type",
            msg("field-type", { field, expected: issue.expected as string, actual: describe(value) }),
            fullWidthHint(value) ?? (typeof value === "number" && !Number.isFinite(value) ? msg("field-type.hint-finite") : undefined)));
        }
        break;
      }
      case "invalid_value": {
        const allowed = issue.values.map(String);
        const guess = typeof value === "string" ? didYouMean(value, allowed) : undefined;
        out.push(problemAt(src, path, "field-value",
          msg("field-value", { field, value: String(JSON.stringify(value)) }),
          guess ? msg("did-you-mean", { guess }) : msg("field-value.hint-list", { values: allowed.slice(0, 20) })));
        break;
      }
      case "too_small":
      case "too_big": {
        const small = issue.code === "too_small";
        const limit = String((issue as { minimum?: unknown; maximum?: unknown })[small ? "minimum" : "maximum"]);
        const origin = (issue as { origin?: string }).origin;
        const isCount = origin === "array" || origin === "string";
        const length = typeof value === "string" || Array.isArray(value) ? value.length : 0;
        const bound = small ? ((issue as { inclusive?: boolean }).inclusive === false ? "more-than" : "at-least") : "at-most";
        out.push(problemAt(src, path, "field-range",
          isCount
            ? small
              ? msg("field-range.empty", { field })
              : msg(origin === "string" ? "field-range.long-text" : "field-range.long-list", { field, length, limit })
            : msg("field-range", { field, bound, limit, actual: describe(value) }),
          small && !isCount ? msg("field-range.hint-positive")
            : small && origin === "array" ? msg("field-range.hint-one", { field })
            : !small && isCount ? msg("field-range.hint-shorten", { limit })
            : undefined));
        break;
      }
      case "invalid_format":
      case "invalid_union":
      case "custom":
      default: {
        out.push(customProblem(src, path, field, value, issue.message));
      }
    }
  }
  return out;
}

/** Our own refinements carry a short code as their message (see schema/fields.ts). */
function customProblem(src: YamlSource, path: (string | number)[], field: string, value: unknown, code: string): Problem {
  switch (code) {
    case "date-format":
      return problemAt(src, path, "date", msg("date", { field, value: String(JSON.stringify(value)) }), fullWidthHint(value) ?? msg("date.hint-format"));
    case "date-invalid":
      return problemAt(src, path, "date", msg("date.no-such-day", { value: String(value) }), msg("date.hint-no-such-day"));
    case "time-invalid":
      return problemAt(src, path, "date", msg("date.no-such-time", { value: String(value) }), msg("date.hint-no-such-time", { date: String(value).slice(0, 10) }));
    case "bidi-control": {
      const c = typeof value === "string" ? /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(value)?.[0] : undefined;
      const code = c ? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : "";
      return problemAt(src, path, "text-control", msg("text-control", { field, code }), msg("text-control.hint"));
    }
    case "id-format":
      return problemAt(src, path, "id", msg("id", { value: String(JSON.stringify(value)) }), fullWidthIdHint(value) ?? msg("id.hint-pinyin"));
    default:
      return problemAt(src, path, "schema", msg("schema", { field, actual: describe(value), detail: code }), undefined);
  }
}

/** Validate parsed data against a schema; problems point at the offending nodes. */
export function validate<S extends z.ZodType>(source: YamlSource, schema: S): { data?: z.output<S>; problems: Problem[] } {
  const result = schema.safeParse(source.data);
  if (result.success) return { data: result.data, problems: [] };
  return { problems: zodIssuesToProblems(source, schema, result.error.issues) };
}
