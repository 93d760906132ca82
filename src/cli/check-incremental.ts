/**
 * check after a few record or session files changed: the last whole check's problems, with only
 * the changed files and the files they can collide with checked again (src/checks/incremental.ts
 * says which), instead of the whole school. The answer is the whole check's, always; on any doubt
 * there is no answer here and the caller checks everything:
 * - no incremental entry, or one not signed with this user's key, made for another folder, by
 *   another build of the tool, or unreadable (src/cache/results.ts `getSigned`);
 * - a file other than a record or session file added, deleted or changed (config, roster, rules,
 *   evidence, anything), a link or other non-plain file anywhere, more than MAX_CHANGED files;
 * - an id written where the last run had none (its refs were not kept), a closed term, a config
 *   or roster the load could not read, a file that changed while it was read.
 * The entry keeps the whole check's problems, every file's stats (src/cache/file-table.ts) and
 * each record and session file's cross-file keys, hashed; it is read only when the whole check's
 * entry missed, so a warm run with nothing changed never reads it.
 */
import type { Problem } from "../problem.js";
import type { Activity } from "../model.js";
import { fileTableNow, type ResultCache } from "../cache/results.js";
import { changedPaths, onlyPlainFiles, type FileTable } from "../cache/file-table.js";
import { FileKeys } from "../checks/file-keys.js";
import { ENDIAN, keepKeys, keepTable, keysKept, tableKept, type KeptKeys, type KeptTable } from "./incremental-entry.js";
import { toolFingerprint } from "../cache/tool-stamp.js";
import { keptEntry } from "../cache/kept-entry.js";
import { INCREMENTAL_FORMAT, incrementalPurpose } from "./incremental-purpose.js";
import { contentHash } from "../cache/stamp-stream.js";
import { crossFileKeys } from "../checks/cross-file-keys.js";
import { hashedKeys, mergeProblems, neighbourhood, type ChangedFile } from "../checks/incremental.js";
import { runChecks } from "../checks/index.js";
import { closedBaselinesOf } from "../git/closed-baseline.js";
import { activityFileResult, type LoadedRepo } from "../pipeline/load.js";
import { RECORDS_DIR, SESSIONS_DIR } from "../repo/layout.js";
import { nodeReadFs } from "../repo/fs.js";
import { join } from "node:path";
import type { Io } from "./io.js";
import type { WholeCheck } from "./check-run.js";
import { loadRepoFor } from "./repo-arg.js";
import type { Lang } from "../i18n.js";

/** More changed files than this: the whole check (each brings its neighbourhood; past this, reading everything is as cheap). */
export const MAX_CHANGED = 64;

const FORMAT = INCREMENTAL_FORMAT;

/** The entry as kept (its large parts as typed arrays: src/cli/incremental-entry.ts). */
interface IncrementalEntry {
  format: typeof FORMAT;
  /** The byte order the typed arrays were written in. */
  endian: string;
  /** The repository's folder: an entry copied from another school is not this one's. */
  root: string;
  tool: string;
  table: KeptTable;
  /** Each record and session file's hashed cross-file keys. */
  keys: KeptKeys;
  /** Some activity had an id: refs are among the keys (without ids duplicate-id finds nothing, and refs are not worked out). */
  ids: boolean;
  /** The whole check's files that are not record or session files (config, roster, rules), in its order. */
  shared: string[];
  problems: Problem[];
}

/** The entry's purpose: the whole check's, under its own name. */
const purposeOf = incrementalPurpose;

/** Record and session files as the load lists them (src/repo/layout.ts listYamlFiles), by path. */
const ACTIVITY_FILE = /^(?:records|sessions)\/.+\.ya?ml$/i;
const isActivityPath = (p: string) => (p.startsWith(`${RECORDS_DIR}/`) || p.startsWith(`${SESSIONS_DIR}/`)) && ACTIVITY_FILE.test(p);

