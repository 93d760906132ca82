/**
 * Whole results (check's problems, score's output) kept in the school repo's git-ignored
 * .yanxiu-cache/results/, so a run on an unchanged repository costs a stat of every file
 * plus start-up.
 *
 * An entry is found by its purpose (the command, language, today's date, options: whatever
 * the result depends on besides the files) and trusted only when
 * - its stamp matches: every file of the repository (evidence and all, outside .git and the
 *   cache) with its path, type, size, mtime, ctime and inode, plus the tool's own code
 *   (cache/tool-stamp.ts: the build's stamp, or every module by path, size and mtime);
 * - the files that were "racy" when it was made (changed within two seconds of it, so a
 *   second edit could keep size and mtime) still have the same content hash, as git does;
 * - it is signed with this user's key (cache/secret.ts), so a cache that comes with the
 *   repository (committed, planted in a pull request) is never believed.
 * Anything else (a missing, corrupt, foreign or stale entry) is a miss: the caller computes.
 */
import { createHash } from "node:crypto";
import { join, sep } from "node:path";
import { nodeFs, nodeReadFs, type FileStat, type Pieces, type ReadFs, type WriteFs } from "../repo/fs.js";
import { CACHE_DIR } from "../repo/layout.js";
import { coldStamp, type ColdStamp } from "./cold-stamp.js";
import { contentHash, FILE, isRacy, kindOf, LINK, linkTarget, NOT_INPUT, OTHER, RACY_MS, relPath, StampStream, type Stamp } from "./stamp-stream.js";
import { CTIME, INO, MODE, MTIME, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, SIZE, nodeFastLstat, type FastLstat } from "./fast-lstat.js";
import { entryParts, TRAILER_BYTES } from "./entry-layout.js";
import { ensureIgnored, removeDeadWriters, startEntry, type EntryWriter } from "./entry-writer.js";
import { cacheSecret, SIGNATURE_LINE, verifiedBytes, type KeyIo } from "./secret.js";
import { textInMemory, verifiedPieces, type StoredText } from "./stored-text.js";
import { toolFingerprint } from "./tool-stamp.js";
import { takeFileTable, TableRows, type FileTable } from "./file-table.js";

export const RESULTS_DIR = "results";

export interface ResultCacheIo {
  env: KeyIo["env"];
  fs?: ReadFs;
  writeFs?: WriteFs;
  /** Milliseconds since the epoch (tests pin it). */
  now?: () => number;
  /**
   * The warm stamp's cheaper lstat (src/cache/fast-lstat.ts); by default node's own, only when
   * `fs` is node's own too (an injected file system is never bypassed); null for none.
   */
  fastLstat?: FastLstat | null;
  /**
   * The whole stamp this run took already (at `now`), to judge entries by and put them with
   * instead of taking it again: the warm path's, when it could not answer and the full CLI runs
   * (src/cli/warm.ts). Taken earlier than the files are read, so never newer than what is computed.
   */
  stampTaken?: TakenStamp;
  /** Told of the whole stamp when it is taken. */
  tookStamp?: (taken: TakenStamp) => void;
}

/** A whole stamp and the time it was taken at (null: a folder could not be listed). */
export interface TakenStamp {
  now: number;
  stamp: Stamp | null;
  /** The stamp's walk, to be made a table of files (src/cache/file-table.ts) for check's incremental run. */
  rows?: TableRows;
}

