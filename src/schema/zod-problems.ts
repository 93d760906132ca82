/**
 * Turn zod issues into Problems at the right YAML node, in the report language, with a
 * suggestion where one can be made (closest allowed key or value).
 */
import type { z } from "zod";
import { closest, distance } from "fastest-levenshtein";
import type { Problem } from "../problem.js";
import { t, type Lang } from "../i18n.js";
import { problemAt, type YamlSource } from "../repo/yaml-source.js";
import { nonDecimalNumber } from "./number-forms.js";

const TYPE_ZH: Record<string, string> = {
  string: "文字",
  number: "数字",
  boolean: "是/否(true/false)",
  array: "列表",
  object: "键值对象",
  int: "整数",
};

const TYPE_EN: Record<string, string> = { int: "a whole number", array: "a list", object: "a map of fields" };

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

/** Suggest the closest candidate when it is plausibly a typo (distance small relative to length). */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || !input) return undefined;
  const best = closest(input, candidates as string[]);
  const dist = distance(input, best);
  return dist <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function fullWidthHint(value: unknown, lang: Lang): string | undefined {
  if (typeof value === "string" && /[０-９]/.test(value) && /^[０-９．0-9.\-－]+$/.test(value.trim())) {
    const ascii = value.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    return t(lang, `这是全角数字,请改成半角:${ascii}`, `these are full-width digits: write ${ascii}`);
  }
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    return t(lang, "去掉引号,写成数字", "remove the quotes so it is a number");
  }
  return undefined;
}

/** Full-width letters or digits in an id (ｔ０１): suggest the half-width form. */
function fullWidthIdHint(value: unknown, lang: Lang): string | undefined {
  if (typeof value !== "string") return undefined;
  const ascii = value.normalize("NFKC");
  if (ascii === value || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(ascii)) return undefined;
  return t(lang, `这里有全角字符,请改成半角:${ascii}`, `this has full-width characters: write ${ascii}`);
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

export function zodIssuesToProblems(
  src: YamlSource,
  schema: z.ZodType,
  issues: z.core.$ZodIssue[],
  lang: Lang,
  check = "schema",
): Problem[] {
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
        t(lang, `「${field}」必须写成普通的十进制数,不能写 ${value}(${form.zh})`, `'${field}' must be a plain decimal number, not ${value} (${form.en})`),
        form.decimal !== undefined
          ? t(lang, `写成 ${form.decimal}`, `write ${form.decimal}`)
          : t(lang, "写出一个普通的十进制数,如 2 或 1.5", "write a plain decimal number, such as 2 or 1.5")));
      continue;
    }
    switch (issue.code) {
      case "unrecognized_keys": {
        const known = knownKeysAt(schema, path);
        for (const key of issue.keys) {
          const guess = didYouMean(key, known);
          out.push(problemAt(src, [...path, key], "unknown-key",
            t(lang, `未知的字段「${key}」`, `unknown field '${key}'`),
            guess
              ? t(lang, `是不是「${guess}」?`, `did you mean '${guess}'?`)
              : t(lang, `可用的字段:${known.join("、")}`, `allowed fields: ${known.join(", ")}`),
            { onKey: true }));
        }
        break;
      }
      case "invalid_type": {
        if (value === undefined) {
          out.push(problemAt(src, path, "missing-field",
            t(lang, `缺少必填字段「${field}」`, `required field '${field}' is missing`),
            t(lang, `加上 ${field}: …`, `add '${field}: …'`)));
        } else {
          const expected = issue.expected as string;
          out.push(problemAt(src, path, "field-type",
            t(lang, `「${field}」应为${TYPE_ZH[expected] ?? expected},实际是 ${describe(value)}`,
              `'${field}' must be ${TYPE_EN[expected] ?? `a ${expected}`}, not ${describe(value)}`),
            fullWidthHint(value, lang) ??
              (typeof value === "number" && !Number.isFinite(value) ? t(lang, "写一个具体的数,如 2", "write an actual number, such as 2") : undefined)));
        }
        break;
      }
      case "invalid_value": {
        const allowed = issue.values.map(String);
        const guess = typeof value === "string" ? didYouMean(value, allowed) : undefined;
        out.push(problemAt(src, path, "field-value",
          t(lang, `「${field}」的值 ${JSON.stringify(value)} 不在允许范围内`, `'${field}' cannot be ${JSON.stringify(value)}`),
          guess
            ? t(lang, `是不是「${guess}」?`, `did you mean '${guess}'?`)
            : t(lang, `可用的值:${allowed.slice(0, 20).join("、")}`, `allowed values: ${allowed.slice(0, 20).join(", ")}`)));
        break;
      }
      case "too_small":
      case "too_big": {
        const small = issue.code === "too_small";
        const bound = String((issue as { minimum?: unknown; maximum?: unknown })[small ? "minimum" : "maximum"]);
        const origin = (issue as { origin?: string }).origin;
        const isCount = origin === "array" || origin === "string";
        const length = typeof value === "string" || Array.isArray(value) ? value.length : undefined;
        out.push(problemAt(src, path, "field-range",
          isCount
            ? small
              ? t(lang, `「${field}」不能为空`, `'${field}' is empty`)
              : origin === "string"
                ? t(lang, `「${field}」太长(${length} 个字符,上限 ${bound})`, `'${field}' is too long (${length} characters; the limit is ${bound})`)
                : t(lang, `「${field}」太长(${length} 项,上限 ${bound})`, `'${field}' is too long (${length} entries; the limit is ${bound})`)
            : t(lang, `「${field}」应${small ? (issue as { inclusive?: boolean }).inclusive === false ? "大于" : "不小于" : "不大于"} ${bound},实际是 ${describe(value)}`,
                `'${field}' must be ${small ? (issue as { inclusive?: boolean }).inclusive === false ? "more than" : "at least" : "at most"} ${bound}, not ${describe(value)}`),
          small && !isCount ? t(lang, "写一个正数", "write a positive number")
            : small && origin === "array" ? t(lang, `至少列出一项,或删除「${field}」这一行`, `list at least one, or delete the '${field}' line`)
            : !small && isCount ? t(lang, `缩短到 ${bound} 个以内`, `shorten it to at most ${bound}`)
            : undefined));
        break;
      }
      case "invalid_format":
      case "invalid_union":
      case "custom":
      default: {
        out.push(customProblem(src, path, field, value, issue.message, lang));
      }
    }
  }
  return out;
}

