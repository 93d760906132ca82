/**
 * The stamp of a cold run's entry, taken from the run's own looks at the files. A warm stamp
 * (`stampRepo`) lists the repository and lstats every file; a cold run did that and then the
 * load opened and fstatted the same files again. Here the repository is listed once, after the
 * miss and before the load (which gets its listings cut from this one), and a record or session
 * file's numbers are the stats the load took of it (`readPlainFile`'s fstat, or its first lstat).
 * The digest is the same stream as `stampRepo`'s (src/cache/stamp-stream.ts), so the next warm
 * run finds the entry when nothing changed.
 *
 * As safe as a stamp taken before the run, because
 * - a file's numbers are taken at the run's first look at it, before any of its bytes are read:
 *   an edit after that changes its size, mtime, ctime or inode, and the next run misses;
 * - a racy file (changed within two seconds) is hashed from the very bytes the load read, not
 *   from a second read that could see another edit;
 * - the listing the stamp hashes is the one the load used: a file added meanwhile was neither
 *   loaded nor stamped, and the next run's listing differs;
 * - every file but the record and session files (config, roster, rules, evidence, links: code
 *   outside the load may look at them through node:fs) is stamped when the listing is taken,
 *   as a whole stamp would have been; folders only by their listing, as in `stampRepo`;
 * - a record or session file the run never looked at did not shape the result: it is stamped
 *   at the end; one that turned into a folder meanwhile gives no stamp (no entry is put).
 */
import { join, sep } from "node:path";
import type { FileStat, ListedEntry, ReadFs } from "../repo/fs.js";
import { RECORDS_DIR, SESSIONS_DIR } from "../repo/layout.js";
import { bytesHash, contentHash, isRacy, kindOf, LINK, linkTarget, NOT_INPUT, relPath, StampStream, type Stamp } from "./stamp-stream.js";
import { toolFingerprint } from "./tool-stamp.js";

export interface ColdStamp {
  /** The file system for the run to read through. */
  readFs: ReadFs;
  /** The stamp of the files as the run found them; undefined when one was replaced by a folder meanwhile. */
  stamp(): Stamp | undefined;
}

/** What is known of a listed file. */
const UNSEEN = 0;
const SEEN = 1;
const GONE = 2;
const TURNED_FOLDER = 3;

/** Read by the load through its file system, so stamped from its looks at them. */
const loadedBy = (rel: string) => (rel.startsWith(RECORDS_DIR + sep) || rel.startsWith(SESSIONS_DIR + sep)) && /\.ya?ml$/i.test(rel);

