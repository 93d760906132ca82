/**
 * Would the file, once written, pass `check`? As `yanxiu add` asks it (src/add/validate.ts),
 * but loading only the config, roster, rules and the one file written: every check that can
 * concern a new record looks within its own file (a teacher's term file, a group's term file),
 * so the answer is the same and a 2,000-teacher school is not re-read on every save.
 */
import type { Lang } from "../i18n.js";
import type { Problem } from "../problem.js";
import { runChecks } from "../checks/index.js";
import { loadRepo, type LoadedRepo } from "../pipeline/load.js";
import { newProblems } from "../add/validate.js";

export interface FileValidation {
  after: LoadedRepo;
  introduced: Problem[];
}

export function validateFileWrite(root: string, file: string, text: string, lang: Lang, today: string): FileValidation {
  const only = new Set([file]);
  const before = loadRepo(root, lang, { only });
  const after = loadRepo(root, lang, { only, overrides: new Map([[file, text]]) });
  const opts = { lang, today, files: only };
  return { after, introduced: newProblems(runChecks(before, opts), runChecks(after, opts)) };
}

/** The record field a problem points at, from its source line ("    count: abc" → count). */
export function fieldOf(problem: Problem): string | undefined {
  const m = /^\s*(?:-\s+)?([A-Za-z][\w-]*)\s*:/.exec(problem.sourceLine ?? "");
  return m?.[1];
}
