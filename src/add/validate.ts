/**
 * Would the file, once written, pass `check`? The repo is loaded with the would-be text in
 * place of the file and the same checks run; only problems the new item brings are returned,
 * so an old problem elsewhere never blocks recording today's work.
 */
import type { Lang } from "../i18n.js";
import { messageKey, type Problem } from "../problem.js";
import { runChecks } from "../checks/index.js";
import { loadRepo, type LoadedRepo } from "../pipeline/load.js";

export interface Validated {
  /** The repo as it will be after the write. */
  after: LoadedRepo;
  introduced: Problem[];
}

export function validateWrite(before: LoadedRepo, file: string, text: string, lang: Lang, today: string): Validated {
  return validateWrites(before, new Map([[file, text]]), lang, today);
}

/** The same for several files written together (an import): the repo with all of them in place. */
export function validateWrites(before: LoadedRepo, texts: ReadonlyMap<string, string>, lang: Lang, today: string): Validated {
  const after = loadRepo(before.root, { overrides: texts });
  const old = runChecks(before, { today });
  const now = runChecks(after, { today });
  return { after, introduced: newProblems(old, now) };
}

/** Problems in `now` beyond those already in `old`; counted by content, not line, since lines may shift. */
export function newProblems(old: Problem[], now: Problem[]): Problem[] {
  const key = (p: Problem) => [p.check, p.severity, p.file, messageKey(p.message), p.sourceLine ?? ""].join("\u0000");
  const seen = new Map<string, number>();
  for (const p of old) seen.set(key(p), (seen.get(key(p)) ?? 0) + 1);
  const out: Problem[] = [];
  for (const p of now) {
    const n = seen.get(key(p)) ?? 0;
    if (n > 0) seen.set(key(p), n - 1);
    else out.push(p);
  }
  return out;
}
