/**
 * The pure half of check's incremental run (src/cli/check-incremental.ts): which files must be
 * checked again after some record and session files changed, and the whole check's problems
 * put together from the last run's and the new ones.
 *
 * Each file keeps its cross-file keys (src/checks/cross-file-keys.ts) as 30-bit hashes: two files
 * with no hash in common cannot make a problem together (a collision of hashes only adds files).
 * - The files to report on again (`report`): the changed ones, and every file sharing a key with a
 *   changed file's old or new content: its duplicate pair, its twin, may have gained or lost a problem.
 * - The files to load (`load`): those, and every file sharing a key with one of them, so each
 *   reported file is checked beside everything it can collide with (the first of a duplicate
 *   group, which the message names, included).
 * Every other file's problems are the last run's: nothing it can be compared with changed.
 */
import type { Problem } from "../problem.js";
import { stemOf, type CrossFileKeys } from "./cross-file-keys.js";
import type { FileKeys } from "./file-keys.js";

/** A file's keys, hashed (30 bits): duplicate keys, refs (only when `withRefs`) and its stem. */
export function hashedKeys(file: string, keys: CrossFileKeys, withRefs: boolean): number[] {
  const out = new Set<number>([fnv1a(`s\0${stemOf(file)}`)]);
  for (const k of keys.dup) out.add(fnv1a(`d\0${k}`));
  if (withRefs) for (const r of keys.refs) out.add(fnv1a(`r\0${r}`));
  return [...out];
}

/**
 * FNV-1a over UTF-16 code units, cut to 30 bits: small integers, which V8 keeps unboxed (the
 * neighbourhood is found by looking up every file's keys in a set: ~100,000 at a district).
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x3fffffff;
}

export interface ChangedFile {
  /** Its keys in the last run (absent: the file is new). */
  before?: readonly number[];
  /** Its keys now (absent: the file is gone). */
  now?: readonly number[];
}

/**
 * `keys`: every record and session file's hashed keys in the last run. Returns the files to
 * report on again (present now) and the files to load to check them.
 */
export function neighbourhood(keys: FileKeys, changed: ReadonlyMap<string, ChangedFile>): { report: Set<string>; load: Set<string> } {
  const keysNow = (file: string) => (changed.has(file) ? changed.get(file)!.now : keys.get(file));
  const touched = new Set<number>();
  for (const c of changed.values()) for (const k of [...(c.before ?? []), ...(c.now ?? [])]) touched.add(k);
  const report = new Set<string>();
  for (const [file, c] of changed) if (c.now) report.add(file);
  for (const file of sharing(keys, touched)) if (!changed.has(file)) report.add(file);
  const around = new Set<number>();
  for (const file of report) for (const k of keysNow(file) ?? []) around.add(k);
  const load = new Set(report);
  for (const file of sharing(keys, around)) if (!changed.has(file)) load.add(file);
  return { report, load };
}

/** The files (by their last run's keys) holding one of these keys. */
function sharing(keys: FileKeys, wanted: ReadonlySet<number>): string[] {
  const out: string[] = [];
  if (wanted.size === 0) return out;
  for (let i = 0; i < keys.size; i++) if (keys.sharesAny(i, wanted)) out.push(keys.files[i]!);
  return out;
}

/**
 * The whole check's problems: the last run's, but for the files checked again (`redone`: reported
 * on again, or gone), whose problems are the new run's. Each file's problems come from one run,
 * in that run's order, so sorting gives what a whole check gives.
 */
export function mergeProblems(last: readonly Problem[], fresh: readonly Problem[], redone: ReadonlySet<string>): Problem[] {
  return [...last.filter((p) => !redone.has(p.file)), ...fresh.filter((p) => redone.has(p.file))];
}
