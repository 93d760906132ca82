/**
 * What an import will do, before it does it: per teacher and term, how many records and the
 * term total before → after (so what the rows earn shows); per group and term, how many
 * sessions. Pure: the repository before and after, the plan's files in.
 */
import { t, type Lang } from "../i18n.js";
import type { Dataset } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { scoreDataset } from "../score/evaluate.js";
import type { PlannedFile } from "./plan.js";

const round = (x: number) => Math.round(x * 100) / 100;

export function previewLines(files: readonly PlannedFile[], before: Dataset, after: Dataset | undefined, scheme: Scheme | undefined, lang: Lang): string[] {
  const lines: string[] = [];
  const unit = scheme?.meta.unit === "credits" ? t(lang, "学分", "credits") : scheme?.meta.unit === "points" ? t(lang, "分", "points") : t(lang, "学时", "hours");
  const totalOf = (d: Dataset, teacher: string, term: PlannedFile["items"][number]["term"]) => {
    const one = d.roster.teachers.find((x) => x.id === teacher);
    if (!scheme || scheme.skipped || !one || one.scored === false) return undefined;
    const r = scoreDataset({ ...d, roster: { ...d.roster, teachers: [one] } }, scheme, { type: "term", id: term.id, start: term.start, end: term.end });
    return r.teachers[0]?.total;
  };
  for (const f of files) {
    const { term, sheet, owner } = f.items[0]!;
    const n = f.items.length;
    if (sheet === "sessions") {
      const g = before.roster.groups.find((x) => x.id === owner);
      lines.push(t(lang, `${g?.name ?? owner}(${owner}) ${term.name}:${n} 次集体活动 → ${f.file}`, `${g?.name ?? owner} (${owner}), ${term.name}: ${n} session(s) → ${f.file}`));
      continue;
    }
    const who = before.roster.teachers.find((x) => x.id === owner);
    const was = totalOf(before, owner, term);
    const now = after ? totalOf(after, owner, term) : undefined;
    const change = was !== undefined && now !== undefined
      ? t(lang, `,本学期合计 ${round(was)} → ${round(now)} ${unit}(+${round(now - was)})`, `, term total ${round(was)} → ${round(now)} ${unit} (+${round(now - was)})`)
      : "";
    lines.push(t(lang, `${who?.name ?? owner}(${owner}) ${term.name}:${n} 条记录${change} → ${f.file}`, `${who?.name ?? owner} (${owner}), ${term.name}: ${n} record(s)${change} → ${f.file}`));
  }
  return lines;
}
