/** The config's calendar: terms inside their year, start before end, no overlaps. */
import type { Problem } from "../problem.js";
import { t } from "../i18n.js";
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
          t(ctx.lang, `学年 ${y.id} 的结束日期早于开始日期`, `school year ${y.id} ends before it starts`),
          t(ctx.lang, "交换 start 和 end", "swap start and end")));
      }
      y.terms.forEach((term, j) => {
        const path = ["years", i, "terms", j];
        if (term.start > term.end) {
          out.push(problemAt(src, [...path, "end"], this.name,
            t(ctx.lang, `学期 ${term.id} 的结束日期早于开始日期`, `term ${term.id} ends before it starts`),
            t(ctx.lang, "交换 start 和 end", "swap start and end")));
        }
        if (term.start < y.start || term.end > y.end) {
          out.push(problemAt(src, path, this.name,
            t(ctx.lang, `学期 ${term.id} 超出了学年 ${y.id}(${y.start}~${y.end})`, `term ${term.id} runs outside school year ${y.id} (${y.start}~${y.end})`),
            t(ctx.lang, "调整学期或学年的日期", "adjust the term's or the year's dates")));
        }
        for (const other of terms) {
          if (term.start <= other.end && other.start <= term.end) {
            out.push(problemAt(src, path, this.name,
              t(ctx.lang, `学期 ${term.id} 与 ${other.id} 的日期重叠`, `term ${term.id} overlaps term ${other.id}`),
              t(ctx.lang, "一个日期只能属于一个学期", "each date may belong to one term only")));
          }
          if (other.id === term.id) {
            out.push(problemAt(src, [...path, "id"], this.name,
              t(ctx.lang, `学期编号 ${term.id} 重复`, `term id ${term.id} appears twice`),
              t(ctx.lang, "每个学期用一个不同的编号", "give every term a distinct id")));
          }
        }
        terms.push({ ...term, path });
      });
    });
    return out;
  },
};
