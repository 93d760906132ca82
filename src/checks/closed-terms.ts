/**
 * Records of a closed term (src/repo/closed-terms.ts) must stay as they were at the closing
 * point: every record added or changed since is an error at the record, every record or file
 * removed an error at the file. The closing point's files are read from git by the shell
 * (src/git/closed-baseline.ts) and passed in; outside git the check can only warn.
 */
import type { Problem } from "../problem.js";
import { t } from "../i18n.js";
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
        out.push(problemAt(src, ["years", c.at[0], "terms", c.at[1], "closed"], this.name, {
          "no-git": t(ctx.lang, `学期 ${c.term} 已关闭,但这里不是 git 仓库,无法与关闭时的记录比较`, `term ${c.term} is closed, but this is not a git repository, so its records cannot be compared with the closing point`),
          "unknown-rev": t(ctx.lang, `学期 ${c.term} 关闭于 ${describeClosing(c)},但 git 中没有这个版本`, `term ${c.term} is closed at ${describeClosing(c)}, but git has no such revision`),
          "no-commit": t(ctx.lang, `学期 ${c.term} 关闭于 ${describeClosing(c)},但那天结束时还没有任何提交`, `term ${c.term} is closed at ${describeClosing(c)}, but there was no commit by the end of that day`),
        }[base.missing],
        base.missing === "no-git"
          ? t(ctx.lang, "在学校的 git 仓库中运行 yanxiu check", "run yanxiu check in the school's git repository")
          : t(ctx.lang, "写一个存在的标签或提交:closed: { rev: 标签 }", "name a tag or commit that exists: closed: { rev: TAG }"),
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
  const when = describeClosing(c);
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
    const at = (item: Item, message: string) => out.push(problemAt(f.source!, [kind, index.get(item) ?? 0], "closed-term", message,
      t(ctx.lang, "恢复原样;确需更正时请教务处先在 yanxiu.yaml 中重新开放该学期", "put it back as it was; for a correction the office first reopens the term in yanxiu.yaml")));
    for (const { before, after } of diff.pairs) {
      if (!sameItem(before, after)) at(after, t(ctx.lang, `学期 ${c.term} 已于 ${when} 关闭,这条记录在那之后被修改了`, `term ${c.term} was closed at ${when}, and this record was changed after that`));
    }
    for (const a of diff.added) at(a, t(ctx.lang, `学期 ${c.term} 已于 ${when} 关闭,这条记录是之后添加的`, `term ${c.term} was closed at ${when}, and this record was added after that`));
    for (const d of diff.deleted) {
      const l = itemLabel(d);
      out.push(makeProblem(f.source, { line: 1, column: 1 }, "closed-term",
        t(ctx.lang, `学期 ${c.term} 已于 ${when} 关闭,之后删除了记录:${l.date} ${l.kind}「${l.title}」`, `term ${c.term} was closed at ${when}, and a record was deleted after that: ${l.date} ${l.kind} '${l.title}'`),
        t(ctx.lang, "恢复被删除的记录", "restore the deleted record")));
    }
  }
  for (const file of baseline.keys()) {
    if (present.has(file) || !itemFileKind(file)) continue;
    out.push(makeProblem({ file, text: "" }, { line: 0, column: 0 }, "closed-term",
      t(ctx.lang, `学期 ${c.term} 已于 ${when} 关闭,之后这个文件被删除了`, `term ${c.term} was closed at ${when}, and this file was deleted after that`),
      t(ctx.lang, `恢复它:git checkout ${commit.slice(0, 8)} -- ${file}`, `restore it: git checkout ${commit.slice(0, 8)} -- ${file}`)));
  }
  return out;
}
