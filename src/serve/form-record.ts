/**
 * A record from the add form: the same fields and conversions as `yanxiu add` (full-width
 * digits are numbers, dates must exist, a date must fall in a term), as an item to write or
 * messages per field. Pure.
 */
import { t, type Lang } from "../i18n.js";
import { termOf, type Config, type Term } from "../model.js";
import type { KindDef } from "../rules/types.js";
import { buildRecord } from "../add/record.js";
import { isRealDate } from "../schema/fields.js";
import { parseLooseDate, toHalfWidth } from "../input/date.js";
import { field, type Form } from "./request.js";
import type { Msg } from "../problem.js";
import { msg, render } from "../messages/index.js";
import { fieldLabel, NUMBER_FIELDS } from "./views/add.js";

export interface FormRecord {
  item?: Record<string, unknown>;
  term?: Term;
  errors: Record<string, string[]>;
}

/**
 * A date as typed into the form, read as `yanxiu add` reads it (2026/7/2, 2026年7月1日, full-width
 * digits: a phone's browser without a date picker sends what was typed), but only with its year:
 * "4月21日" typed just before midnight on a server a day ahead would land a year early, unseen.
 */
export function readFormDate(typed: string, today: string, lang: Lang): { iso?: string; error?: string } {
  const s = typed.trim();
  if (s === "") return { error: t(lang, "请选择日期", "choose a date") };
  const loose = parseLooseDate(s, today);
  if (!loose.ok) {
    return { error: loose.reason === "impossible" ? t(lang, `日期不存在:${s}`, `no such date: ${s}`)
      : t(lang, `看不懂的日期「${s}」:请选择日期,或写成 2026-07-01`, `cannot read the date '${s}': choose a date, or write it as 2026-07-01`) };
  }
  if (!/\d{4}/.test(toHalfWidth(s))) return { error: t(lang, `请写上年份:「${s}」是 ${loose.iso} 吗?`, `write the year: is '${s}' ${loose.iso}?`) };
  return { iso: loose.iso };
}

export function recordFromForm(values: Record<string, string>, kind: KindDef, config: Config, evidence: string[], lang: Lang, today: string): FormRecord {
  const errors: Record<string, string[]> = {};
  const say = (f: string, m: string) => (errors[f] ??= []).push(m);
  const read = readFormDate(values.date ?? "", today, lang);
  if (read.error) say("date", read.error);
  const date = read.iso ?? "";
  const future = isRealDate(date) && date > today;
  if (future) say("date", t(lang, `${render(msg("future-date", { date, today }), lang)}(${render(msg("future-date.hint"), lang)})`, `${render(msg("future-date", { date, today }), lang)} (${render(msg("future-date.hint"), lang)})`));
  const term = isRealDate(date) ? termOf(config, date) : undefined;
  if (isRealDate(date) && !term && !future) say("date", t(lang, `日期 ${date} 不在任何学期之内`, `the date ${date} is not inside any term`));
  if (!(values.title ?? "").trim()) say("title", t(lang, "请填写标题", "enter a title"));
  const numbers: Record<string, number> = {};
  for (const f of NUMBER_FIELDS) {
    const v = (values[f] ?? "").normalize("NFKC").trim();
    if (v === "") continue;
    if (/^-\d+(\.\d+)?$/.test(v)) say(f, t(lang, `不能是负数:「${v}」`, `cannot be negative: '${v}'`));
    else if (!/^\d+(\.\d+)?$/.test(v)) say(f, t(lang, `应为数字,而不是「${v}」`, `must be a number, not '${v}'`));
    else numbers[f] = Number(v);
  }
  if (Object.keys(errors).length > 0) return { errors };
  const pick = (f: string) => (kind.fields.includes(f) ? values[f] : undefined);
  const item = buildRecord({
    date, kind: kind.id, title: values.title!,
    level: pick("level"), award: pick("award"), role: pick("role"), stage: pick("stage"),
    hours: kind.fields.includes("hours") ? numbers.hours : undefined,
    count: kind.fields.includes("count") ? numbers.count : undefined,
    words: kind.fields.includes("words") ? numbers.words : undefined,
    score: kind.fields.includes("score") ? numbers.score : undefined,
    evidence, notes: values.notes,
  });
  return { item, term, errors };
}

/**
 * The record fields of a posted add or edit form, each cut to a sane length; a date typed as
 * `yanxiu add` reads it (2026/7/2, 2026年7月1日) as YYYY-MM-DD, which is what the evidence's file
 * name, the commit and a date picker shown again need.
 */
export function recordFormValues(form: Form, today: string): Record<string, string> {
  const values = Object.fromEntries(["date", "title", "level", "award", "role", "stage", "hours", "count", "words", "score", "notes"].map((f) => [f, field(form, f).slice(0, 2000)]));
  const read = readFormDate(values.date!, today, "zh");
  if (read.iso) values.date = read.iso;
  return values;
}

/**
 * A form sent back with errors cannot hold the files that were chosen (a browser never fills a
 * file input): say so beside it, or the next save goes without them unnoticed.
 */
export function chooseAgain(errors: Record<string, string[]>, chosen: number, lang: Lang): Record<string, string[]> {
  if (chosen === 0) return errors;
  const note = t(lang, `所选的 ${chosen} 个文件没有保存:请重新选择`, `The ${chosen} file(s) chosen were not saved: choose them again`);
  return { ...errors, evidence: [...(errors.evidence ?? []), note] };
}

/**
 * check's message as the form shows it: the field by its label on the form (数量(节/次), not
 * count) and the value as typed (100000, not "number 100000": the file's type words mean
 * nothing to someone who typed into a box).
 */
export function asOnTheForm(m: Msg, lang: Lang): Msg {
  const d = m.data;
  if (!d) return m;
  const data = { ...d };
  if (typeof d.field === "string") data.field = fieldLabel(d.field, lang);
  if (typeof d.actual === "string") data.actual = d.actual.replace(/^(?:number|boolean) /, "").replace(/^string "(.*)"$/, lang === "zh" ? "「$1」" : "'$1'");
  return { ...m, data };
}
