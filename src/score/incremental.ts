/**
 * The pure half of score's incremental run (src/cli/score-incremental.ts): which teachers a few
 * changed record and session files can affect, which files to read to score them again, and the
 * whole school's outcomes put together from the last run's and the new ones.
 *
 * A teacher's outcome depends on the scheme, the config, the period, their roster entry and their
 * own activities only (src/score/evaluate.ts scoreTeachers); while config, roster and rules are
 * unchanged, a changed file can change the outcome of the teachers its activities named before
 * the edit and after it, and no one else's. To score such a teacher again every file naming them
 * is read (their record files of every term, the sessions they attended or led). What is school-
 * wide is made again from every teacher's outcome (group and school requirements, the shares) or
 * from facts kept per file (files in error, records of unknown kinds, whether reviews began).
 */
import type { Activity, Dataset } from "../model.js";
import type { TeacherOutcome } from "./evaluate.js";

/** A file's facts: the teachers its scored activities name, flags (FACT_*), its entries of an unknown kind. */
export type FileFacts = [teachers: string[], flags: number, unknownKinds: number];

/** The file has an error (its records in error are not scored). */
export const FACT_BROKEN = 1;
/** One of its records was approved, verified or returned (the 待审核 counts are shown). */
export const FACT_REVIEWED = 2;
/** It holds a group's session (group requirements count them). */
export const FACT_GROUPED = 4;

/** Each record and session file's facts, from a load: `activities` are the dataset's (the scored ones). */
export function factsOfFiles(files: readonly { file: string; broken: boolean }[], activities: readonly Activity[], knownKind: (kind: string) => boolean): Map<string, FileFacts> {
  const out = new Map<string, FileFacts>();
  const teachers = new Map<string, Set<string>>();
  const unknown = new Map<string, Set<number>>();
  for (const f of files) {
    out.set(f.file, [[], f.broken ? FACT_BROKEN : 0, 0]);
    teachers.set(f.file, new Set());
    unknown.set(f.file, new Set());
  }
  for (const a of activities) {
    const facts = out.get(a.origin.file);
    if (!facts) continue;
    teachers.get(a.origin.file)!.add(a.teacher);
    if (a.status !== undefined && a.status !== "draft") facts[1] |= FACT_REVIEWED;
    if (a.group) facts[1] |= FACT_GROUPED;
    if (!knownKind(a.kind)) unknown.get(a.origin.file)!.add(a.origin.index);
  }
  for (const [file, facts] of out) {
    facts[0] = [...teachers.get(file)!].sort();
    facts[2] = unknown.get(file)!.size;
  }
  return out;
}

/**
 * The teachers to score again: those the changed files named in the last run (`before`) and
 * those they name now (`now`, absent for a file gone).
 */
export function affectedTeachers(before: ReadonlyMap<string, FileFacts>, changed: readonly string[], now: ReadonlyMap<string, readonly string[]>): Set<string> {
  const out = new Set<string>();
  for (const p of changed) {
    for (const t of before.get(p)?.[0] ?? []) out.add(t);
    for (const t of now.get(p) ?? []) out.add(t);
  }
  return out;
}

/**
 * The record and session files to read: every file naming an affected teacher (by the last run's
 * facts: an unchanged file names whom it named), the changed files still there, and with group
 * requirements every file holding a group's session.
 */
export function filesToRead(before: ReadonlyMap<string, FileFacts>, affected: ReadonlySet<string>, changedPresent: readonly string[], groupSessions: boolean): Set<string> {
  const out = new Set(changedPresent);
  for (const [file, [teachers, flags]] of before) {
    if ((groupSessions && flags & FACT_GROUPED) || teachers.some((t) => affected.has(t))) out.add(file);
  }
  return out;
}

/** The dataset to score the affected teachers with: only them on the roster, only their activities. */
export function datasetOf(dataset: Dataset, affected: ReadonlySet<string>): Dataset {
  return {
    ...dataset,
    roster: { ...dataset.roster, teachers: dataset.roster.teachers.filter((t) => affected.has(t.id)) },
    activities: dataset.activities.filter((a) => affected.has(a.teacher)),
  };
}

/**
 * Every teacher's outcome in `order` (the roster's, sorted): the new one of an affected teacher,
 * the last run's of every other. Undefined when some teacher has neither (then score everyone).
 */
export function mergeOutcomes(order: readonly string[], kept: ReadonlyMap<string, TeacherOutcome>, fresh: readonly TeacherOutcome[], affected: ReadonlySet<string>): TeacherOutcome[] | undefined {
  const now = new Map(fresh.map((o) => [o.teacher, o]));
  const out: TeacherOutcome[] = [];
  for (const id of order) {
    const o = affected.has(id) ? now.get(id) : kept.get(id);
    if (!o) return undefined;
    out.push(o);
  }
  return out;
}