export interface IncrementalRun {
  whole: WholeCheck;
  /** Keep the entry for the next run. */
  keep(): void;
}

/** With YANXIU_TRACE_INCREMENTAL=1, one line on stderr saying which way the check went (tests read it). */
function trace(io: Io, line: string): void {
  if (io.env.YANXIU_TRACE_INCREMENTAL === "1") io.stderr.write(`yanxiu: incremental: ${line}\n`);
}

/**
 * The whole check from the last one and the files changed since, or undefined (then check
 * everything): also when anything in the way throws (a file gone between two looks at it).
 */
export function checkIncrementally(io: Io, cache: ResultCache, purpose: readonly unknown[], root: string, lang: Lang, today: string, disabled: readonly string[]): IncrementalRun | undefined {
  try {
    return incrementally(io, cache, purpose, root, lang, today, disabled);
  } catch (e) {
    trace(io, `whole check (${(e as Error).message})`);
    return undefined;
  }
}

function incrementally(io: Io, cache: ResultCache, purpose: readonly unknown[], root: string, lang: Lang, today: string, disabled: readonly string[]): IncrementalRun | undefined {
  const no = (why: string): undefined => void trace(io, `whole check (${why})`);
  const fs = io.readFs ?? nodeReadFs;
  const kept = keptEntry(cache, purposeOf(purpose), root, fs, wellFormed);
  if ("whole" in kept) return no(kept.whole);
  const lastTable = tableKept(kept.table);
  const lastKeys = keysKept(kept.keys);
  if (!lastTable || !lastKeys) return no("no entry");
  const last = { ...kept, table: lastTable };
  const table = fileTableNow(cache, root, fs);
  if (!table) return no("a folder could not be listed");
  if (!onlyPlainFiles(table)) return no("a link or special file");
  const changed = changedPaths(last.table, table, (rel) => contentHash(fs, join(root, rel)));
  if (changed.length > MAX_CHANGED) return no(`${changed.length} files changed`);
  const other = changed.find((p) => !isActivityPath(p) || last.shared.includes(p));
  if (other !== undefined) return no(`${other} changed`);

  // The record and session files as the load lists them (listYamlFiles: plain files named .yaml or
  // .yml, sorted by path; the table has no links), each folder's in the order the load takes them.
  const listed = [RECORDS_DIR, SESSIONS_DIR].flatMap((top) => table.paths.filter((p) => p.startsWith(`${top}/`) && isActivityPath(p)).sort());

  const present = new Set(listed);
  // The changed files' keys now, from a first read; the load below reads them again and must agree.
  const probe = changed.filter((p) => present.has(p));
  const titles = new Map<string, string>();
  const newKeys = new Map<string, number[]>();
  for (const p of probe) {
    const found = activityFileResult(root, p, p.startsWith(`${SESSIONS_DIR}/`) ? "sessions" : "records", undefined, undefined, fs).found;
    const activities = [...found.valid, ...found.partial];
    if (!last.ids && activities.some((a) => a.id)) return no("an id written where there was none");
    newKeys.set(p, hashedKeys(p, crossFileKeys(activities, titles, last.ids), last.ids));
  }
  const changes = new Map<string, ChangedFile>();
  for (const p of changed) changes.set(p, { before: lastKeys.get(p), now: present.has(p) ? newKeys.get(p) ?? [] : undefined });
  const { report, load } = neighbourhood(lastKeys, changes);

  const repo = loadRepoFor(io, root, lang, { validSources: "data", only: load });
  if (!repo.dataset) return no("the config or roster has errors");
  const closed = closedBaselinesOf(repo, today);
  if (closed?.size !== 0) return no("a closed term");
  const again = keysByFile(repo, titles, last.ids);
  if (probe.some((p) => !sameKeys(again.get(p) ?? [], newKeys.get(p) ?? []))) return no("a file changed while it was read");
  const fresh = runChecks(repo, { today, disabled: new Set(disabled), closed });
  const redone = new Set([...report, ...changed]);
  const problems = mergeProblems(last.problems, fresh, redone);
  const files = [...last.shared, ...listed];
  trace(io, `${changed.length} changed, ${report.size} checked again, ${load.size} read`);

  const keysNow = new Map<string, number[] | undefined>();
  for (const p of changed) keysNow.set(p, present.has(p) ? again.get(p) ?? [] : undefined);
  return {
    whole: { problems, files },
    keep: () => cache.put(purposeOf(purpose), entry(root, last.tool, table, lastKeys.with(keysNow), last.ids, last.shared, problems)),
  };
}

