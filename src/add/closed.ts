/** `yanxiu add` into a closed term is refused, with the reason (src/repo/closed-terms.ts). */
import { t, type Lang } from "../i18n.js";
import type { Problem } from "../problem.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { CONFIG_FILE } from "../repo/layout.js";
import { makeProblem, problemAt } from "../repo/yaml-source.js";
import { closedOn, closedTermsOf, describeClosing } from "../repo/closed-terms.js";

export function closedTermRefusal(repo: LoadedRepo, termId: string, today: string, lang: Lang): Problem | undefined {
  const src = repo.files.find((f) => f.file === CONFIG_FILE)?.source;
  const c = closedTermsOf(src?.data).find((x) => x.term === termId);
  if (!src || !c || !closedOn(c, today)) return undefined;
  const message = t(lang, `学期 ${termId} 已于 ${describeClosing(c)} 关闭,学时已经定稿,不能再添加记录`, `term ${termId} was closed at ${describeClosing(c)}: its hours are final and no record can be added to it`);
  const hint = t(lang, "检查日期;确需补录时请教务处先在 yanxiu.yaml 中重新开放该学期", "check the date; if the record must be added, the office first reopens the term in yanxiu.yaml");
  try {
    return problemAt(src, ["years", c.at[0], "terms", c.at[1], "closed"], "closed-term", message, hint);
  } catch {
    return makeProblem(src, { line: 0, column: 0 }, "closed-term", message, hint);
  }
}
