/** The roster itself: unique ids (also after folding case and full-width letters), unique e-mails. */
import type { Problem } from "../problem.js";
import { t } from "../i18n.js";
import { problemAt } from "../repo/yaml-source.js";
import type { Check } from "./context.js";

/** Ids that look the same to a person: case and full-width forms folded. */
export function foldId(id: string): string {
  return id.normalize("NFKC").toLowerCase();
}

export const rosterIds: Check = {
  name: "roster-duplicate",
  needs: ["roster-ids"],
  severity: "error",
  description: { zh: "名册中的编号和邮箱不能重复", en: "ids and e-mails in the roster must be unique" },
  run(ctx) {
    const roster = ctx.dataset?.roster;
    const src = ctx.source("roster.yaml");
    if (!roster || !src) return [];
    const out: Problem[] = [];
    const seen = new Map<string, string>();
    roster.teachers.forEach((tch, i) => {
      const folded = foldId(tch.id);
      const prev = seen.get(folded);
      if (prev !== undefined) {
        out.push(problemAt(src, ["teachers", i, "id"], this.name,
          prev === tch.id
            ? t(ctx.lang, `教师编号「${tch.id}」重复`, `teacher id '${tch.id}' appears twice`)
            : t(ctx.lang, `教师编号「${tch.id}」与「${prev}」只差大小写或全角,容易混淆`, `teacher id '${tch.id}' differs from '${prev}' only in case or width`),
          t(ctx.lang, "每位教师用一个不同的编号", "give every teacher a distinct id")));
      } else seen.set(folded, tch.id);
    });
    const groups = new Set<string>();
    roster.groups.forEach((g, i) => {
      if (groups.has(foldId(g.id))) {
        out.push(problemAt(src, ["groups", i, "id"], this.name,
          t(ctx.lang, `教研组编号「${g.id}」重复`, `group id '${g.id}' appears twice`),
          t(ctx.lang, "每个组用一个不同的编号", "give every group a distinct id")));
      }
      groups.add(foldId(g.id));
    });
    const emails = new Map<string, string>();
    roster.teachers.forEach((tch, i) =>
      tch.emails.forEach((e, j) => {
        const key = e.toLowerCase();
        const owner = emails.get(key);
        if (owner !== undefined && owner !== tch.id) {
          out.push(problemAt(src, ["teachers", i, "emails", j], this.name,
            t(ctx.lang, `邮箱 ${e} 已属于 ${owner}`, `the e-mail ${e} already belongs to ${owner}`),
            t(ctx.lang, "一个邮箱只能属于一位教师(提交记录靠它识别作者)", "an e-mail can belong to one teacher only (commits are attributed by it)")));
        }
        emails.set(key, tch.id);
      }),
    );
    return out;
  },
};