export interface ResultCache {
  get<T>(purpose: unknown): T | undefined;
  /** Store a result; silently nothing when there is no key or the folder is read-only. */
  put(purpose: unknown, value: unknown): void;
  /**
   * A result with a large text beside it (a report), kept as raw bytes rather than in JSON,
   * and given back as those UTF-8 bytes, to be copied out as they are (never decoded).
   */
  getWithText<T>(purpose: unknown): { value: T; text: StoredText } | undefined;
  /**
   * A result with a small text beside it, the text given back whole as its bytes, decoded only
   * if the caller needs it (check's list of files). Kept again once its racy files settled, as `get`.
   */
  getWithBytes<T>(purpose: unknown): { value: T; bytes: Buffer } | undefined;
  /**
   * A signed entry's value whatever its stamp says (check's incremental entry: it keeps its own
   * table of files, src/cache/file-table.ts, and is judged by it). The stamp an entry put later
   * will carry is taken first, before the caller reads anything; undefined when it cannot be.
   */
  getSigned<T>(purpose: unknown): T | undefined;
  /**
   * Every file's stats as a table (src/cache/file-table.ts), from the whole stamp's walk (taken
   * now if it was not yet, so before the caller reads anything); undefined when that walk made
   * none (a file gone meanwhile, a folder that could not be listed, a stamp handed on without it).
   */
  fileTable(): FileTable | undefined;
  /**
   * Keep the whole stamp's walk for `fileTable` when an entry for this purpose is there as the
   * stamp is taken (check's incremental entry): ~2–3 ms of a warm run otherwise spent for nothing.
   */
  tableWanted(purpose: unknown): void;
  /** Is there an entry for this purpose, trusted or not? (Nothing is read or judged.) */
  has(purpose: unknown): boolean;
  /** The text may come in the pieces it was written out in: they are stored as they are, never joined. */
  putWithText(purpose: unknown, value: unknown, text: string | readonly (string | Uint8Array)[]): void;
  /**
   * The same, with the text given piece by piece while it is being made (a report, as it goes
   * to stdout): each piece is written to the entry at once and not kept. `finish` puts the
   * entry with its value; `abandon` (or a text past `limit` bytes) leaves the entry before.
   */
  textEntry(purpose: unknown, limit?: number): TextEntry;
  /**
   * The file system to compute a result through after a miss, before anything is read: the
   * entry put then is stamped from its own looks at the record and session files
   * (src/cache/cold-stamp.ts), so a cold run does not stat them twice.
   */
  readonly readFs: ReadFs;
}

export type { Stamp } from "./stamp-stream.js";

/** An entry being written, its text first (ResultCache.textEntry). */
export interface TextEntry {
  add(piece: string | Uint8Array): void;
  finish(value: unknown): void;
  abandon(): void;
}

/**
 * What every file of the repository is, as a digest, and the content of the racy ones.
 * Thousands of files on every warm run, so nothing is made per file that the stat does not
 * make itself: each folder's listing is hashed once (its names, sorted), then per entry, in
 * that order, its kind and stats (src/cache/stamp-stream.ts). Folders add nothing but their
 * listing: their stats say nothing the files under them do not.
 *
 * With `fast` (node's own file system: src/cache/fast-lstat.ts) the stats are taken as numbers
 * by names relative to each folder, once they agree with `fs.lstatSync` for the repository's
 * folder and every entry at its top; on any doubt the stamp is taken the plain way. Both ways
 * hash the very same bytes.
 */
export function stampRepo(root: string, fs: ReadFs, now: number, fast?: FastLstat, rows?: { current?: TableRows }): Stamp {
  const top = join(root);
  if (fast) {
    try {
      const stamp = fastStamp(top, fs, now, fast, rows ? (rows.current = new TableRows()) : undefined);
      if (stamp) return stamp;
    } catch {
      // A folder that could not be entered or listed: the plain way says what it is.
    } finally {
      fast.done();
    }
  }
  return plainStamp(top, fs, now, rows ? (rows.current = new TableRows()) : undefined);
}

function plainStamp(top: string, fs: ReadFs, now: number, rows?: TableRows): Stamp {
  const stream = new StampStream(toolFingerprint(fs), rows);
  const racy: Record<string, string> = {};
  const visit = (folder: string, relFolder: string): void => {
    const names = listed(fs, folder, relFolder, stream);
    const base = folder.endsWith(sep) ? folder : folder + sep;
    for (const name of names) {
      const path = base + name;
      let st: FileStat;
      try {
        st = fs.lstatSync(path);
      } catch {
        stream.gone();
        continue;
      }
      if (st.isDirectory()) {
        stream.folder();
        visit(path, relPath(relFolder, name));
        continue;
      }
      const kind = kindOf(st);
      stream.entry(kind, st.size, st.mtimeMs, st.ctimeMs, st.ino);
      if (kind === LINK) stream.text(linkTarget(fs, path));
      if (isRacy(st, now)) racy[relPath(relFolder, name)] = contentHash(fs, path);
    }
  };
  visit(top, "");
  return { digest: stream.digest(), racy };
}

/** A folder's names, sorted (the file system's order is not the files'), hashed into the stream. */
function listed(fs: ReadFs, folder: string, relFolder: string, stream: StampStream): string[] {
  let names = fs.readdirSync(folder);
  if (relFolder === "") names = names.filter((name) => !NOT_INPUT.has(name));
  names.sort();
  stream.listing(relFolder, names);
  return names;
}

const GONE_NOW = -1;
const FOLDER_NOW = -2;