/** Lists the repository now (throws when a folder cannot be listed) and stamps every file the load does not read. */
export function coldStamp(root: string, base: ReadFs, now: number): ColdStamp {
  const top = join(root);
  const rootKey = top.endsWith(sep) ? top : top + sep;
  const atRoot = (path: string) => path.indexOf(sep, rootKey.length) < 0;
  const listed = base.listTree(top, (folder) => atRoot(folder) && NOT_INPUT.has(folder.slice(rootKey.length)));
  /** Each folder's entries (by its path and a separator), sorted by name as `stampRepo` sorts. */
  const folders = new Map<string, ListedEntry[]>([[rootKey, []]]);
  /** Every listed file, link or other thing: its place in the arrays below. */
  const index = new Map<string, number>();
  /** The files whose numbers are left to the load's looks. */
  const deferred = new Set<number>();
  for (const e of listed) {
    if (atRoot(e.path) && NOT_INPUT.has(e.path.slice(rootKey.length))) continue;
    folders.get(e.path.slice(0, e.path.lastIndexOf(sep) + 1))?.push(e);
    if (e.isDirectory) folders.set(e.path + sep, []);
    else {
      if (e.isFile && loadedBy(e.path.slice(rootKey.length))) deferred.add(index.size);
      index.set(e.path, index.size);
    }
  }
  for (const entries of folders.values()) entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // Kept for the whole run: numbers in one array, no object per file.
  const state = new Uint8Array(index.size);
  const numbers = new Float64Array(index.size * 5);
  const linkTexts = new Map<number, string>();
  /** Racy files: their content hash, or null until the run reads them. */
  const racy = new Map<number, string | null>();
  const look = (i: number, path: string, st?: FileStat): void => {
    if (state[i] !== UNSEEN) return;
    if (!st) {
      try {
        st = base.lstatSync(path);
      } catch {
        state[i] = GONE;
        return;
      }
    }
    if (st.isDirectory()) {
      state[i] = TURNED_FOLDER;
      return;
    }
    const kind = kindOf(st);
    const at = i * 5;
    numbers[at] = kind;
    numbers[at + 1] = st.size;
    numbers[at + 2] = st.mtimeMs;
    numbers[at + 3] = st.ctimeMs ?? Number.NaN;
    numbers[at + 4] = st.ino;
    if (kind === LINK) linkTexts.set(i, linkTarget(base, path));
    if (isRacy(st, now)) racy.set(i, null);
    state[i] = SEEN;
  };
  /** A racy file is compared by the content this run read, the first time it read it. */
  const read = (i: number | undefined, bytes: Uint8Array | undefined): void => {
    if (i !== undefined && bytes && racy.get(i) === null) racy.set(i, bytesHash(bytes));
  };
  for (const [path, i] of index) {
    if (deferred.has(i)) continue;
    look(i, path);
    if (racy.get(i) === null) racy.set(i, contentHash(base, path));
  }
  /** Before a look that is no lstat: one now, so the numbers are from before any read. */
  const touch = (path: string): number | undefined => {
    const i = index.get(path);
    if (i !== undefined) look(i, path);
    return i;
  };

  const readFs: ReadFs = {
    readdirSync: (dir) => base.readdirSync(dir),
    ...(base.openPieces ? { openPieces: (path: string) => base.openPieces!(path) } : {}),
    lstatSync(path) {
      const i = index.get(path);
      if (i === undefined || state[i] !== UNSEEN) return base.lstatSync(path);
      let st: FileStat;
      try {
        st = base.lstatSync(path);
      } catch (e) {
        state[i] = GONE;
        throw e;
      }
      look(i, path, st);
      return st;
    },
    statSync(path) {
      touch(path);
      return base.statSync(path);
    },
    realpathSync(path) {
      touch(path);
      return base.realpathSync(path);
    },
    readFileSync(path) {
      const i = touch(path);
      const bytes = base.readFileSync(path);
      read(i, bytes);
      return bytes;
    },
    ...(base.readPlainFile ? {
      readPlainFile(path: string, maxBytes: number) {
        const i = index.get(path);
        let got: { stat: FileStat; bytes?: Uint8Array };
        try {
          got = base.readPlainFile!(path, maxBytes);
        } catch (e) {
          if (i !== undefined) look(i, path); // a link, gone, unreadable: as an lstat sees it
          throw e;
        }
        // The stats of the very file read, taken (fstat) before its bytes were.
        if (i !== undefined) look(i, path, got.stat);
        read(i, got.bytes);
        return got;
      },
    } : {}),
    listTree(dir, prune) {
      // A folder of the listing: the same entries, as they were when the stamp's listing was taken.
      const at = join(dir);
      const key = at.endsWith(sep) ? at : at + sep;
      if (prune || key === rootKey || !folders.has(key)) return base.listTree(dir, prune);
      const out: ListedEntry[] = [];
      const walk = (k: string): void => {
        for (const e of folders.get(k)!) {
          out.push(e);
          if (e.isDirectory) walk(e.path + sep);
        }
      };
      walk(key);
      return out;
    },
  };

  const stamp = (): Stamp | undefined => {
    const stream = new StampStream(toolFingerprint(base));
    const racyOut: Record<string, string> = {};
    const visit = (key: string, relFolder: string): boolean => {
      const entries = folders.get(key)!;
      stream.listing(relFolder, entries.map((e) => e.path.slice(key.length)));
      for (const e of entries) {
        const rel = relPath(relFolder, e.path.slice(key.length));
        if (e.isDirectory) {
          stream.folder();
          if (!visit(e.path + sep, rel)) return false;
          continue;
        }
        const i = index.get(e.path)!;
        look(i, e.path); // never looked at by the run: it did not shape the result
        if (state[i] === TURNED_FOLDER) return false;
        if (state[i] === GONE) {
          stream.gone();
          continue;
        }
        const at = i * 5;
        stream.entry(numbers[at]!, numbers[at + 1]!, numbers[at + 2]!, numbers[at + 3]!, numbers[at + 4]!);
        if (numbers[at] === LINK) stream.text(linkTexts.get(i)!);
        if (racy.has(i)) racyOut[rel] = racy.get(i) ?? contentHash(base, e.path);
      }
      return true;
    };
    return visit(rootKey, "") ? { digest: stream.digest(), racy: racyOut } : undefined;
  };
  return { readFs, stamp };
}
