/**
 * Messages of the file schemas (src/schema/zod-problems.ts): a field missing, unknown, of the
 * wrong type or out of range, a date or id that cannot be one. Shared suggestions (did-you-mean,
 * full-width digits) live here too, used wherever a value can be corrected that way.
 */
import { defineMessages, listEn, listZh } from "./catalogue.js";

/** What a field must be, as zod names it ("string", "int" …). */
const TYPE_ZH: Record<string, string> = {
  string: "文字",
  number: "数字",
  boolean: "是/否(true/false)",
  array: "列表",
  object: "键值对象",
  int: "整数",
};
const TYPE_EN: Record<string, string> = { int: "a whole number", array: "a list", object: "a map of fields" };

/** Forms of a number other than plain decimal (src/schema/number-forms.ts). */
export type NumberFormName = "hex" | "octal" | "binary" | "leading-zero" | "exponent" | "base60" | "underscores";
const NUMBER_FORM: Record<NumberFormName, { zh: string; en: string }> = {
  hex: { zh: "十六进制", en: "hexadecimal" },
  octal: { zh: "八进制", en: "octal" },
  binary: { zh: "二进制", en: "binary" },
  "leading-zero": { zh: "以 0 开头,旧版 YAML 会当作八进制", en: "a leading zero, which older YAML reads as octal" },
  exponent: { zh: "科学计数法", en: "exponent notation" },
  base60: { zh: "六十进制(时:分)", en: "base 60 (hours:minutes)" },
  underscores: { zh: "带下划线", en: "underscores" },
};

/** The bound a value broke: zod's too_small (exclusive or not) or too_big. */
type Bound = "more-than" | "at-least" | "at-most";
const BOUND_ZH: Record<Bound, string> = { "more-than": "大于", "at-least": "不小于", "at-most": "不大于" };
const BOUND_EN: Record<Bound, string> = { "more-than": "more than", "at-least": "at least", "at-most": "at most" };

