/**
 * Would the file, once written, pass `check`? The same question `yanxiu add` asks
 * (src/add/validate.ts: the same checks before and after, only the problems the write brings),
 * answered against the school the server has loaded and keeps in step: the checks run over the
 * config, roster and rules, the file as it is on disk and as it would be, and every file it can
 * collide with (src/serve/file-index.ts) — so a 2,000-teacher school is not re-read and
 * re-checked on every save. test/serve/validate-same.test.ts proves the answers equal add's.
 */
import type { Problem } from "../problem.js";
import { runChecks } from "../checks/index.js";
import { activityFileResult, type LoadedRepo } from "../pipeline/load.js";
import { fastRead, type FileResult } from "../pipeline/read-files.js";
import { newProblems } from "../add/validate.js";
import type { ReadText } from "../repo/fast-yaml.js";
import { closedTermRefusal } from "../add/closed.js";
import { termOfPath } from "../audit/paths.js";
import { loadOrder, type FileIndex, type IndexedFile } from "./file-index.js";
import { calendar } from "../checks/config.js";
import { rosterIds } from "../checks/roster.js";
import { groupCycle, rosterDates } from "../checks/staff.js";
import { signingKeys } from "../checks/signing-keys.js";

/**
 * Checks that read only the config and the roster: a write into a record or session file cannot
 * change what they find (they find the same before and after, so nothing new), and at 2,000
 * teachers running them twice per save is most of the checking.
 */
const SCHOOL_ONLY: ReadonlySet<string> = new Set([calendar, rosterIds, rosterDates, groupCycle, signingKeys].map((c) => c.name));

export interface FileValidation {
  /** The file as check reads it once written, to keep the server's state in step. */
  after: FileResult;
  introduced: Problem[];
}

/**
 * `current`: the file's bytes as read under its lock (undefined when it does not exist yet).
 * `read`: the fast reader's parse of `text`, when the caller has it (used only if it is of `text`).
 */
export function validateInState(repo: LoadedRepo, index: FileIndex, file: string, current: Uint8Array | undefined, text: string, today: string, read?: ReadText): FileValidation {
  const kind = file.startsWith("sessions/") ? "sessions" : "records";
  const held = current !== undefined && index.holdsClean(file, current) ? index.get(file)! : undefined;
  const before = current === undefined ? undefined
    : held ? { loaded: held.loaded, found: { valid: held.valid, partial: held.partial } }
    : activityFileResult(repo.root, file, kind, undefined, current);
  // As a load reads it: the fast reader for a plain file, the full parser (positions for every problem) otherwise.
  const bytes = Buffer.from(text, "utf8");
  const after = fastRead(file, kind, bytes, read) ?? activityFileResult(repo.root, file, kind, undefined, bytes);
  const mine = (r: FileResult | undefined) => (r ? [...r.found.valid, ...r.found.partial] : []);
  const related = index.related(file, mine(before), mine(after)).map((f) => index.get(f)!);
  const opts = { today, linkedFolders: index.linkedFolders, disabled: SCHOOL_ONLY };
  const now = runChecks(part(repo, index, related, file, after), opts);
  if (onlyCarried(now, repo, index, related)) return { after, introduced: [] };
  const old = runChecks(part(repo, index, related, file, before), opts);
  return { after, introduced: newProblems(old, now) };
}

/**
 * Does the run on the file as it would be find nothing but problems the unchanged files brought
 * with them (the very objects, as loaded)? The run on the file as it was is given the same
 * objects and passes them through the same filters (only "id" problems are dropped by what
 * else is found, and a severity setting makes copies, so neither counts), so it finds them too
 * and nothing is new: that run, half the checking of a save, is then not needed. Usually true:
 * a clean save into a school with no problems near it finds nothing at all.
 */
function onlyCarried(now: readonly Problem[], repo: LoadedRepo, index: FileIndex, related: readonly IndexedFile[]): boolean {
  if (now.length === 0) return true;
  const carried = new Set<Problem>([...repo.problems, ...index.shared.flatMap((f) => f.problems), ...related.flatMap((f) => f.loaded.problems)]);
  return now.every((p) => p.check !== "id" && carried.has(p));
}

/** The files a write concerns, as a LoadedRepo: shared parts from the loaded school, files in loadRepo's order. */
function part(repo: LoadedRepo, index: FileIndex, related: IndexedFile[], file: string, own: FileResult | undefined): LoadedRepo {
  const files = own ? [...related, { loaded: own.loaded, valid: own.found.valid, partial: own.found.partial }] : [...related];
  files.sort((a, b) => loadOrder(a.loaded.file, b.loaded.file));
  return {
    root: repo.root,
    files: [...index.shared, ...files.map((f) => f.loaded)],
    dataset: repo.dataset && { ...repo.dataset, activities: files.flatMap((f) => f.valid) },
    scheme: repo.scheme,
    ruleSets: repo.ruleSets,
    problems: repo.problems,
    partialActivities: files.flatMap((f) => f.partial),
  };
}

/** A write into a closed term is refused as `yanxiu add` refuses it (src/add/closed.ts). */
export function closedRefusal(repo: LoadedRepo, file: string, today: string): Problem | undefined {
  const term = termOfPath(file);
  return term ? closedTermRefusal(repo, term, today) : undefined;
}

/** The record field a problem points at, from its source line ("    count: abc" → count). */
export function fieldOf(problem: Problem): string | undefined {
  const m = /^\s*(?:-\s+)?([A-Za-z][\w-]*)\s*:/.exec(problem.sourceLine ?? "");
  return m?.[1];
}
