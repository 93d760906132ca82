/**
 * The heavy half of `check`: load the repository and run every check. Imported only when the
 * result cache cannot answer, so a warm check never loads the schemas, YAML parser or rules.
 */
import type { Lang } from "../i18n.js";
import type { Problem } from "../problem.js";
import { runChecks } from "../checks/index.js";
import { closedBaselinesOf } from "../git/closed-baseline.js";
import type { LoadedRepo } from "../pipeline/load.js";
import type { Io } from "./io.js";
import { loadRepoFor } from "./repo-arg.js";

/** What a check of the whole repository found: every problem, and the files it read. */
export interface WholeCheck {
  problems: Problem[];
  files: string[];
}

export function checkWhole(io: Io, root: string, lang: Lang, today: string, disabled: readonly string[]): { whole: WholeCheck; repo: LoadedRepo; cacheable: boolean } {
  const repo = loadRepoFor(io, root, lang, { validSources: "data" });
  const closed = closedBaselinesOf(repo, today);
  const problems = runChecks(repo, { today, disabled: new Set(disabled), closed });
  // Closed terms are compared with git history, which the cache's stamp does not cover.
  return { whole: { problems, files: repo.files.map((f) => f.file) }, repo, cacheable: closed?.size === 0 };
}
