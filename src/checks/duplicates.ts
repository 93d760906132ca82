/**
 * The same activity recorded twice anywhere in the repo: same teacher, date, kind and title,
 * titles compared as a person reads them (title-fold.ts).
 */
import type { Problem } from "../problem.js";
import { t } from "../i18n.js";
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

export const duplicateRecord: Check = {
  name: "duplicate-record",
  severity: "error",
  description: { zh: "同一教师、日期、类型和标题的活动只能记录一次", en: "an activity (same teacher, date, kind and title) may be recorded only once" },
  run(ctx) {
    const dataset = ctx.dataset;
    if (!dataset) return [];
    const first = new Map<string, Activity>();
    const out: Problem[] = [];
    const titles = new Map<string, string>(); // titles repeat across a group's members
    for (const a of ctx.activities) {
      const key = duplicateKey(a, titles);
      const prev = first.get(key);
      if (!prev) {
        first.set(key, a);
        continue;
      }
      // Titles that only look alike: say so, or the teacher sees two different strings and no reason.
      const alike = prev.title !== a.title
        ? t(ctx.lang, `(两个标题只差不可见字符、全角半角、空格、大小写或繁简:「${prev.title}」)`, ` (the titles differ only in invisible characters, width, spacing, case or 繁/简: '${prev.title}')`)
        : "";
      out.push(atActivity(ctx, a, "title", this.name,
        t(ctx.lang, `重复记录:${a.teacher} 在 ${a.date} 的「${a.title}」已记录于 ${prev.origin.file}:${prev.origin.line}${alike}`,
          `duplicate: ${a.teacher}'s '${a.title}' on ${a.date} is already recorded at ${prev.origin.file}:${prev.origin.line}${alike}`),
        t(ctx.lang, "删除其中一条;若确是两次活动,在标题中加以区分", "delete one of them; if they really are two activities, make the titles differ")));
    }
    return out;
  },
};
