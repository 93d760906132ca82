/** `yanxiu add` into a closed term is refused, with the reason (src/repo/closed-terms.ts). */
import { msg } from "../messages/index.js";
import type { Problem } from "../problem.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { CONFIG_FILE } from "../repo/layout.js";
import { makeProblem, problemAt } from "../repo/yaml-source.js";
import { closedOn, closedTermsOf, describeClosing } from "../repo/closed-terms.js";

export function closedTermRefusal(repo: LoadedRepo, termId: string, today: string): Problem | undefined {
  const src = repo.files.find((f) => f.file === CONFIG_FILE)?.source;
  const c = closedTermsOf(src?.data).find((x) => x.term === termId);
  if (!src || !c || !closedOn(c, today)) return undefined;
  const message = msg("closed-term.add", { term: termId, at: describeClosing(c) });
  const hint = msg("closed-term.hint-add");
  try {
    return problemAt(src, ["years", c.at[0], "terms", c.at[1], "closed"], "closed-term", message, hint);
  } catch {
    return makeProblem(src, { line: 0, column: 0 }, "closed-term", message, hint);
  }
}
