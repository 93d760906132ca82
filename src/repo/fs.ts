/**
 * The file-system operations yanxiu writes with, passed in (as markdownlint-cli2's `fs`
 * option) so a test can make any single step fail — a short write, ENOSPC, EIO, a failed
 * fsync or rename, an editor saving in between — and check nothing is lost. `node:fs`
 * itself satisfies the interface.
 */
import * as nodeFsModule from "node:fs";
import { join, sep } from "node:path";

export interface FileStat {
  size: number;
  mtimeMs: number;
  /** Changes with any change to the file, even one that puts mtime back (node always gives it). */
  ctimeMs?: number;
  ino: number;
  mode: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface WriteFs {
  openSync(path: string, flags: string, mode?: number): number;
  /** May write fewer bytes than asked (a short write): callers loop. */
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  /** A second name for a file; fails with EEXIST when `to` exists (never replaces it). */
  linkSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  /** Remove an empty folder. */
  rmdirSync(path: string): void;
  readFileSync(path: string): Uint8Array;
  lstatSync(path: string): FileStat;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  readdirSync(path: string): string[];
}

/** An entry of one folder's listing: its name and what it is (links are not followed). */
export interface FolderEntry {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** An entry of a folder listing: its absolute path and what it is (links are not followed). */
export interface ListedEntry {
  path: string;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

/**
 * The file-system operations yanxiu reads a repository with (list, read, stat, realpath),
 * passed from main() down like WriteFs, so the core never reaches for node:fs itself and a
 * test can hand it a repository that misbehaves.
 */
export interface ReadFs {
  readFileSync(path: string): Uint8Array;
  lstatSync(path: string): FileStat;
  /** Follows links. */
  statSync(path: string): FileStat;
  realpathSync(path: string): string;
  /**
   * Every entry under `dir`, recursively, without following links; [] when `dir` does not
   * exist. Folders for which `prune` says true are listed but not entered.
   */
  listTree(dir: string, prune?: (folder: string) => boolean): ListedEntry[];
  /** The names in one folder, in the file system's order (the result cache's stamp lstats each itself). */
  readdirSync(dir: string): string[];
  /**
   * One folder's entries with their kinds as the listing tells them (no stat of each), in the
   * file system's order; the result cache lists a repository for a cold run's stamp with it.
   */
  listFolder?(dir: string): FolderEntry[];
  /** A file opened to be read in pieces (a large cached report, streamed through one buffer). */
  openPieces?(path: string): Pieces;
  /**
   * A plain file's stats and bytes in one open, never through a link: the stats are taken
   * (fstat) before the bytes are read; no bytes when it is not a plain file or is over
   * `maxBytes`. Throws when it cannot be opened so (missing, a link, unreadable). With `into`, the
   * bytes may be a view of it (when they fit): the caller uses them before its next read.
   */
  readPlainFile?(path: string, maxBytes: number, into?: Buffer): { stat: FileStat; bytes?: Uint8Array };
}

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = nodeFsModule.constants;

/** An open file read by position; `private` when only its owner, this user, may change it in place. */
export interface Pieces {
  size: number;
  private: boolean;
  /** Fills `buffer` from `position`; the number of bytes read (0 at the end). */
  read(buffer: Buffer, position: number): number;
  close(): void;
}

export const nodeReadFs: ReadFs = {
  readFileSync: (p) => nodeFsModule.readFileSync(p),
  lstatSync: (p) => nodeFsModule.lstatSync(p),
  statSync: (p) => nodeFsModule.statSync(p),
  realpathSync: (p) => nodeFsModule.realpathSync(p),
  readdirSync: (p) => nodeFsModule.readdirSync(p),
  listFolder: (p) => nodeFsModule.readdirSync(p, { withFileTypes: true }),
  openPieces(path) {
    const fd = nodeFsModule.openSync(path, "r");
    try {
      const st = nodeFsModule.fstatSync(fd);
      if (!st.isFile()) throw new Error(`${path} is not a file`);
      return {
        size: st.size,
        private: st.uid === process.getuid?.() && (st.mode & 0o022) === 0,
        read: (buffer, position) => nodeFsModule.readSync(fd, buffer, 0, buffer.length, position),
        close: () => nodeFsModule.closeSync(fd),
      };
    } catch (e) {
      nodeFsModule.closeSync(fd);
      throw e;
    }
  },
  // Where a link cannot be refused at the open (no O_NOFOLLOW: Windows), callers lstat first instead.
  ...(O_NOFOLLOW === undefined ? {} : { readPlainFile }),
  listTree(dir, prune) {
    const out: ListedEntry[] = [];
    const walk = (folder: string): void => {
      let entries: nodeFsModule.Dirent[];
      try {
        entries = nodeFsModule.readdirSync(folder, { withFileTypes: true });
      } catch (e) {
        if (folder === top && (isMissing(e) || errorCode(e) === "ENOTDIR")) return;
        throw e;
      }
      // `folder` is already normal (joined once below): a plain concatenation, thousands of times over.
      const base = folder.endsWith(sep) ? folder : `${folder}${sep}`;
      for (const e of entries) {
        const path = base + e.name;
        const entry = { path, isFile: e.isFile(), isDirectory: e.isDirectory(), isSymbolicLink: e.isSymbolicLink() };
        out.push(entry);
        if (entry.isDirectory && !prune?.(path)) walk(path);
      }
    };
    const top = join(dir);
    walk(top);
    return out;
  },
};

/** ReadFs.readPlainFile: one open that never follows a link and never waits on a FIFO. */
function readPlainFile(path: string, maxBytes: number, into?: Buffer): { stat: FileStat; bytes?: Uint8Array } {
  const fd = nodeFsModule.openSync(path, O_RDONLY | O_NOFOLLOW! | (O_NONBLOCK ?? 0));
  try {
    const stat = nodeFsModule.fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return { stat };
    // As readFileSync: up to the size the stats say (a file growing meanwhile has other stats next run).
    // Into the caller's buffer when given and large enough: no new buffer (and its backing store) per file.
    const bytes = into && stat.size <= into.length ? into.subarray(0, stat.size) : Buffer.allocUnsafe(stat.size);
    let got = 0;
    while (got < bytes.length) {
      const n = nodeFsModule.readSync(fd, bytes, got, bytes.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return { stat, bytes: got === bytes.length ? bytes : bytes.subarray(0, got) };
  } finally {
    nodeFsModule.closeSync(fd);
  }
}

export const nodeFs: WriteFs = {
  openSync: (p, f, m) => nodeFsModule.openSync(p, f, m),
  writeSync: (fd, b, o, l, p) => nodeFsModule.writeSync(fd, b, o, l, p),
  fsyncSync: (fd) => nodeFsModule.fsyncSync(fd),
  closeSync: (fd) => nodeFsModule.closeSync(fd),
  renameSync: (a, b) => nodeFsModule.renameSync(a, b),
  linkSync: (a, b) => nodeFsModule.linkSync(a, b),
  rmdirSync: (p) => nodeFsModule.rmdirSync(p),
  unlinkSync: (p) => nodeFsModule.unlinkSync(p),
  readFileSync: (p) => nodeFsModule.readFileSync(p),
  lstatSync: (p) => nodeFsModule.lstatSync(p),
  mkdirSync: (p, o) => nodeFsModule.mkdirSync(p, o),
  readdirSync: (p) => nodeFsModule.readdirSync(p),
};

/** The errno code of a thrown file-system error ("ENOSPC"), or the message for anything else. */
export function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : String((e as Error | undefined)?.message ?? e);
}

export function isMissing(e: unknown): boolean {
  return errorCode(e) === "ENOENT";
}

/** An error shaped like node's own, for the cases node reports as a number (a zero-byte write). */
export function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}
