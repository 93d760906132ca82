/**
 * Every file of a repository with its stats, one row per file, to tell which files changed
 * between two runs: the whole stamp (src/cache/results.ts) only says *that* something changed.
 * check's incremental run (src/cli/check-incremental.ts) keeps the table of the run that made
 * its entry, takes one now and compares them.
 *
 * A row is the same numbers the stamp hashes (kind, size, mtime, ctime, inode); a file that was
 * racy when the table was taken (changed within two seconds, so a second edit could keep its size
 * and mtime) also keeps its content hash, compared with the content now, as the stamp does.
 * Taken before anything is read: an edit after a file's row changes its numbers, so the next
 * run sees it as changed.
 */
import { sep } from "node:path";
import type { ReadFs } from "../repo/fs.js";
import { contentHash, FILE, FOLDER, GONE, isRacy, kindOf, NOT_INPUT, relPath, type StreamRecord } from "./stamp-stream.js";

/** Numbers per row: kind, size, mtime, ctime, inode. */
const WIDTH = 5;

export interface FileTable {
  /** Repo-relative paths, with `/`, in walk order (folders' names sorted). */
  paths: string[];
  /** WIDTH numbers per path (ctime NaN is written as null by JSON: compared as such). */
  numbers: (number | null)[];
  /** Content hashes of the files racy when the table was taken. */
  racy: Record<string, string>;
}

/** The table now; throws when a folder cannot be listed (the caller then checks everything). */
export function takeFileTable(root: string, fs: ReadFs, now: number): FileTable {
  const paths: string[] = [];
  const numbers: (number | null)[] = [];
  const racy: Record<string, string> = {};
  const visit = (folder: string, relFolder: string): void => {
    let names = fs.readdirSync(folder);
    if (relFolder === "") names = names.filter((name) => !NOT_INPUT.has(name));
    names.sort();
    const base = folder.endsWith(sep) ? folder : folder + sep;
    for (const name of names) {
      const path = base + name;
      const rel = relPath(relFolder, name);
      const st = fs.lstatSync(path); // gone meanwhile: throws, the caller checks everything
      if (st.isDirectory()) {
        visit(path, rel);
        continue;
      }
      paths.push(rel);
      const ctime = st.ctimeMs ?? Number.NaN;
      numbers.push(kindOf(st), st.size, st.mtimeMs, Number.isNaN(ctime) ? null : ctime, st.ino);
      if (isRacy(st, now)) racy[rel] = contentHash(fs, path);
    }
  };
  visit(root, "");
  return { paths, numbers, racy };
}

/** Is every row a plain file (no links, devices or pipes anywhere)? */
export function onlyPlainFiles(table: FileTable): boolean {
  for (let i = 0; i < table.paths.length; i++) if (table.numbers[i * WIDTH] !== FILE) return false;
  return true;
}

/**
 * The paths added, deleted or changed from `before` to `now`. A file racy in `before` whose
 * numbers are the same is compared by content (`hashNow` reads it).
 */
export function changedPaths(before: FileTable, now: FileTable, hashNow: (rel: string) => string | undefined): string[] {
  // Most rows are where they were (same walk order): compared in place until the first file added
  // or deleted; from there on, by path.
  let same = 0;
  const shorter = Math.min(before.paths.length, now.paths.length);
  while (same < shorter && before.paths[same] === now.paths[same]) same++;
  const old = new Map<string, number>();
  for (let j = same; j < before.paths.length; j++) old.set(before.paths[j]!, j);
  const changed: string[] = [];
  now.paths.forEach((p, i) => {
    const j = i < same ? i : old.get(p);
    if (j === undefined) return void changed.push(p);
    old.delete(p);
    for (let k = 0; k < WIDTH; k++) {
      if (before.numbers[j * WIDTH + k] !== now.numbers[i * WIDTH + k]) return void changed.push(p);
    }
    const sha = before.racy[p];
    if (sha !== undefined && (now.racy[p] ?? hashNow(p)) !== sha) changed.push(p);
  });
  changed.push(...old.keys()); // deleted
  return changed;
}

/** Is this a well-formed table (read back from an entry)? */
export function isFileTable(t: unknown): t is FileTable {
  const table = t as FileTable;
  return typeof t === "object" && t !== null && Array.isArray(table.paths) && Array.isArray(table.numbers)
    && table.numbers.length === table.paths.length * WIDTH && table.paths.every((p) => typeof p === "string")
    && typeof table.racy === "object" && table.racy !== null;
}

/**
 * A table of files from the whole stamp's walk (src/cache/results.ts `stampRepo`), which lists and
 * stats the same files in the same order, so a run that took the stamp need not walk them all a
 * second time (~60–90 ms at 8,400 files). Every warm run records, so nothing is done per file:
 * the stamp's stream (src/cache/stamp-stream.ts) hands over each folder's listing and each run of
 * numbers it hashed (copied whole), and the table is made from them only when asked for, by
 * walking the listings again in the stamp's order (per name: a folder mark, then that folder's
 * listing; a gone mark; or kind, size, mtime, ctime, inode).
 */
export class TableRows implements StreamRecord {
  private readonly listings: { relFolder: string; names: readonly string[] }[] = [];
  private readonly runs: Float64Array[] = [];

  listing(relFolder: string, names: readonly string[]): void {
    this.listings.push({ relFolder, names });
  }

  numbers(run: Float64Array): void {
    this.runs.push(run);
  }

  /** The table (`racy`: the stamp's content hashes of the files racy then); undefined when a file was gone between the listing and its stat (takeFileTable throws then). */
  table(racy: Record<string, string>): FileTable | undefined {
    const paths: string[] = [];
    const numbers: (number | null)[] = [];
    const cells = new Float64Array(this.runs.reduce((n, run) => n + run.length, 0));
    let filled = 0;
    for (const run of this.runs) {
      cells.set(run, filled);
      filled += run.length;
    }
    let listing = 0;
    let at = 0;
    const visit = (): boolean => {
      const { relFolder, names } = this.listings[listing++]!;
      for (const name of names) {
        if (at >= cells.length) return false;
        const kind = cells[at++]!;
        if (kind === FOLDER) {
          if (listing >= this.listings.length || !visit()) return false;
          continue;
        }
        if (kind === GONE || at + WIDTH - 1 > cells.length) return false;
        const ctime = cells[at + 2]!;
        paths.push(relPath(relFolder, name));
        numbers.push(kind, cells[at]!, cells[at + 1]!, Number.isNaN(ctime) ? null : ctime, cells[at + 3]!);
        at += WIDTH - 1;
      }
      return true;
    };
    if (this.listings.length === 0 || !visit() || at !== cells.length || listing !== this.listings.length) return undefined;
    return { paths, numbers, racy: { ...racy } };
  }
}
