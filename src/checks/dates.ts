/** Dates must fall inside a defined term, not in the future, and in the term folder they are filed under. */
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { allTerms, type Config, type Term } from "../model.js";
import { atActivity, type Check } from "./context.js";

/** termOf for many dates: the term list is built once, and each date is looked up once. */
function termFinder(config: Config): (date: string) => Term | undefined {
  const terms = allTerms(config);
  const found = new Map<string, Term | undefined>();
  return (date) => {
    if (found.has(date)) return found.get(date);
    const term = terms.find((x) => x.start <= date && date <= x.end);
    found.set(date, term);
    return term;
  };
}

export const dateOutsideTerm: Check = {
  name: "date-outside-term",
  needs: ["calendar"],
  severity: "error",
  description: { zh: "活动日期必须在某个学期之内", en: "an activity's date must fall inside a defined term" },
  run(ctx) {
    const dataset = ctx.dataset;
    if (!dataset) return [];
    const terms = allTerms(dataset.config).map((x) => ({ id: x.id, start: x.start, end: x.end }));
    const termOf = termFinder(dataset.config);
    const out: Problem[] = [];
    for (const a of ctx.entriesWith("date")) {
      if (termOf(a.date)) continue;
      out.push(atActivity(ctx, a, "date", this.name,
        msg("date-outside-term", { date: a.date }), msg("date-outside-term.hint-terms", { terms })));
    }
    return out;
  },
};

export const futureDate: Check = {
  name: "future-date",
  severity: "error",
  description: { zh: "不能记录将来的活动", en: "activities cannot be recorded before they happen" },
  run(ctx) {
    const dataset = ctx.dataset;
    if (!dataset) return [];
    return ctx.entriesWith("date")
      .filter((a) => a.date > ctx.today)
      .map((a) =>
        atActivity(ctx, a, "date", this.name,
          msg("future-date", { date: a.date, today: ctx.today }), msg("future-date.hint")));
  },
};

/** records/<term>/… should hold that term's activities, so each term's files stay small and separate. */
export const termFolder: Check = {
  name: "term-folder",
  needs: ["calendar"],
  severity: "warning",
  description: { zh: "记录应放在其学期的文件夹中", en: "records belong in their term's folder" },
  run(ctx) {
    const dataset = ctx.dataset;
    if (!dataset) return [];
    const ids = new Set(allTerms(dataset.config).map((x) => x.id));
    const termOf = termFinder(dataset.config);
    const out: Problem[] = [];
    for (const a of ctx.entriesWith("date")) {
      const folder = a.origin.file.split("/")[1];
      const term = termOf(a.date);
      if (!term || !folder || !ids.has(folder) || folder === term.id) continue;
      out.push(atActivity(ctx, a, "date", this.name,
        msg("term-folder", { date: a.date, term: term.id, folder }),
        msg("term-folder.hint", { file: a.origin.file.replace(folder, term.id) }), "warning"));
    }
    return out;
  },
};
