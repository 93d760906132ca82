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
import { parseLooseDate } from "../input/date.js";
import { msg, render } from "../messages/index.js";
import { NUMBER_FIELDS } from "./views/add.js";

export interface FormRecord {
  item?: Record<string, unknown>;
  term?: Term;
  errors: Record<string, string[]>;
}

export function recordFromForm(values: Record<string, string>, kind: KindDef, config: Config, evidence: string[], lang: Lang, today: string): FormRecord {
  const errors: Record<string, string[]> = {};
  const say = (f: string, m: string) => (errors[f] ??= []).push(m);
  const typed = (values.date ?? "").trim();
  // As `yanxiu add` reads them: 2026/7/2, 2026年7月1日, full-width digits (a phone's browser
  // without a date picker sends what was typed).
  const loose = typed === "" ? undefined : parseLooseDate(typed, today);
  const date = loose?.ok ? loose.iso : typed;
  if (!isRealDate(date)) {
    say("date", loose?.ok === false && loose.reason === "impossible" ? t(lang, `日期不存在:${typed}`, `no such date: ${typed}`)
      : typed === "" ? t(lang, "请选择日期", "choose a date")
      : t(lang, `看不懂的日期「${typed}」:请选择日期,或写成 2026-07-01`, `cannot read the date '${typed}': choose a date, or write it as 2026-07-01`));
  }
  const future = isRealDate(date) && date > today;
  if (future) say("date", `${render(msg("future-date", { date, today }), lang)}(${render(msg("future-date.hint"), lang)})`);
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