/** What `plainStamp` would hash for one entry, from the fast numbers: its kind, or GONE_NOW / FOLDER_NOW. */
function fastKind(fast: FastLstat, name: string, n: Float64Array): number {
  try {
    if (!fast.lstat(name, n)) return GONE_NOW;
  } catch {
    return GONE_NOW;
  }
  const type = n[MODE]! & S_IFMT;
  return type === S_IFDIR ? FOLDER_NOW : type === S_IFLNK ? LINK : type === S_IFREG ? FILE : OTHER;
}

function plainKind(fs: ReadFs, path: string): { kind: number; st?: FileStat } {
  try {
    const st = fs.lstatSync(path);
    return { kind: st.isDirectory() ? FOLDER_NOW : kindOf(st), st };
  } catch {
    return { kind: GONE_NOW };
  }
}

/** The fast lstat says what `fs.lstatSync` says of `path` (named `name` in the folder entered). */
function agrees(fast: FastLstat, fs: ReadFs, path: string, name: string, n: Float64Array): boolean {
  const plain = plainKind(fs, path);
  if (fastKind(fast, name, n) !== plain.kind) return false;
  const st = plain.st;
  if (!st) return true; // gone both ways
  return n[MODE] === st.mode && n[SIZE] === st.size && n[MTIME] === st.mtimeMs && Object.is(n[CTIME], st.ctimeMs ?? Number.NaN) && n[INO] === st.ino;
}

/** The stamp through `fast`; undefined when it does not agree with `fs.lstatSync` at the top. */
function fastStamp(top: string, fs: ReadFs, now: number, fast: FastLstat, rows?: TableRows): Stamp | undefined {
  const stream = new StampStream(toolFingerprint(fs), rows);
  const racy: Record<string, string> = {};
  const n = new Float64Array(5);
  const visit = (folder: string, relFolder: string): boolean => {
    const names = listed(fs, folder, relFolder, stream);
    const base = folder.endsWith(sep) ? folder : folder + sep;
    fast.enter(folder);
    if (relFolder === "") {
      if (!agrees(fast, fs, top, ".", n)) return false;
      for (const name of names) if (!agrees(fast, fs, base + name, name, n)) return false;
    }
    for (const name of names) {
      const kind = fastKind(fast, name, n);
      if (kind === GONE_NOW) {
        stream.gone();
        continue;
      }
      if (kind === FOLDER_NOW) {
        stream.folder();
        if (!visit(base + name, relPath(relFolder, name))) return false;
        fast.enter(folder);
        continue;
      }
      stream.entry(kind, n[SIZE]!, n[MTIME]!, n[CTIME]!, n[INO]!);
      if (kind === LINK) stream.text(linkTarget(fs, base + name));
      // As isRacy (stamp-stream.ts), from the numbers.
      if (kind === FILE && Math.max(n[MTIME]!, Number.isNaN(n[CTIME]!) ? 0 : n[CTIME]!) > now - RACY_MS) racy[relPath(relFolder, name)] = contentHash(fs, base + name);
    }
    return true;
  };
  return visit(top, "") ? { digest: stream.digest(), racy } : undefined;
}

interface StoredEntry {
  stamp: Stamp;
  value: unknown;
  /** Length in bytes of the text (before the header): a cut-off entry is no entry. */
  textBytes: number;
}

/**
 * The cache of one repository for one run. Nothing is looked at when it opens: an entry found
 * is judged by a whole stamp (`stampRepo`, taken once, before the run computes anything); after
 * a miss the repository is listed for the computing run (`readFs`), whose own looks at the
 * record and session files stamp the entry it puts (src/cache/cold-stamp.ts).
 */
