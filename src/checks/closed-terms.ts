/**
 * Records of a closed term (src/repo/closed-terms.ts) must stay as they were at the closing
 * point: every record added or changed since is an error at the record, every record or file
 * removed an error at the file. The closing point's files are read from git by the shell
 * (src/git/closed-baseline.ts) and passed in; outside git the check can only warn.
 */
import type { Msg, Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { makeProblem, problemAt } from "../repo/yaml-source.js";
import { CONFIG_FILE } from "../repo/layout.js";
import { closedOn, closedTermsOf, describeClosing, type ClosedBaseline, type ClosedTerm } from "../repo/closed-terms.js";
import { diffItems, itemLabel, parseItemFile, sameItem, type Item } from "../audit/items.js";
import { itemFileKind, termOfPath } from "../audit/paths.js";
import type { Check } from "./context.js";

export type { ClosedBaseline };

export const closedTerms: Check = {
  name: "closed-term",
  needs: ["calendar"],
  severity: "error",
  description: { zh: "已关闭学期的记录不得再增加或修改", en: "the records of a closed term may not be added to or changed" },
  run(ctx) {
    const src = ctx.source(CONFIG_FILE);
    if (!src) return [];
    const out: Problem[] = [];
    for (const c of closedTermsOf(src.data)) {
      if (!closedOn(c, ctx.today)) continue;
      const base = ctx.closed?.get(c.term) ?? { missing: "no-git" as const };
      if ("missing" in base) {
        const closing = { term: c.term, at: describeClosing(c) };
        out.push(problemAt(src, ["years", c.at[0], "terms", c.at[1], "closed"], this.name, {
          "no-git": msg("closed-term.no-git", { term: c.term }),
          "unknown-rev": msg("closed-term.unknown-rev", closing),
          "no-commit": msg("closed-term.no-commit", closing),
        }[base.missing],
        base.missing === "no-git" ? msg("closed-term.hint-git") : msg("closed-term.hint-rev"),
        { severity: base.missing === "no-git" ? "warning" : "error" }));
        continue;
      }
      out.push(...compareTerm(ctx, c, base.commit, base.files));
    }
    return out;
  },
};

function compareTerm(ctx: Parameters<Check["run"]>[0], c: ClosedTerm, commit: string, baseline: ReadonlyMap<string, string>): Problem[] {
  const out: Problem[] = [];
  const closing = { term: c.term, at: describeClosing(c) };
  const present = new Set<string>();
  for (const f of ctx.repo.files) {
    const kind = itemFileKind(f.file);
    if (!kind || termOfPath(f.file) !== c.term) continue;
    present.add(f.file);
    const was = baseline.get(f.file);
    if (!f.source || was === f.source.text) continue;
    const list = (f.source.data as Record<string, unknown> | undefined)?.[kind];
    const now: Item[] = Array.isArray(list) ? list.filter((x): x is Item => !!x && typeof x === "object") : [];
    const index = new Map(now.map((item) => [item, (list as unknown[]).indexOf(item)] as const));
    const diff = diffItems(parseItemFile(was, kind).items, now);
    const at = (item: Item, message: Msg) => out.push(problemAt(f.source!, [kind, index.get(item) ?? 0], "closed-term", message,
      msg("closed-term.hint-put-back")));
    for (const { before, after } of diff.pairs) {
      if (!sameItem(before, after)) at(after, msg("closed-term.changed", closing));
    }
    for (const a of diff.added) at(a, msg("closed-term.added", closing));
    for (const d of diff.deleted) {
      out.push(makeProblem(f.source, { line: 1, column: 1 }, "closed-term",
        msg("closed-term.deleted-record", { ...closing, ...itemLabel(d) }), msg("closed-term.hint-restore-record")));
    }
  }
  for (const file of baseline.keys()) {
    if (present.has(file) || !itemFileKind(file)) continue;
    out.push(makeProblem({ file, text: "" }, { line: 0, column: 0 }, "closed-term",
      msg("closed-term.deleted-file", closing), msg("closed-term.hint-restore-file", { commit: commit.slice(0, 8), file })));
  }
  return out;
}
