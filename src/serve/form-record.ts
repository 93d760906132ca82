/**
 * A record from the add form: the same fields and conversions as `yanxiu add` (full-width
 * digits are numbers, dates must exist, a date must fall in a term), as an item to write or
 * messages per field. Pure.
 */
import { t, type Lang } from "../i18n.js";
import { termOf, type Config, type Term } from "../model.js";
import type { KindDef } from "../rules/types.js";
import { buildRecord } from "../add/record.js";
import { DATE_RE, isRealDate } from "../schema/fields.js";
import { NUMBER_FIELDS } from "./views/add.js";

export interface FormRecord {
  item?: Record<string, unknown>;
  term?: Term;
  errors: Record<string, string[]>;
}

export function recordFromForm(values: Record<string, string>, kind: KindDef, config: Config, evidence: string[], lang: Lang): FormRecord {
  const errors: Record<string, string[]> = {};
  const say = (f: string, m: string) => (errors[f] ??= []).push(m);
  const date = (values.date ?? "").trim();
  if (!isRealDate(date)) say("date", DATE_RE.test(date) ? t(lang, `日期不存在:${date}`, `no such date: ${date}`) : t(lang, "请选择日期", "choose a date"));
  const term = isRealDate(date) ? termOf(config, date) : undefined;
  if (isRealDate(date) && !term) say("date", t(lang, `日期 ${date} 不在任何学期之内`, `the date ${date} is not inside any term`));
  if (!(values.title ?? "").trim()) say("title", t(lang, "请填写标题", "enter a title"));
  const numbers: Record<string, number> = {};
  for (const f of NUMBER_FIELDS) {
    const v = (values[f] ?? "").normalize("NFKC").trim();
    if (v === "") continue;
    if (!/^\d+(\.\d+)?$/.test(v)) say(f, t(lang, `应为数字,而不是「${v}」`, `must be a number, not '${v}'`));
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
