/**
 * The same activity recorded twice anywhere in the repo: same teacher, date, kind and title,
 * titles compared as a person reads them (title-fold.ts).
 */
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import type { Activity } from "../model.js";
import { atActivity, type Check } from "./context.js";
import { foldTitle } from "./title-fold.js";

export function duplicateKey(a: Pick<Activity, "teacher" | "date" | "kind" | "title">, titles?: Map<string, string>): string {
  const title = titles ? folded(a.title, titles) : foldTitle(a.title);
  return `${a.teacher}\u0000${a.date}\u0000${a.kind}\u0000${title}`;
}

/** Same kind and title as a person reads it (teacher and date already the same). */
function sameKey(p: Activity, a: Activity, titles: Map<string, string>): boolean {
  return p.kind === a.kind && (p.title === a.title || folded(p.title, titles) === folded(a.title, titles));
}

function folded(title: string, titles: Map<string, string>): string {
  let f = titles.get(title);
  if (f === undefined) titles.set(title, (f = foldTitle(title)));
  return f;
}

/** Folded titles (foldTitle is pure), kept between runs; bounded. */
const FOLDED_TITLES = new Map<string, string>();

export const duplicateRecord: Check = {
  name: "duplicate-record",
  severity: "error",
  description: { zh: "同一教师、日期、类型和标题的活动只能记录一次", en: "an activity (same teacher, date, kind and title) may be recorded only once" },
  run(ctx) {
    const dataset = ctx.dataset;
    if (!dataset) return [];
    const out: Problem[] = [];
    // Titles repeat across a group's members, and the web server checks the same files on every save.
    if (FOLDED_TITLES.size > 200_000) FOLDED_TITLES.clear();
    const titles = FOLDED_TITLES;
    // The first of each key, by teacher and date: both are shared strings (their hashes kept), so no
    // key string is built per activity; a teacher has one or two activities on a date, compared as keys.
    const firsts = new Map<string, Map<string, Activity | Activity[]>>();
    for (const a of ctx.activities) {
      let byDate = firsts.get(a.teacher);
      if (!byDate) firsts.set(a.teacher, (byDate = new Map()));
      const there = byDate.get(a.date);
      const prev = there === undefined ? undefined : Array.isArray(there) ? there.find((p) => sameKey(p, a, titles)) : sameKey(there, a, titles) ? there : undefined;
      if (!prev) {
        if (there === undefined) byDate.set(a.date, a);
        else if (Array.isArray(there)) there.push(a);
        else byDate.set(a.date, [there, a]);
        continue;
      }
      const said = { teacher: a.teacher, date: a.date, title: a.title, file: prev.origin.file, line: prev.origin.line };
      out.push(atActivity(ctx, a, "title", this.name,
        // Titles that only look alike: say so, or the teacher sees two different strings and no reason.
        prev.title !== a.title ? msg("duplicate-record.alike", { ...said, prevTitle: prev.title }) : msg("duplicate-record", said),
        msg("duplicate-record.hint")));
    }
    return out;
  },
};
