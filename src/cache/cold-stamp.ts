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
import type { FileStat, FolderEntry, ListedEntry, ReadFs } from "../repo/fs.js";
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

/** An entry's kind as its folder's listing tells it. */
const LISTED_FOLDER = 1;
const LISTED_FILE = 2;
const LISTED_LINK = 3;
const LISTED_OTHER = 4;

/** One folder of the listing; its entries are numbered from `first` in the run's arrays. */
interface Folder {
  /** Its absolute path, ending with a separator. */
  key: string;
  rel: string;
  /** Sorted as `stampRepo` sorts them. */
  names: string[];
  kinds: Uint8Array;
  first: number;
  at: Map<string, number>;
}

/** Record and session files: read by the load through its file system, so stamped from its looks at them. */
const loadedIn = (rel: string) => rel === RECORDS_DIR || rel === SESSIONS_DIR || rel.startsWith(`${RECORDS_DIR}/`) || rel.startsWith(`${SESSIONS_DIR}/`);
const YAML = /\.ya?ml$/i;

/** Lists the repository now (throws when a folder cannot be listed) and stamps every file the load does not read. */
export function coldStamp(root: string, base: ReadFs, now: number): ColdStamp {
  const top = join(root);
  const rootKey = top.endsWith(sep) ? top : top + sep;
  const listFolder = (key: string): FolderEntry[] => base.listFolder?.(key) ?? base.listTree(key, () => true).map((e) => ({
    name: e.path.slice(key.length), isFile: () => e.isFile, isDirectory: () => e.isDirectory, isSymbolicLink: () => e.isSymbolicLink,
  }));
  const folders = new Map<string, Folder>();
  let total = 0;
  /** The files whose numbers are left to the load's looks. */
  const deferred: number[] = [];
  const list = (key: string, rel: string): void => {
    let entries = listFolder(key);
    if (rel === "") entries = entries.filter((e) => !NOT_INPUT.has(e.name));
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const folder: Folder = { key, rel, names: new Array<string>(entries.length), kinds: new Uint8Array(entries.length), first: total, at: new Map() };
    folders.set(key, folder);
    total += entries.length;
    const loaded = loadedIn(rel);
    entries.forEach((e, j) => {
      folder.names[j] = e.name;
      folder.at.set(e.name, j);
      folder.kinds[j] = e.isDirectory() ? LISTED_FOLDER : e.isSymbolicLink() ? LISTED_LINK : e.isFile() ? LISTED_FILE : LISTED_OTHER;
      if (loaded && folder.kinds[j] === LISTED_FILE && YAML.test(e.name)) deferred.push(folder.first + j);
    });
    folder.names.forEach((name, j) => {
      if (folder.kinds[j] === LISTED_FOLDER) list(`${key}${name}${sep}`, relPath(rel, name));
    });
  };
  list(rootKey, "");
  /** A listed file, link or other thing by its path; undefined for folders and anything not listed. */
  const indexOf = (path: string): number | undefined => {
    const cut = path.lastIndexOf(sep);
    const folder = folders.get(path.slice(0, cut + 1));
    const j = folder?.at.get(path.slice(cut + 1));
    return j === undefined || folder!.kinds[j] === LISTED_FOLDER ? undefined : folder!.first + j;
  };

  // Kept for the whole run: numbers in one array, no object per file.
  const state = new Uint8Array(total);
  const numbers = new Float64Array(total * 5);
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
  const later = new Uint8Array(total);
  for (const i of deferred) later[i] = 1;
  for (const folder of folders.values()) {
    folder.names.forEach((name, j) => {
      const i = folder.first + j;
      if (folder.kinds[j] === LISTED_FOLDER || later[i]) return;
      const path = folder.key + name;
      look(i, path);
      if (racy.get(i) === null) racy.set(i, contentHash(base, path));
    });
  }
  /** Before a look that is no lstat: one now, so the numbers are from before any read. */
  const touch = (path: string): number | undefined => {
    const i = indexOf(path);
    if (i !== undefined) look(i, path);
    return i;
  };

  const readFs: ReadFs = {
    readdirSync: (dir) => base.readdirSync(dir),
    ...(base.openPieces ? { openPieces: (path: string) => base.openPieces!(path) } : {}),
    lstatSync(path) {
      const i = indexOf(path);
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
      // `into` passed on: the load reads every file into one buffer; a racy file's hash is taken at once.
      readPlainFile(path: string, maxBytes: number, into?: Buffer) {
        const i = indexOf(path);
        let got: { stat: FileStat; bytes?: Uint8Array };
        try {
          got = base.readPlainFile!(path, maxBytes, into);
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
      const under = folders.get(key);
      if (prune || key === rootKey || !under) return base.listTree(dir, prune);
      const out: ListedEntry[] = [];
      const walk = (folder: Folder): void => {
        folder.names.forEach((name, j) => {
          const kind = folder.kinds[j];
          const path = folder.key + name;
          out.push({ path, isFile: kind === LISTED_FILE, isDirectory: kind === LISTED_FOLDER, isSymbolicLink: kind === LISTED_LINK });
          if (kind === LISTED_FOLDER) walk(folders.get(path + sep)!);
        });
      };
      walk(under);
      return out;
    },
  };

  const stamp = (): Stamp | undefined => {
    const stream = new StampStream(toolFingerprint(base));
    const racyOut: Record<string, string> = {};
    const visit = (folder: Folder): boolean => {
      stream.listing(folder.rel, folder.names);
      for (let j = 0; j < folder.names.length; j++) {
        const path = folder.key + folder.names[j]!;
        if (folder.kinds[j] === LISTED_FOLDER) {
          stream.folder();
          if (!visit(folders.get(path + sep)!)) return false;
          continue;
        }
        const i = folder.first + j;
        look(i, path); // never looked at by the run: it did not shape the result
        if (state[i] === TURNED_FOLDER) return false;
        if (state[i] === GONE) {
          stream.gone();
          continue;
        }
        const at = i * 5;
        stream.entry(numbers[at]!, numbers[at + 1]!, numbers[at + 2]!, numbers[at + 3]!, numbers[at + 4]!);
        if (numbers[at] === LINK) stream.text(linkTexts.get(i)!);
        if (racy.has(i)) racyOut[relPath(folder.rel, folder.names[j]!)] = racy.get(i) ?? contentHash(base, path);
      }
      return true;
    };
    return visit(folders.get(rootKey)!) ? { digest: stream.digest(), racy: racyOut } : undefined;
  };
  return { readFs, stamp };
}