export function openResultCache(root: string, io: ResultCacheIo): ResultCache | undefined {
  const secret = cacheSecret({ env: io.env, fs: io.writeFs });
  if (!secret) return undefined;
  const fs = io.fs ?? nodeReadFs;
  const fast = io.fastLstat !== undefined ? (io.fastLstat ?? undefined) : fs === nodeReadFs ? nodeFastLstat() : undefined;
  const writeFs = io.writeFs ?? nodeFs;
  const now = io.stampTaken?.now ?? io.now?.() ?? Date.now();
  /** Every file as it is now, to judge an entry by; null when a folder could not be listed (a miss). */
  let whole: Stamp | null | undefined = io.stampTaken?.stamp;
  /** The whole stamp's walk, to be made a table of files. */
  const walked: { current?: TableRows } = { current: io.stampTaken?.rows };
  /** The purpose whose entry makes the walk worth keeping. */
  let tableFor: unknown;
  const wholeStamp = (): Stamp | null => {
    if (whole === undefined) {
      try {
        whole = stampRepo(root, fs, now, fast, tableFor !== undefined && has(tableFor) ? walked : undefined);
      } catch {
        whole = null; // an unlistable folder: run uncached, the load reports it
      }
      io.tookStamp?.({ now, stamp: whole, rows: whole ? walked.current : undefined });
    }
    return whole;
  };
  /** The computing run's stamp, when no whole one was taken first; null when a folder could not be listed. */
  let cold: ColdStamp | null | undefined;
  const coldOnce = (): ColdStamp | null => {
    if (cold === undefined) {
      try {
        cold = whole ? null : coldStamp(root, fs, now);
      } catch {
        cold = null;
      }
    }
    return cold;
  };
  /** For an entry put: the stamp judged by (a stale entry), else the one the run's looks made. */
  const stampToPut = (): Stamp | undefined => whole ?? coldOnce()?.stamp();
  const folder = join(root, CACHE_DIR, RESULTS_DIR);
  const pathOf = (purpose: unknown) => join(folder, `${createHash("sha1").update(JSON.stringify(purpose)).digest("hex").slice(0, 24)}.json`);
  /** Trusted when made from these very files (racy ones compared by content). */
  const current = (entry: StoredEntry): boolean => {
    const stamp = wholeStamp();
    if (!stamp || entry.stamp?.digest !== stamp.digest) return false;
    // Racy then: compare contents now (a file still racy now was hashed in the stamp too).
    for (const [rel, sha] of Object.entries(entry.stamp.racy ?? {})) {
      if ((stamp.racy[rel] ?? contentHash(fs, join(root, rel))) !== sha) return false;
    }
    return true;
  };
  /**
   * Could an entry with this (not yet verified) header be current? Only its stamp's digest is
   * compared: a no is a miss, a yes is judged again in full once the signature holds.
   */
  const mayBeCurrent = (header: Buffer): boolean => {
    try {
      return (JSON.parse(header.toString("utf8")) as Partial<StoredEntry>).stamp?.digest === wholeStamp()?.digest;
    } catch {
      return false;
    }
  };
  /** An entry (src/cache/entry-layout.ts): signature line, text, header, trailer. */
  const read = (purpose: unknown, judged = true): { entry: StoredEntry; text: StoredText } | undefined => {
    const path = pathOf(purpose);
    let pieces: Pieces | undefined;
    try {
      pieces = fs.openPieces?.(path);
      if (pieces?.private) {
        // Through one reused buffer (src/cache/stored-text.ts).
        const found = verifiedPieces(secret, pieces, judged ? mayBeCurrent : undefined);
        const entry = found && (JSON.parse(found.header.toString("utf8")) as StoredEntry);
        if (!found || !entry || (judged && !current(entry)) || found.text.size !== entry.textBytes) return void pieces.close();
        pieces = undefined; // copyTo closes it
        return { entry, text: found.text };
      }
      pieces?.close();
      pieces = undefined;
      const stored = fs.readFileSync(path);
      const unverified = stored.subarray(Math.min(stored.length, SIGNATURE_LINE));
      const parts = entryParts(unverified.length, unverified.subarray(Math.max(0, unverified.length - TRAILER_BYTES)));
      const headerEnd = parts && parts.textBytes + parts.headerBytes - 1;
      if (!parts || unverified[headerEnd!] !== 0x0a) return undefined;
      const header = Buffer.from(unverified.buffer, unverified.byteOffset + parts.textBytes, parts.headerBytes - 1);
      // As verifiedPieces: another stamp's entry is a miss before its signature is computed.
      if (judged && !mayBeCurrent(header)) return undefined;
      const body = verifiedBytes(secret, stored);
      if (body === undefined) return undefined;
      const entry = JSON.parse(header.toString("utf8")) as StoredEntry;
      if ((judged && !current(entry)) || entry.textBytes !== parts.textBytes) return undefined;
      return { entry, text: textInMemory(Buffer.from(body.buffer, body.byteOffset, parts.textBytes)) };
    } catch {
      pieces?.close();
      return undefined;
    }
  };
  /** Is there an entry for this purpose, trusted or not? */
  const has = (purpose: unknown): boolean => {
    try {
      return fs.lstatSync(pathOf(purpose)).isFile();
    } catch {
      return false;
    }
  };
  /** Some file racy when the entry was made is settled now (an entry found is judged by the whole stamp). */
  const settledSince = (entry: StoredEntry): boolean => Object.keys(entry.stamp.racy ?? {}).some((rel) => !(rel in whole!.racy));
  /**
   * An entry whose text is written as it comes (src/cache/entry-writer.ts). Nothing is written
   * before the first piece; a failure to write (a read-only checkout, a full disk), a text past
   * `limit` bytes or `abandon` leave the entry before, if any, and the run goes on uncached.
   */
  const textEntry = (purpose: unknown, limit = Number.POSITIVE_INFINITY): TextEntry => {
    let writer: EntryWriter | undefined;
    let dropped = false;
    let textBytes = 0;
    const drop = (): void => {
      dropped = true;
      writer?.abandon();
    };
    const started = (): EntryWriter | undefined => {
      if (!writer && !dropped) {
        try {
          writeFs.mkdirSync(folder, { recursive: true });
          ensureIgnored(writeFs, join(root, CACHE_DIR));
          removeDeadWriters(writeFs, folder);
          writer = startEntry(writeFs, secret, pathOf(purpose));
        } catch {
          dropped = true;
        }
      }
      return dropped ? undefined : writer;
    };
    return {
      add(piece) {
        if (dropped) return;
        const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
        textBytes += bytes.length;
        // Past the limit nothing is kept (a million-record report is streamed, not cached).
        if (textBytes > limit) return drop();
        try {
          started()?.add(bytes);
        } catch {
          drop();
        }
      },
      finish(value) {
        const entry = started();
        if (!entry) return;
        dropped = true; // once
        try {
          const stamp = stampToPut();
          // A file turned into a folder during the run, or an unlistable folder: no entry.
          if (!stamp) return entry.abandon();
          entry.finish(JSON.stringify({ stamp, value, textBytes } satisfies StoredEntry));
        } catch {
          entry.abandon();
        }
      },
      abandon: drop,
    };
  };
  const write = (purpose: unknown, value: unknown, text: string | readonly (string | Uint8Array)[]): void => {
    const entry = textEntry(purpose);
    for (const piece of typeof text === "string" ? [text] : text) entry.add(piece);
    entry.finish(value);
  };
  return {
    get<T>(purpose: unknown) {
      const found = read(purpose);
      void found?.text.copyTo(async () => true); // nothing to copy: closes the file
      // Files racy when the entry was made are read on every hit until they settle; once they
      // have (an entry made just after a clone or a checkout names them all), the same value
      // is kept again under this stamp, so later hits read none. Score's large entries are not.
      if (found && settledSince(found.entry)) write(purpose, found.entry.value, "");
      return found?.entry.value as T | undefined;
    },
    getWithBytes<T>(purpose: unknown) {
      const found = read(purpose);
      if (!found) return undefined;
      let bytes: Buffer;
      try {
        bytes = found.text.readAll();
      } catch {
        return undefined; // changed while it was read
      }
      if (settledSince(found.entry)) write(purpose, found.entry.value, [bytes]);
      return { value: found.entry.value as T, bytes };
    },
    getSigned<T>(purpose: unknown) {
      // No entry (a first, cold run): no whole stamp either, the run's own looks make it (cold-stamp.ts).
      if (!this.has(purpose) || !wholeStamp()) return undefined;
      const found = read(purpose, false);
      found?.text.readAll(); // closes the file now (the text of an entry `put` is empty)
      return found?.entry.value as T | undefined;
    },
    fileTable() {
      const stamp = wholeStamp();
      return stamp ? walked.current?.table(stamp.racy) : undefined;
    },
    has,
    tableWanted(purpose: unknown) {
      tableFor = purpose;
    },
    put: (purpose, value) => write(purpose, value, ""),
    getWithText<T>(purpose: unknown) {
      const found = read(purpose);
      return found && { value: found.entry.value as T, text: found.text };
    },
    putWithText: write,
    textEntry,
    // The repository is listed when this is taken, after a miss and before the caller computes
    // (and reads) anything; not at the miss itself: check looks for its kept output first, and
    // when that misses, its whole-repository entry may still be found (~10 ms of listing saved).
    get readFs() {
      return coldOnce()?.readFs ?? fs;
    },
  };
}

/**
 * The table of files now, before anything is read: from the whole stamp's walk when it made one
 * (the same rows in the same order, without a second walk), else a walk of its own. Undefined
 * when a folder cannot be listed or a file went meanwhile. For the incremental check and score.
 */
export function fileTableNow(cache: ResultCache, root: string, fs: ReadFs): FileTable | undefined {
  try {
    return cache.fileTable() ?? takeFileTable(root, fs, Date.now());
  } catch {
    return undefined;
  }
}
