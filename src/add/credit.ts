/**
 * What a record will earn, before it is written: the rule engine scores the teachers it touches over its
 * term with and without it. The difference is what the teacher gets (after caps); the trace says why a
 * record earns nothing (a level the rules do not credit, too short, a cap already full).
 */
import { t, type Lang } from "../i18n.js";
import type { Dataset, Origin, Term } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { scoreDataset } from "../score/evaluate.js";
import type { ScoreResult } from "../score/types.js";
import { reasonText } from "../reports/explain-doc.js";
import { unitLabel } from "../reports/labels.js";

export interface CreditChange {
  teacher: string;
  name: string;
  before: number;
  after: number;
  /** Requirements the record moves (听课 12 → 14 of 20): it counts even when the total does not move. */
  requirements: { id: string; label: string; labelEn: string; before: number; after: number; minimum?: number }[];
}

export interface CreditPreview {
  unit: ScoreResult["scheme"]["unit"];
  changes: CreditChange[];
  /** Why the new record earned nothing, as the engine's trace says (codes like no-entry, too-short, cap). */
  reasons: string[];
  /** The rules count approved records only: the figures are what it earns once approved. */
  onceApproved: boolean;
}

/** From the item the write adds: the one at `index` in `file` (a session gives one activity per member). */
function isNew(origin: Origin | undefined, file: string, index: number): boolean {
  return origin !== undefined && origin.file === file && origin.index === index;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Scores `teachers` over the term before and after; undefined when the rules cannot be scored (a rule file
 * with errors). `index` is the new item's place in its file's list.
 */
export function previewCredit(before: Dataset, after: Dataset, scheme: Scheme | undefined, at: { file: string; index: number }, teachers: string[], term: Term): CreditPreview | undefined {
  if (!scheme || scheme.skipped) return undefined;
  const onceApproved = scheme.meta.approvedOnly;
  // A new record is 录入 until reviewed; with approvedOnly rules it would earn nothing yet, which says nothing.
  const activities = onceApproved
    ? after.activities.map((a) => (isNew(a.origin, at.file, at.index) ? { ...a, status: "approved" } : a))
    : after.activities;
  const only = (d: Dataset): Dataset => ({ ...d, roster: { ...d.roster, teachers: d.roster.teachers.filter((x) => teachers.includes(x.id)) } });
  const period = { type: "term" as const, id: term.id, start: term.start, end: term.end };
  const was = scoreDataset(only(before), scheme, period);
  const now = scoreDataset(only({ ...after, activities }), scheme, period);
  const wasOf = (id: string) => was.teachers.find((x) => x.teacher === id);
  const changes = now.teachers.map((x) => {
    const old = wasOf(x.teacher);
    const requirements = x.requirements.flatMap((r) => {
      const before = old?.requirements.find((o) => o.id === r.id && o.window === r.window)?.actual ?? 0;
      const def = now.requirements.find((d) => d.id === r.id);
      return r.actual === before || !def ? [] : [{ id: r.id, label: def.label, labelEn: def.labelEn, before: round(before), after: round(r.actual), minimum: r.minimum }];
    });
    return { teacher: x.teacher, name: x.name, before: round(old?.total ?? 0), after: round(x.total), requirements };
  });
  const mine = now.trace.filter((e) => isNew(e.origin, at.file, at.index));
  const reasons = [...new Set(mine.filter((e) => e.step === "excluded" || e.step === "duplicate").map((e) => (e.step === "duplicate" ? "duplicate" : e.reason ?? "excluded")))];
  if (mine.length === 0) reasons.push("no-item");
  else if (reasons.length === 0) {
    // Credited, yet the total did not move: a cap (the item's or its category's) took it.
    const items = new Set(mine.map((e) => e.item));
    if (now.trace.some((e) => (e.step === "cap" || e.step === "category-cap") && teachers.includes(e.teacher) && (e.step === "category-cap" || items.has(e.item)))) reasons.push("cap");
  }
  return { unit: now.scheme.unit, changes, reasons, onceApproved };
}

/** Nobody gains anything from the record: no total and no requirement moves. */
export function earnsNothing(p: CreditPreview): boolean {
  return p.changes.every((c) => c.after <= c.before && c.requirements.every((r) => r.after <= r.before));
}

const MORE_REASONS: Record<string, [string, string]> = {
  "no-item": ["规则中没有为这类记录计学时的条目", "no rule item credits this kind of record"],
  cap: ["这一项的上限已满", "the item's cap is already reached"],
  duplicate: ["同一项已经计过", "the same activity is already counted"],
};

/** "学时:黄敏斌(t01) 本学期 40 → 43(+3)", and a warning line when it earns nothing. */
export function creditLines(p: CreditPreview | undefined, lang: Lang): string[] {
  if (!p) return [t(lang, "学时:规则文件有误,暂时无法计算(先运行 yanxiu check)", "credit: the rules have errors and cannot be scored yet (run yanxiu check)")];
  const unit = unitLabel(p.unit, lang);
  const n = (x: number) => String(round(x));
  const delta = (c: CreditChange) => (c.after >= c.before ? `+${n(c.after - c.before)}` : `−${n(c.before - c.after)}`);
  const head = p.onceApproved ? t(lang, "审定后学时", "credit once approved") : t(lang, "学时", "credit");
  const lines = p.changes.flatMap((c) => [
    t(lang, `${head}:${c.name}(${c.teacher}) 本学期 ${n(c.before)} → ${n(c.after)} ${unit}(${delta(c)})`,
      `${head}: ${c.name} (${c.teacher}) this term ${n(c.before)} → ${n(c.after)} ${unit} (${delta(c)})`),
    ...c.requirements.map((r) => `  ${t(lang, r.label, r.labelEn)} ${n(r.before)} → ${n(r.after)}${r.minimum !== undefined ? `/${n(r.minimum)}` : ""}`),
  ]);
  if (earnsNothing(p)) {
    const why = p.reasons.map((r) => (MORE_REASONS[r] ? t(lang, MORE_REASONS[r][0], MORE_REASONS[r][1]) : reasonText(r, lang))).join(t(lang, "、", "; "));
    lines.push(t(lang, `注意:按现行规则这条记录不计学时${why ? `(${why})` : ""};仍可以写入`, `note: under the rules this record earns nothing${why ? ` (${why})` : ""}; it can still be written`));
  }
  return lines;
}
