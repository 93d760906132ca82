/** Small label helpers shared by the report builders. */
import { t, type Lang } from "../i18n.js";
import type { Period, ScoreResult } from "../score/types.js";

export function unitLabel(unit: ScoreResult["scheme"]["unit"], lang: Lang): string {
  return unit === "credits" ? t(lang, "学分", "credits") : unit === "points" ? t(lang, "分", "points") : t(lang, "学时", "hours");
}

export function periodLabel(p: Period, lang: Lang): string {
  const kind = p.type === "term" ? t(lang, "学期", "term") : p.type === "year" ? t(lang, "学年", "school year") : t(lang, "周期", "cycle");
  return t(lang, `${kind} ${p.id}(${p.start} 至 ${p.end})`, `${kind} ${p.id} (${p.start} to ${p.end})`);
}

export function label(l: { label: string; labelEn: string }, lang: Lang): string {
  return lang === "en" ? l.labelEn : l.label;
}

export function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

/** Labels of the result's requirements by id. */
export function requirementLabels(result: ScoreResult, lang: Lang): Map<string, string> {
  return new Map(result.requirements.map((r) => [r.id, label(r, lang)]));
}