/** Our own refinements carry a short code as their message (see schema/fields.ts). */
function customProblem(src: YamlSource, path: (string | number)[], field: string, value: unknown, code: string, lang: Lang): Problem {
  switch (code) {
    case "date-format":
      return problemAt(src, path, "date",
        t(lang, `「${field}」不是日期:${JSON.stringify(value)}`, `'${field}' is not a date: ${JSON.stringify(value)}`),
        fullWidthHint(value, lang) ?? t(lang, "日期写成 2025-09-12 的形式", "write dates as 2025-09-12"));
    case "date-invalid":
      return problemAt(src, path, "date",
        t(lang, `日期不存在:${String(value)}`, `no such date: ${String(value)}`),
        t(lang, "检查月份和日子(比如 2 月没有 30 日)", "check the month and day (February has no 30th)"));
    case "time-invalid":
      return problemAt(src, path, "date",
        t(lang, `时间不存在:${String(value)}`, `no such time: ${String(value)}`),
        t(lang, `小时为 00–23,分钟为 00–59;或只写日期:${String(value).slice(0, 10)}`, `hours run 00–23 and minutes 00–59; or write the date alone: ${String(value).slice(0, 10)}`));
    case "bidi-control": {
      const c = typeof value === "string" ? /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(value)?.[0] : undefined;
      const code = c ? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : "";
      return problemAt(src, path, "text-control",
        t(lang, `「${field}」含有不可见的双向控制字符 ${code},会改变文字显示的顺序`, `'${field}' holds the invisible bidirectional control ${code}, which changes the order text is shown in`),
        t(lang, "删除这个字符(最好重新输入这段文字)", "delete the character (best: type the text again)"));
    }
    case "id-format":
      return problemAt(src, path, "id",
        t(lang, `编号 ${JSON.stringify(value)} 只能用字母、数字、点、下划线或连字符`, `id ${JSON.stringify(value)} may use only letters, digits, '.', '_' and '-'`),
        fullWidthIdHint(value, lang) ?? t(lang, "用拼音或工号作编号,如 t01、zhangli", "use pinyin or a staff number, such as t01 or zhangli"));
    default:
      return problemAt(src, path, "schema",
        t(lang, `「${field}」的值不对:${describe(value)}`, `'${field}' is not valid: ${code}`),
        undefined);
  }
}

/** Validate parsed data against a schema; problems point at the offending nodes. */
export function validate<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
  lang: Lang,
): { data?: z.output<S>; problems: Problem[] } {
  const result = schema.safeParse(source.data);
  if (result.success) return { data: result.data, problems: [] };
  return { problems: zodIssuesToProblems(source, schema, result.error.issues, lang) };
}
