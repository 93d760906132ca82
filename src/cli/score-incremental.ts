/**
 * score after a few record or session files changed: the last run's outcome of every teacher
 * those files cannot affect, and only the teachers they name (before or after the edit) scored
 * again (src/score/incremental.ts says who, and which files that reads). The report is then made
 * by the very code a whole score uses, so it is the whole score's, always. On any doubt there is
 * no answer here and the caller scores everything:
 * - no entry, or one not signed with this user's key, made for another folder, by another build
 *   of the tool, or unreadable (src/cache/results.ts `getSigned`);
 * - a file other than a record or session file added, deleted or changed (config, roster, rules,
 *   evidence, anything), a link or other non-plain file anywhere, more than MAX_CHANGED files;
 * - rules with errors, a config or roster the load could not read, a period that does not
 *   resolve, an option the report refuses, a file that changed while it was read, a teacher
 *   without a kept outcome, or anything that throws.
 * The entry keeps every teacher's outcome (with its trace for --format json), each teacher's
 * 待审核 / 退回 counts, each record and session file's facts and every file's stats
 * (src/cache/file-table.ts). It is read only when the whole score's entry missed (a warm run
 * with nothing changed never reads it) and made only for a school scored before (a first,
 * cold score does not pay for it).
 */
import { join } from "node:path";
import type { Lang } from "../i18n.js";
import { sortProblems } from "../problem.js";
import { fileTableNow, type ResultCache } from "../cache/results.js";
import { changedPaths, isFileTable, onlyPlainFiles, type FileTable } from "../cache/file-table.js";
import { toolFingerprint } from "../cache/tool-stamp.js";
import { keptEntry } from "../cache/kept-entry.js";
import { contentHash } from "../cache/stamp-stream.js";
import { compactItems, compactListAgain, compactValue, expandValue, type Compact } from "../cache/compact-value.js";
import { activityFileResult, type LoadedRepo } from "../pipeline/load.js";
import { RECORDS_DIR, SESSIONS_DIR } from "../repo/layout.js";
import { nodeReadFs } from "../repo/fs.js";
import { assembleResult, scoreTeachers, sortedTeachers, type TeacherOutcome } from "../score/evaluate.js";
import { affectedTeachers, datasetOf, factsOfFiles, FACT_BROKEN, FACT_REVIEWED, filesToRead, mergeOutcomes, type FileFacts } from "../score/incremental.js";
import { resolvePeriod } from "../score/period.js";
import type { Scheme } from "../rules/types.js";
import { countByTeacher, type ReviewCount } from "../reports/review-counts.js";
import { today, type Io } from "./io.js";
import { SCORE_INCREMENTAL_FORMAT, scoreIncrementalPurpose } from "./incremental-purpose.js";
import { loadRepoFor } from "./repo-arg.js";
import { formatOf, resolveFilters, type ScoreReport, type WholeScore } from "./score-run.js";
import { isBrokenActivityFile, unscoredNote } from "./scored-repo.js";
import type { ScoreOptions } from "./score.js";

/** More changed files than this: the whole score (a few hundred teachers each; past this, reading everything is as cheap). */
export const MAX_CHANGED = 64;

/** A report with more trace entries than this keeps no entry (a district's JSON trace: hundreds of MB to write and read back). */
export const MAX_KEPT_TRACE = 500_000;

const FORMAT = SCORE_INCREMENTAL_FORMAT;

interface IncrementalScoreEntry {
  format: typeof FORMAT;
  /** The repository's folder: an entry copied from another school is not this one's. */
  root: string;
  tool: string;
  table: FileTable;
  /** Config, roster and rule files, as the load read them: any change scores everything. */
  shared: string[];
  /** Each record and session file's facts: [path, teachers, flags, entries of unknown kinds]. */
  files: [string, ...FileFacts][];
  /** The scheme has group requirements: every file with a group's session is read. */
  groupSessions: boolean;
  /** The outcomes carry their trace (--format json). */
  traced: boolean;
  /** Every roster teacher's outcome (TeacherOutcome[]), compacted: src/cache/compact-value.ts. */
  outcomes: Compact;
  /** Each teacher's 待审核 / 退回 counts over the period: [teacher, pending, returned]. */
  reviews: [string, number, number][];
}

/** The entry's purpose: the whole score's, under its own name. */
const purposeOf = scoreIncrementalPurpose;

/** Record and session files as the load lists them (src/repo/layout.ts listYamlFiles), by path. */
const ACTIVITY_FILE = /^(?:records|sessions)\/.+\.ya?ml$/i;
const isActivityPath = (p: string) => (p.startsWith(`${RECORDS_DIR}/`) || p.startsWith(`${SESSIONS_DIR}/`)) && ACTIVITY_FILE.test(p);

export interface IncrementalScore {
  report: ScoreReport;
  /** The note on files in error and records of unknown kinds, for stderr (as a whole score writes it). */
  warning: string | undefined;
  /** Keep the entry for the next run. */
  keep(): void;
}