export const schemaMessages = defineMessages({
  "did-you-mean": {
    example: { guess: "observation" },
    zh: (d) => `是不是「${d.guess}」?`,
    en: (d) => `did you mean '${d.guess}'?`,
  },
  "full-width-digits": {
    example: { ascii: "2025-09-12" },
    zh: (d) => `这是全角数字,请改成半角:${d.ascii}`,
    en: (d) => `these are full-width digits: write ${d.ascii}`,
  },
  "quoted-number": {
    example: {},
    zh: () => "去掉引号,写成数字",
    en: () => "remove the quotes so it is a number",
  },
  "number-format": {
    example: { field: "hours", value: "0x10", form: "hex" as NumberFormName },
    zh: (d) => `「${d.field}」必须写成普通的十进制数,不能写 ${d.value}(${NUMBER_FORM[d.form].zh})`,
    en: (d) => `'${d.field}' must be a plain decimal number, not ${d.value} (${NUMBER_FORM[d.form].en})`,
  },
  "number-format.hint-decimal": {
    example: { decimal: "16" },
    zh: (d) => `写成 ${d.decimal}`,
    en: (d) => `write ${d.decimal}`,
  },
  "number-format.hint-plain": {
    example: {},
    zh: () => "写出一个普通的十进制数,如 2 或 1.5",
    en: () => "write a plain decimal number, such as 2 or 1.5",
  },
  "unknown-key": {
    example: { key: "titel" },
    zh: (d) => `未知的字段「${d.key}」`,
    en: (d) => `unknown field '${d.key}'`,
  },
  "unknown-key.hint-list": {
    example: { fields: ["date", "kind", "title"] },
    zh: (d) => `可用的字段:${listZh(d.fields, false)}`,
    en: (d) => `allowed fields: ${listEn(d.fields, false)}`,
  },
  "missing-field": {
    example: { field: "title" },
    zh: (d) => `缺少必填字段「${d.field}」`,
    en: (d) => `required field '${d.field}' is missing`,
  },
  "missing-field.hint-add": {
    example: { field: "title" },
    zh: (d) => `加上 ${d.field}: …`,
    en: (d) => `add '${d.field}: …'`,
  },
  "field-type": {
    example: { field: "hours", expected: "number", actual: 'string "两"' },
    zh: (d) => `「${d.field}」应为${TYPE_ZH[d.expected] ?? d.expected},实际是 ${d.actual}`,
    en: (d) => `'${d.field}' must be ${TYPE_EN[d.expected] ?? `a ${d.expected}`}, not ${d.actual}`,
  },
  "field-type.hint-finite": {
    example: {},
    zh: () => "写一个具体的数,如 2",
    en: () => "write an actual number, such as 2",
  },
  "field-value": {
    example: { field: "level", value: '"省"' },
    zh: (d) => `「${d.field}」的值 ${d.value} 不在允许范围内`,
    en: (d) => `'${d.field}' cannot be ${d.value}`,
  },
  "field-value.hint-list": {
    example: { values: ["school", "district", "city"] },
    zh: (d) => `可用的值:${listZh(d.values, false)}`,
    en: (d) => `allowed values: ${listEn(d.values, false)}`,
  },
  "field-range": {
    example: { field: "hours", bound: "at-least" as Bound, limit: "0", actual: "number -2" },
    zh: (d) => `「${d.field}」应${BOUND_ZH[d.bound]} ${d.limit},实际是 ${d.actual}`,
    en: (d) => `'${d.field}' must be ${BOUND_EN[d.bound]} ${d.limit}, not ${d.actual}`,
  },
  "field-range.empty": {
    example: { field: "title" },
    zh: (d) => `「${d.field}」不能为空`,
    en: (d) => `'${d.field}' is empty`,
  },
  "field-range.long-text": {
    example: { field: "title", length: 210, limit: "200" },
    zh: (d) => `「${d.field}」太长(${d.length} 个字符,上限 ${d.limit})`,
    en: (d) => `'${d.field}' is too long (${d.length} characters; the limit is ${d.limit})`,
  },
  "field-range.long-list": {
    example: { field: "evidence", length: 60, limit: "50" },
    zh: (d) => `「${d.field}」太长(${d.length} 项,上限 ${d.limit})`,
    en: (d) => `'${d.field}' is too long (${d.length} entries; the limit is ${d.limit})`,
  },
  "field-range.hint-positive": {
    example: {},
    zh: () => "写一个正数",
    en: () => "write a positive number",
  },
  "field-range.hint-one": {
    example: { field: "evidence" },
    zh: (d) => `至少列出一项,或删除「${d.field}」这一行`,
    en: (d) => `list at least one, or delete the '${d.field}' line`,
  },
  "field-range.hint-shorten": {
    example: { limit: "200" },
    zh: (d) => `缩短到 ${d.limit} 个以内`,
    en: (d) => `shorten it to at most ${d.limit}`,
  },
  "date": {
    example: { field: "date", value: '"9月12日"' },
    zh: (d) => `「${d.field}」不是日期:${d.value}`,
    en: (d) => `'${d.field}' is not a date: ${d.value}`,
  },
  "date.hint-format": {
    example: {},
    zh: () => "日期写成 2025-09-12 的形式",
    en: () => "write dates as 2025-09-12",
  },
  "date.no-such-day": {
    example: { value: "2026-02-30" },
    zh: (d) => `日期不存在:${d.value}`,
    en: (d) => `no such date: ${d.value}`,
  },
  "date.hint-no-such-day": {
    example: {},
    zh: () => "检查月份和日子(比如 2 月没有 30 日)",
    en: () => "check the month and day (February has no 30th)",
  },
  "date.no-such-time": {
    example: { value: "2026-03-02T25:00" },
    zh: (d) => `时间不存在:${d.value}`,
    en: (d) => `no such time: ${d.value}`,
  },
  "date.hint-no-such-time": {
    example: { date: "2026-03-02" },
    zh: (d) => `小时为 00–23,分钟为 00–59;或只写日期:${d.date}`,
    en: (d) => `hours run 00–23 and minutes 00–59; or write the date alone: ${d.date}`,
  },
  "text-control": {
    example: { field: "title", code: "U+202E" },
    zh: (d) => `「${d.field}」含有不可见的双向控制字符 ${d.code},会改变文字显示的顺序`,
    en: (d) => `'${d.field}' holds the invisible bidirectional control ${d.code}, which changes the order text is shown in`,
  },
  "text-control.hint": {
    example: {},
    zh: () => "删除这个字符(最好重新输入这段文字)",
    en: () => "delete the character (best: type the text again)",
  },
  "id": {
    example: { value: '"李 娜"' },
    zh: (d) => `编号 ${d.value} 只能用字母、数字、点、下划线或连字符`,
    en: (d) => `id ${d.value} may use only letters, digits, '.', '_' and '-'`,
  },
  "id.hint-full-width": {
    example: { ascii: "t01" },
    zh: (d) => `这里有全角字符,请改成半角:${d.ascii}`,
    en: (d) => `this has full-width characters: write ${d.ascii}`,
  },
  "id.hint-pinyin": {
    example: {},
    zh: () => "用拼音或工号作编号,如 t01、zhangli",
    en: () => "use pinyin or a staff number, such as t01 or zhangli",
  },
  "schema": {
    example: { field: "closed", actual: "number 3", detail: "Invalid input" },
    zh: (d) => `「${d.field}」的值不对:${d.actual}`,
    en: (d) => `'${d.field}' is not valid: ${d.detail}`,
  },
});
