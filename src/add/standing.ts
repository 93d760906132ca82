/**
 * What a teacher sees after adding a record: how the term stands. Requirements with their
 * progress ("每学期听课节数 12/15") and the term total from the rule engine, plus counts per kind.
 */
import { t, type Lang } from "../i18n.js";
import type { Dataset, Term } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { scoreDataset } from "../score/evaluate.js";

export function standingLines(dataset: Dataset, scheme: Scheme | undefined, teacherId: string, term: Term, lang: Lang): string[] {
  const teacher = dataset.roster.teachers.find((x) => x.id === teacherId);
  const name = teacher ? `${teacher.name}(${teacher.id})` : teacherId;
  const lines = [t(lang, `${name} ${term.name}:`, `${teacherId}, ${term.name}:`)];
  const acts = dataset.activities.filter((a) => a.teacher === teacherId && term.start <= a.date && a.date <= term.end);
  const byKind = new Map<string, { records: number; count: number }>();
  for (const a of acts) {
    const k = byKind.get(a.kind) ?? { records: 0, count: 0 };
    k.records++;
    k.count += a.count;
    byKind.set(a.kind, k);
  }
  const label = (kind: string) => {
    const def = scheme?.kinds.get(kind);
    return def ? t(lang, def.label, def.labelEn) : kind;
  };
  const kinds = [...byKind.entries()].map(([kind, k]) =>
    k.count !== k.records
      ? t(lang, `${label(kind)} ${k.records} 条(${k.count})`, `${label(kind)} ${k.records} (${k.count})`)
      : t(lang, `${label(kind)} ${k.records} 条`, `${label(kind)} ${k.records}`));
  lines.push(t(lang, `  记录:${kinds.join("、") || "无"}`, `  records: ${kinds.join(", ") || "none"}`));
  // A partial scheme (a rule file with errors) is never scored.
  if (!scheme || scheme.skipped || !teacher) return lines;

  const one: Dataset = { ...dataset, roster: { ...dataset.roster, teachers: [teacher] } };
  const result = scoreDataset(one, scheme, { type: "term", id: term.id, start: term.start, end: term.end });
  const score = result.teachers[0];
  if (!score) return lines;
  const unit = result.scheme.unit === "credits" ? t(lang, "学分", "credits") : t(lang, "学时", "hours");
  for (const r of score.requirements) {
    const def = result.requirements.find((x) => x.id === r.id);
    const name = def ? t(lang, def.label, def.labelEn) : r.id;
    const goal = r.minimum !== undefined ? `/${r.minimum}` : r.maximum !== undefined ? ` (≤${r.maximum})` : "";
    const suffix = r.measure === "words" ? t(lang, " 字", " chars") : r.measure === "credit" || r.measure === "hours" ? ` ${unit}` : "";
    const mark = r.met ? "✓" : r.partial ? "…" : "✗";
    lines.push(`  ${mark} ${name} ${r.actual}${goal}${suffix}`);
  }
  lines.push(t(lang, `  本学期合计 ${score.total} ${unit}`, `  term total ${score.total} ${unit}`));
  return lines;
}