/** With YANXIU_TRACE_INCREMENTAL=1, one line on stderr saying which way the score went (tests read it). */
function trace(io: Io, line: string): void {
  if (io.env.YANXIU_TRACE_INCREMENTAL === "1") io.stderr.write(`yanxiu: incremental score: ${line}\n`);
}

/** The whole score's report from the last one and the files changed since, or undefined (then score everything). */
export function scoreIncrementally(io: Io, cache: ResultCache, purpose: readonly unknown[], root: string, lang: Lang, opts: ScoreOptions): IncrementalScore | undefined {
  try {
    return incrementally(io, cache, purpose, root, lang, opts);
  } catch (e) {
    trace(io, `whole score (${(e as Error).message})`);
    return undefined;
  }
}

function incrementally(io: Io, cache: ResultCache, purpose: readonly unknown[], root: string, lang: Lang, opts: ScoreOptions): IncrementalScore | undefined {
  const no = (why: string): undefined => void trace(io, `whole score (${why})`);
  const fs = io.readFs ?? nodeReadFs;
  const last = keptEntry(cache, purposeOf(purpose), root, fs, wellFormed);
  if ("whole" in last) return no(last.whole);
  const table = fileTableNow(cache, root, fs);
  if (!table) return no("a folder could not be listed");
  if (!onlyPlainFiles(table)) return no("a link or special file");
  const changed = changedPaths(last.table, table, (rel) => contentHash(fs, join(root, rel)));
  if (changed.length > MAX_CHANGED) return no(`${changed.length} files changed`);
  const other = changed.find((p) => !isActivityPath(p) || last.shared.includes(p));
  if (other !== undefined) return no(`${other} changed`);

  const before = new Map<string, FileFacts>(last.files.map(([file, ...facts]) => [file, facts]));
  const present = new Set(table.paths);
  const changedPresent = changed.filter((p) => present.has(p));
  // Whom the changed files name now, from a first read; the load below reads them again and must agree.
  const probed = new Map<string, string[]>();
  for (const p of changedPresent) {
    const found = activityFileResult(root, p, p.startsWith(`${SESSIONS_DIR}/`) ? "sessions" : "records", undefined, undefined, fs).found;
    probed.set(p, [...new Set(found.valid.map((a) => a.teacher))].sort());
  }
  const affected = affectedTeachers(before, changed, probed);
  const read = filesToRead(before, affected, changedPresent, last.groupSessions);

  const repo = loadRepoFor(io, root, lang, { validSources: "none", only: read });
  const ruleProblems = sortProblems([...repo.problems, ...repo.files.filter((f) => f.kind === "rules").flatMap((f) => f.problems)]);
  if (ruleProblems.some((p) => p.severity === "error")) return no("the rules have errors");
  const { dataset, scheme } = repo;
  if (!dataset || !scheme) return no("the config or roster has errors");
  if (hasGroupRequirements(scheme) !== last.groupSessions) return no("the rules' group requirements");
  const p = resolvePeriod(dataset.config, { term: opts.term, year: opts.year, cycle: opts.cycle, today: today(io.env) });
  if ("error" in p) return no("the period");
  const period = p.period;
  const resolved = resolveFilters(dataset.roster, opts, lang);
  const format = formatOf(io, lang, resolved);
  if ((format === "json") !== last.traced) return no("another format");

  const readNow = factsOf(repo, scheme);
  for (const file of changedPresent) {
    if ((readNow.get(file)?.[0] ?? []).join("\0") !== probed.get(file)!.join("\0")) return no("a file changed while it was read");
  }
  const files = new Map(before);
  for (const file of changed) files.delete(file);
  for (const [file, facts] of readNow) files.set(file, facts);

  const fresh = scoreTeachers(datasetOf(dataset, affected), scheme, period, { trace: last.traced });
  const keptOutcomes = expandValue(last.outcomes);
  if (!wellFormedOutcomes(keptOutcomes)) return no("no entry");
  const kept = new Map(keptOutcomes.map((o) => [o.teacher, o]));
  // Each kept outcome's compacted form, written again as it is for a teacher not scored again.
  const keptItems = compactItems(last.outcomes);
  const compacted = new Map(keptItems?.length === keptOutcomes.length ? keptOutcomes.map((o, i) => [o.teacher, keptItems[i]]) : []);
  const outcomes = mergeOutcomes(sortedTeachers(dataset).map((t) => t.id), kept, fresh, affected);
  if (!outcomes) return no("a teacher without a kept result");
  // Group requirements count the groups' sessions: every file holding one was read.
  const result = assembleResult(dataset, scheme, period, outcomes);

  const counts = new Map<string, ReviewCount>();
  for (const [teacher, pending, returned] of last.reviews) if (!affected.has(teacher)) counts.set(teacher, { pending, returned });
  for (const [teacher, c] of countByTeacher(dataset.activities.filter((a) => affected.has(a.teacher)), scheme, period)) counts.set(teacher, c);
  let reviewed = false;
  let broken = 0;
  let unknownKinds = 0;
  for (const [, flags, unknown] of files.values()) {
    reviewed ||= (flags & FACT_REVIEWED) !== 0;
    if (flags & FACT_BROKEN) broken++;
    unknownKinds += unknown;
  }
  const approvedOnly = scheme.meta.approvedOnly;
  const reviews = approvedOnly || reviewed ? { approvedOnly, byTeacher: counts } : undefined;
  trace(io, `${changed.length} changed, ${affected.size} teachers scored again, ${read.size} files read`);

  const report: ScoreReport = { lang, format, opts: resolved, dataset, result, reviews };
  const entry = (): IncrementalScoreEntry => ({
    format: FORMAT, root, tool: last.tool, table, shared: last.shared, files: [...files].map(([file, facts]) => [file, ...facts]),
    groupSessions: last.groupSessions, traced: last.traced, outcomes: compactListAgain(outcomes, last.outcomes, (i) => (affected.has(outcomes[i]!.teacher) ? undefined : compacted.get(outcomes[i]!.teacher))), reviews: [...counts].map(([t, c]) => [t, c.pending, c.returned]),
  });
  return { report, warning: unscoredNote(broken, unknownKinds, lang), keep: () => cache.put(purposeOf(purpose), entry()) };
}

