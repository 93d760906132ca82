/**
 * The file system a run reads through when its result is to be cached. A cold run used to
 * stamp every file (an lstat each) and then load them (another lstat, then the read): here the
 * stamp's row of a record or session file is taken from the load's own first look at it, and
 * the load's listings are cut from the stamp's one listing of the repository.
 *
 * As safe as a stamp taken before the run, because
 * - a file's row is taken at its first look, before any of its bytes are read: a change after
 *   that changes its size, mtime, ctime or inode, and the next run misses;
 * - a racy file (changed within two seconds of the run's start) is hashed from the very bytes
 *   the load read, not from a second read that could see another edit;
 * - the listing is the one the load used, taken before anything was read;
 * - a record or session file the load never looked at did not shape the result: its row is
 *   taken at the end. Every other file (config, roster, rules, evidence: code outside the load
 *   may look at them through node:fs) is stamped when the cache is opened, as before.
 */
import { join, sep } from "node:path";
import type { FileStat, ListedEntry, ReadFs } from "../repo/fs.js";

/** One file's row of the stamp; `racy`: its content hash, or null until hashed, when it is racy. */
export interface StampRow {
  row: string;
  racy?: string | null;
}

/** How results.ts makes a row (from `st` when given, else from an lstat now) and a content hash. */
export interface Stamper {
  row(entry: ListedEntry, st?: FileStat): StampRow;
  contentHash(bytes: Uint8Array): string;
}

export interface ObservedFs {
  /** The file system for the run to read through. */
  fs: ReadFs;
  /** The row taken of a deferred file at the run's first look at it, if it looked. */
  rowOf(path: string): StampRow | undefined;
}

/**
 * `entries`: the stamp's listing (sorted); `deferred`: the files (by absolute path) whose rows
 * are left to the run's first look.
 */
export function observedFs(entries: readonly ListedEntry[], base: ReadFs, stamper: Stamper, deferred: ReadonlyMap<string, ListedEntry>): ObservedFs {
  // Kept for the whole run: plain strings, no object per file (a few MB less to collect around).
  const rows = new Map<string, string>();
  /** Racy files by path: their content hash, or null until the run reads them. */
  const racy = new Map<string, string | null>();
  const folders = new Set(entries.filter((e) => e.isDirectory).map((e) => e.path));
  /** The row of a deferred file, taken at the first look (from `st` when the look was an lstat). */
  const look = (path: string, st?: FileStat): void => {
    const entry = deferred.get(path);
    if (!entry || rows.has(path)) return;
    const made = stamper.row(entry, st);
    rows.set(path, made.row);
    if (made.racy !== undefined) racy.set(path, made.racy);
  };
  const fs: ReadFs = {
    lstatSync(path) {
      if (!deferred.has(path) || rows.has(path)) return base.lstatSync(path);
      let st: FileStat;
      try {
        st = base.lstatSync(path);
      } catch (e) {
        look(path); // looks again: a row saying it is gone
        throw e;
      }
      look(path, st);
      return st;
    },
    statSync(path) {
      look(path);
      return base.statSync(path);
    },
    realpathSync(path) {
      look(path);
      return base.realpathSync(path);
    },
    readFileSync(path) {
      look(path);
      const bytes = base.readFileSync(path);
      // A racy file is compared by the content this run read, the first time it read it.
      if (racy.get(path) === null) racy.set(path, stamper.contentHash(bytes));
      return bytes;
    },
    ...(base.readPlainFile ? {
      readPlainFile(path: string, maxBytes: number) {
        if (!deferred.has(path) || rows.has(path)) return base.readPlainFile!(path, maxBytes);
        let read: { stat: FileStat; bytes?: Uint8Array };
        try {
          read = base.readPlainFile!(path, maxBytes);
        } catch (e) {
          look(path); // a link, gone, unreadable: its row as an lstat sees it
          throw e;
        }
        // The stats of the very file read, taken before its bytes were.
        look(path, read.stat);
        if (racy.get(path) === null && read.bytes) racy.set(path, stamper.contentHash(read.bytes));
        return read;
      },
    } : {}),
    listTree(dir, prune) {
      // Under a folder of the listing: the same entries, as they were when the stamp was listed.
      const top = join(dir);
      if (prune || !folders.has(top)) return base.listTree(dir, prune);
      const under = top + sep;
      return entries.filter((e) => e.path.startsWith(under));
    },
    ...(base.openPieces ? { openPieces: (path: string) => base.openPieces!(path) } : {}),
  };
  return {
    fs,
    rowOf(path) {
      const row = rows.get(path);
      return row === undefined ? undefined : racy.has(path) ? { row, racy: racy.get(path)! } : { row };
    },
  };
}
