/** The config's calendar: terms inside their year, start before end, no overlaps. */
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { problemAt } from "../repo/yaml-source.js";
import type { Check } from "./context.js";

export const calendar: Check = {
  name: "calendar",
  needs: ["calendar"],
  severity: "error",
  description: { zh: "学年和学期的起止日期必须合理", en: "school years and terms must have sensible dates" },
  run(ctx) {
    const config = ctx.dataset?.config;
    const src = ctx.source("yanxiu.yaml");
    if (!config || !src) return [];
    const out: Problem[] = [];
    const terms: { id: string; start: string; end: string; path: (string | number)[] }[] = [];
    config.years.forEach((y, i) => {
      if (y.start > y.end) {
        out.push(problemAt(src, ["years", i, "end"], this.name,
          msg("calendar.year-reversed", { year: y.id }), msg("calendar.hint-swap")));
      }
      y.terms.forEach((term, j) => {
        const path = ["years", i, "terms", j];
        if (term.start > term.end) {
          out.push(problemAt(src, [...path, "end"], this.name,
            msg("calendar.term-reversed", { term: term.id }), msg("calendar.hint-swap")));
        }
        if (term.start < y.start || term.end > y.end) {
          out.push(problemAt(src, path, this.name,
            msg("calendar.outside-year", { term: term.id, year: y.id, start: y.start, end: y.end }), msg("calendar.hint-adjust")));
        }
        for (const other of terms) {
          if (term.start <= other.end && other.start <= term.end) {
            out.push(problemAt(src, path, this.name,
              msg("calendar.overlap", { term: term.id, other: other.id }), msg("calendar.hint-overlap")));
          }
          if (other.id === term.id) {
            out.push(problemAt(src, [...path, "id"], this.name,
              msg("calendar.term-twice", { term: term.id }), msg("calendar.hint-term-twice")));
          }
        }
        terms.push({ ...term, path });
      });
    });
    return out;
  },
};
