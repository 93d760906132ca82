/** The roster itself: unique ids (also after folding case and full-width letters), unique e-mails. */
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
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
            ? msg("roster-duplicate.teacher", { id: tch.id })
            : msg("roster-duplicate.teacher-alike", { id: tch.id, prev }),
          msg("roster-duplicate.hint-teacher")));
      } else seen.set(folded, tch.id);
    });
    const groups = new Set<string>();
    roster.groups.forEach((g, i) => {
      if (groups.has(foldId(g.id))) {
        out.push(problemAt(src, ["groups", i, "id"], this.name,
          msg("roster-duplicate.group", { id: g.id }), msg("roster-duplicate.hint-group")));
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
            msg("roster-duplicate.email", { email: e, owner }), msg("roster-duplicate.hint-email")));
        }
        emails.set(key, tch.id);
      }),
    );
    return out;
  },
};
