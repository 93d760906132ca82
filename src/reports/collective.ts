/**
 * Group and school requirements (subject: group | school) as report data and lines: what a
 * group must hold or hand in, and the share of teachers the school needs. Pure data for the
 * group table, summary and explain; `collectiveLines` gives the text lines they share.
 */
import { t, type Lang } from "../i18n.js";
import type { Line } from "./document.js";
import type { CollectiveScore, ScoreResult } from "../score/types.js";
import { requirementCell, type RequirementCell } from "./teacher-table.js";

/** `share`: the value is a share of teachers (0..1), shown as a percentage. */
export type CollectiveCell = RequirementCell & { share?: boolean };

export interface CollectiveRow {
  id: string;
  name: string;
  met: boolean;
  requirements: CollectiveCell[];
}

function labels(result: ScoreResult, lang: Lang): Map<string, string> {
  return new Map(result.requirements.map((r) => [r.id, lang === "en" ? r.labelEn : r.label]));
}

const row = (c: CollectiveScore, names: Map<string, string>): CollectiveRow => ({
  id: c.id,
  name: c.name,
  met: c.met,
  requirements: c.requirements.map((r) => ({ ...requirementCell(r, names), ...(r.measure === "share" ? { share: true } : {}) })),
});

/** A group's own requirement results, or undefined when the scheme has none. */
export function groupRequirements(result: ScoreResult, group: string, lang: Lang): CollectiveRow | undefined {
  const g = result.groups?.find((x) => x.id === group);
  return g && g.requirements.length ? row(g, labels(result, lang)) : undefined;
}

export function schoolRequirements(result: ScoreResult, lang: Lang): CollectiveRow | undefined {
  return result.school && result.school.requirements.length ? row(result.school, labels(result, lang)) : undefined;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** One cell as text: 每学月至少二场次 2025-10: 1 / 2 差 1; a share as a percentage. */
export function collectiveText(c: CollectiveCell, lang: Lang): string {
  const share = c.share === true;
  const v = (x: number) => (share ? pct(x) : String(x));
  const bound = c.minimum !== undefined ? v(c.minimum) : `≤ ${v(c.maximum ?? 0)}`;
  const state = c.met ? t(lang, "达到", "met") : c.shortBy ? t(lang, `差 ${v(c.shortBy)}`, `short by ${v(c.shortBy)}`) : t(lang, `超出 ${v(c.excess)}`, `${v(c.excess)} over`);
  return t(lang, `${c.label} ${c.window}:${v(c.actual)} / ${bound},${state}`, `${c.label} ${c.window}: ${v(c.actual)} of ${bound}, ${state}`);
}

/** Lines for a report: every unmet result, or one "all met" line. */
export function collectiveLines(r: CollectiveRow, lang: Lang, indent = 1): Line[] {
  const unmet = r.requirements.filter((c) => !c.met);
  if (unmet.length === 0) return [{ indent, tone: "ok", text: t(lang, `${r.name}:${r.requirements.length} 项组/校要求均已达到`, `${r.name}: all ${r.requirements.length} group/school requirements met`) }];
  return unmet.map((c) => ({ indent, tone: "short" as const, text: `${r.name}${t(lang, ":", ": ")}${collectiveText(c, lang)}` }));
}
