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
  let title = titles?.get(a.title);
  if (title === undefined) {
    title = foldTitle(a.title);
    titles?.set(a.title, title);
  }
  return `${a.teacher}\u0000${a.date}\u0000${a.kind}\u0000${title}`;
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
    const first = new Map<string, Activity>();
    const out: Problem[] = [];
    // Titles repeat across a group's members, and the web server checks the same files on every save.
    if (FOLDED_TITLES.size > 200_000) FOLDED_TITLES.clear();
    const titles = FOLDED_TITLES;
    for (const a of ctx.activities) {
      const key = duplicateKey(a, titles);
      const prev = first.get(key);
      if (!prev) {
        first.set(key, a);
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