/**
 * Before a whole check: the table of files, taken before anything is read, when the next run may
 * check incrementally. Only for a school checked before with the same purpose (its entry is stale
 * now: the school is being edited): keeping the entry costs a whole check ~8 % more at 100,000
 * records (the table, every file's keys, a 2 MB entry), which a first, cold check does not pay.
 * Undefined when a folder cannot be listed.
 */
export function tableBeforeWhole(io: Io, cache: ResultCache, purpose: readonly unknown[], root: string): FileTable | undefined {
  if (!cache.has(purpose) && !cache.has(purposeOf(purpose))) return undefined;
  return fileTableNow(cache, root, io.readFs ?? nodeReadFs);
}


/** After a whole check that was kept: the entry for the next run to start from (none if making it fails: the next run checks everything). */
export function keepAfterWhole(io: Io, cache: ResultCache, purpose: readonly unknown[], root: string, table: FileTable, repo: LoadedRepo, whole: WholeCheck): void {
  try {
    keepEntry(io, cache, purpose, root, table, repo, whole);
  } catch {
    // as a cache that cannot be written: nothing kept
  }
}

function keepEntry(io: Io, cache: ResultCache, purpose: readonly unknown[], root: string, table: FileTable, repo: LoadedRepo, whole: WholeCheck): void {
  if (!repo.dataset) return; // a broken config or roster: every run checks everything
  const ids = activitiesOf(repo).some((a) => a.id);
  const keys = FileKeys.from(keysByFile(repo, new Map(), ids));
  const shared = repo.files.filter((f) => f.kind !== "records" && f.kind !== "sessions").map((f) => f.file);
  const tool = toolFingerprint(io.readFs ?? nodeReadFs);
  cache.put(purposeOf(purpose), entry(root, tool, table, keys, ids, shared, whole.problems));
}

function entry(root: string, tool: string, table: FileTable, keys: FileKeys, ids: boolean, shared: string[], problems: Problem[]): IncrementalEntry {
  return { format: FORMAT, endian: ENDIAN, root, tool, table: keepTable(table), keys: keepKeys(keys), ids, shared, problems };
}

function activitiesOf(repo: LoadedRepo): Activity[] {
  return [...(repo.dataset?.activities ?? []), ...repo.partialActivities];
}

/** Every loaded record and session file's hashed keys (a file with no activities keeps its stem). */
function keysByFile(repo: LoadedRepo, titles: Map<string, string>, refs: boolean): Map<string, number[]> {
  const byFile = new Map<string, Activity[]>();
  for (const f of repo.files) if (f.kind === "records" || f.kind === "sessions") byFile.set(f.file, []);
  for (const a of activitiesOf(repo)) byFile.get(a.origin.file)?.push(a);
  const out = new Map<string, number[]>();
  for (const [file, activities] of byFile) out.set(file, hashedKeys(file, crossFileKeys(activities, titles, refs), refs));
  return out;
}

function sameKeys(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function wellFormed(e: IncrementalEntry | undefined): e is IncrementalEntry {
  return typeof e === "object" && e !== null && e.format === FORMAT && e.endian === ENDIAN && typeof e.root === "string" && typeof e.tool === "string"
    && typeof e.ids === "boolean"
    && Array.isArray(e.shared) && Array.isArray(e.problems);
}