/**
 * Before a whole score: the table of files, taken before anything is read, when the next run may
 * score incrementally. Only for a school scored before with the same purpose (its entry is stale
 * now: the school is being edited), so a first, cold score does not pay for the entry.
 */
export function tableBeforeWhole(io: Io, cache: ResultCache, purpose: readonly unknown[], root: string): FileTable | undefined {
  if (!cache.has(purpose) && !cache.has(purposeOf(purpose))) return undefined;
  return fileTableNow(cache, root, io.readFs ?? nodeReadFs);
}


/** After a whole score that was kept: the entry for the next run to start from (none if making it fails). */
export function keepAfterWhole(io: Io, cache: ResultCache, purpose: readonly unknown[], root: string, table: FileTable, whole: WholeScore): void {
  try {
    const traced = whole.report.format === "json";
    if (traced && whole.outcomes.reduce((n, o) => n + o.trace.length, 0) > MAX_KEPT_TRACE) return;
    const { repo, scheme, period } = whole;
    const dataset = repo.dataset!;
    const shared = repo.files.filter((f) => f.kind !== "records" && f.kind !== "sessions").map((f) => f.file);
    const files = [...factsOf(repo, scheme)].map(([file, facts]): [string, ...FileFacts] => [file, ...facts]);
    const reviews = [...countByTeacher(dataset.activities, scheme, period)].map(([t, c]): [string, number, number] => [t, c.pending, c.returned]);
    cache.put(purposeOf(purpose), {
      format: FORMAT, root, tool: toolFingerprint(io.readFs ?? nodeReadFs), table, shared, files,
      groupSessions: hasGroupRequirements(scheme), traced, outcomes: compactValue(whole.outcomes), reviews,
    } satisfies IncrementalScoreEntry);
  } catch {
    // as a cache that cannot be written: nothing kept
  }
}

function factsOf(repo: LoadedRepo, scheme: Scheme): Map<string, FileFacts> {
  const files = repo.files.filter((f) => f.kind === "records" || f.kind === "sessions").map((f) => ({ file: f.file, broken: isBrokenActivityFile(f) }));
  return factsOfFiles(files, repo.dataset?.activities ?? [], (kind) => scheme.kinds.has(kind));
}

function hasGroupRequirements(scheme: Scheme): boolean {
  return scheme.requirements.some((r) => r.subject === "group");
}

function wellFormedOutcomes(outcomes: unknown): outcomes is TeacherOutcome[] {
  return Array.isArray(outcomes) && outcomes.every((o: TeacherOutcome) => typeof o === "object" && o !== null && typeof o.teacher === "string" && Array.isArray(o.trace));
}

function wellFormed(e: IncrementalScoreEntry | undefined): e is IncrementalScoreEntry {
  return typeof e === "object" && e !== null && e.format === FORMAT && typeof e.root === "string" && typeof e.tool === "string"
    && isFileTable(e.table) && Array.isArray(e.shared) && Array.isArray(e.files) && typeof e.groupSessions === "boolean"
    && typeof e.traced === "boolean" && typeof e.outcomes === "object" && e.outcomes !== null && Array.isArray(e.reviews)
    && e.files.every((f) => Array.isArray(f) && typeof f[0] === "string" && Array.isArray(f[1]) && typeof f[2] === "number" && typeof f[3] === "number")
    && e.reviews.every((r) => Array.isArray(r) && typeof r[0] === "string");
}
