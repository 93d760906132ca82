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
import { contentHash, FILE, isRacy, kindOf, NOT_INPUT, relPath } from "./stamp-stream.js";

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
  const old = new Map<string, number>();
  before.paths.forEach((p, i) => old.set(p, i));
  const changed: string[] = [];
  now.paths.forEach((p, i) => {
    const j = old.get(p);
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
 * A table's rows gathered by another walk of the same files in the same order: the whole stamp's
 * (src/cache/results.ts `stampRepo`), so a run that took the stamp need not list and stat every
 * file a second time (~60–90 ms at 8,400 files). Per file only its name and numbers are kept;
 * paths are put together when the table is asked for, which a warm run never does.
 */
export class TableRows {
  private readonly folders: string[] = [];
  private readonly names: string[] = [];
  private readonly numbers: number[] = [];
  /** A file was gone between the listing and its stat: as takeFileTable, which throws, no table. */
  private complete = true;

  add(relFolder: string, name: string, kind: number, size: number, mtimeMs: number, ctimeMs: number, ino: number): void {
    this.folders.push(relFolder);
    this.names.push(name);
    this.numbers.push(kind, size, mtimeMs, ctimeMs, ino);
  }

  gone(): void {
    this.complete = false;
  }

  /** The table (`racy`: the walk's content hashes of the files racy then), or undefined. */
  table(racy: Record<string, string>): FileTable | undefined {
    if (!this.complete) return undefined;
    const paths = this.names.map((name, i) => relPath(this.folders[i]!, name));
    const numbers: (number | null)[] = this.numbers.slice();
    for (let i = 3; i < numbers.length; i += WIDTH) if (Number.isNaN(numbers[i])) numbers[i] = null; // ctime, as takeFileTable
    return { paths, numbers, racy: { ...racy } };
  }
}
