/**
 * A requirement in words, the same in every format: "差 3", "超 1", "达标", and for a window
 * that runs on past the period "进行中 14/48(29%)" — never a failure before the window ends.
 */
import { t, type Lang } from "../i18n.js";
import { inProgress } from "../score/progress.js";
import type { RequirementCell } from "./teacher-table.js";

/** At most two decimals, no trailing zeros: numbers are rounded once, here, for display. */
export function fmtNum(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(2).replace(/\.?0+$/, "");
}

/** 14 of 48 → "29%": a whole percent, rounded once. */
export function progressPercent(actual: number, minimum: number): string {
  return minimum > 0 ? `${Math.min(100, Math.round((actual / minimum) * 100))}%` : "100%";
}

export function requirementState(r: RequirementCell, lang: Lang): string {
  if (r.met) return t(lang, "达标", "met");
  if (inProgress(r)) {
    const min = r.minimum ?? 0;
    return t(lang, `进行中 ${fmtNum(r.actual)}/${fmtNum(min)}(${progressPercent(r.actual, min)})`, `in progress ${fmtNum(r.actual)}/${fmtNum(min)} (${progressPercent(r.actual, min)})`);
  }
  return r.shortBy > 0 ? t(lang, `差 ${fmtNum(r.shortBy)}`, `short by ${fmtNum(r.shortBy)}`) : t(lang, `超 ${fmtNum(r.excess)}`, `over by ${fmtNum(r.excess)}`);
}

/** "label(window,至今) state"; the window only when it is not the period itself. */
export function requirementText(r: RequirementCell, lang: Lang, periodId: string): string {
  const where = r.window !== periodId ? t(lang, `(${r.window}${r.partial ? ",至今" : ""})`, ` (${r.window}${r.partial ? ", so far" : ""})`) : "";
  return `${r.label}${where} ${requirementState(r, lang)}`;
}
