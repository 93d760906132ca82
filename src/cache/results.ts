/**
 * Whole results (check's problems, score's output) kept in the school repo's git-ignored
 * .yanxiu-cache/results/, so a run on an unchanged repository costs a stat of every file
 * plus start-up.
 *
 * An entry is found by its purpose (the command, language, today's date, options: whatever
 * the result depends on besides the files) and trusted only when
 * - its stamp matches: every file of the repository (evidence and all, outside .git and the
 *   cache) with its path, type, size, mtime, ctime and inode, plus the tool's own code;
 * - the files that were "racy" when it was made (changed within two seconds of it, so a
 *   second edit could keep size and mtime) still have the same content hash, as git does;
 * - it is signed with this user's key (cache/secret.ts), so a cache that comes with the
 *   repository (committed, planted in a pull request) is never believed.
 * Each file's row is taken before the run reads any of its bytes: when the cache is opened,
 * or, for the record and session files of a run computing a result, at the load's own first
 * look at the file (src/cache/observed-fs.ts), so a cold run does not stat them twice.
 * Anything else (a missing, corrupt, foreign or stale entry) is a miss: the caller computes.
 */
import { createHash } from "node:crypto";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeFs, nodeReadFs, type FileStat, type ListedEntry, type Pieces, type ReadFs, type WriteFs } from "../repo/fs.js";
import { CACHE_DIR, RECORDS_DIR, SESSIONS_DIR } from "../repo/layout.js";
import { quietUnlink, tempPathFor, writeAll, writeFileAtomic } from "../repo/write.js";
import { cacheSecret, SIGNATURE_LINE, signer, verifiedBytes, type KeyIo } from "./secret.js";
import { textInMemory, verifiedPieces, type StoredText } from "./stored-text.js";
import { observedFs, type StampRow } from "./observed-fs.js";

export const RESULTS_DIR = "results";
/** 2: the text's length is counted in bytes (textBytes), so a hit is served without decoding it. */
const FORMAT = 2;
/** Files changed this recently when a result is made are also compared by content. */
const RACY_MS = 2000;
/** Folders that are not the school's files: never stamped. */
const NOT_INPUT = new Set([".git", CACHE_DIR, ".yanxiu-serve", "node_modules"]);

export interface ResultCacheIo {
  env: KeyIo["env"];
  fs?: ReadFs;
  writeFs?: WriteFs;
  /** Milliseconds since the epoch (tests pin it). */
  now?: () => number;
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
  /** The text may come in the pieces it was written out in: they are stored as they are, never joined. */
  putWithText(purpose: unknown, value: unknown, text: string | readonly (string | Uint8Array)[]): void;
  /**
   * The file system to compute a result to put through: the stamp's rows of record and
   * session files are taken from its looks at them (src/cache/observed-fs.ts).
   */
  readFs: ReadFs;
}

interface Stamp {
  digest: string;
  /** Repo-relative paths changed within RACY_MS of the stamp, with their content hashes. */
  racy: Record<string, string>;
}

/**
 * What every file of the repository is, as a digest, and the content of the racy ones.
 * Thousands of files on every warm run: entries are sorted by path first, so each row goes
 * straight into the hash and only the listing outlives the loop (fewer young-generation
 * survivors to copy); folders are rows of their own, their stats add nothing the listing
 * under them does not say.
 */
export function stampRepo(root: string, fs: ReadFs, now: number): Stamp {
  return stampOf(listRepo(root, fs), fs, now);
}

/** The listing a stamp is made of: every entry outside NOT_INPUT, sorted by path. */
/** Record and session files: read by the load, so stamped from its looks at them. */
function loadedFile(rel: string): boolean {
  return (rel.startsWith(`${RECORDS_DIR}/`) || rel.startsWith(`${SESSIONS_DIR}/`)) && /\.ya?ml$/i.test(rel);
}

export interface RepoListing {
  root: string;
  entries: ListedEntry[];
}

export function listRepo(root: string, fs: ReadFs): RepoListing {
  const entries = fs.listTree(root, (folder) => dirname(folder) === root && NOT_INPUT.has(folder.slice(root.length + 1)));
  // Listing order is the file system's: sort so the digest is about the files alone.
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root, entries };
}

/**
 * The stamp of a listing. `known` gives the rows (and racy content hashes) already taken of
 * some files, each before their bytes were read (src/cache/observed-fs.ts); every other file
 * is looked at now.
 */
export function stampOf(listing: RepoListing, fs: ReadFs, now: number, known?: (path: string) => StampRow | undefined): Stamp {
  const hash = createHash("sha1").update(`${FORMAT}\0${toolFingerprint(fs)}\0`);
  const racy: Record<string, string> = {};
  const prefix = listing.root.length + 1;
  for (const e of listing.entries) {
    // Entries lie under root: cutting the prefix is all relative() would do, thousands of times over.
    const rel = sep === "/" ? e.path.slice(prefix) : e.path.slice(prefix).split(sep).join("/");
    if (NOT_INPUT.has(rel)) continue;
    if (e.isDirectory) {
      hash.update(`${rel}\0d\n`);
      continue;
    }
    const row = known?.(e.path) ?? stampRow(fs, rel, e, now);
    if (row.racy !== undefined) racy[rel] = row.racy ?? contentHash(fs, e.path);
    hash.update(`${row.row}\n`);
  }
  return { digest: hash.digest("hex"), racy };
}

/** A file's row from its stats (`st`: taken by the caller, else an lstat now). */
export function stampRow(fs: ReadFs, rel: string, e: ListedEntry, now: number, st?: FileStat): StampRow {
  try {
    st ??= fs.lstatSync(e.path);
    let row = `${rel}\0${e.isSymbolicLink ? "l" : e.isFile ? "f" : "o"}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs ?? ""}\0${st.ino}`;
    if (e.isSymbolicLink) row += `\0${linkTarget(fs, e.path)}`;
    return e.isFile && Math.max(st.mtimeMs, st.ctimeMs ?? 0) > now - RACY_MS ? { row, racy: null } : { row };
  } catch {
    return { row: `${rel}\0gone` };
  }
}

/** What a link leads to, as far as a check can tell (a folder, a file of some size, nothing). */
function linkTarget(fs: ReadFs, path: string): string {
  try {
    const st = fs.statSync(path);
    return `${fs.realpathSync(path)}\0${st.isDirectory() ? "d" : "f"}\0${st.size}\0${st.mtimeMs}`;
  } catch {
    return "dangling";
  }
}

function contentHash(fs: ReadFs, path: string): string {
  try {
    return bytesHash(fs.readFileSync(path));
  } catch {
    return "unreadable";
  }
}

/** The content hash a racy file is compared by. */
export function bytesHash(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

let fingerprintMemo: string | undefined;

/**
 * The tool's own code: every compiled module (or TS source under the test runner) by path,
 * size and mtime, so a rebuilt or upgraded yanxiu never trusts an older result.
 */
function toolFingerprint(fs: ReadFs): string {
  if (fingerprintMemo) return fingerprintMemo;
  const codeRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
  const hash = createHash("sha1");
  const rows: string[] = [];
  for (const e of fs.listTree(codeRoot)) {
    if (!e.isFile || !/\.(js|ts)$/.test(e.path)) continue;
    try {
      const st = fs.statSync(e.path);
      rows.push(`${relative(codeRoot, e.path)}\0${st.size}\0${st.mtimeMs}`);
    } catch {
      /* gone meanwhile: the next run sees the difference */
    }
  }
  for (const row of rows.sort()) hash.update(row).update("\n");
  return (fingerprintMemo = hash.digest("hex"));
}

interface StoredEntry {
  stamp: Stamp;
  value: unknown;
  /** Length in bytes of the text after the header: a cut-off entry is no entry. */
  textBytes: number;
}

/**
 * The cache of one repository for one run. The repository is listed once, when the cache is
 * opened, and every file but the records and sessions stamped then; their rows are taken
 * only when needed: all at once to judge an entry found (a warm run), or from the computing
 * run's own looks at them (`readFs`) for an entry put after no entry was found (a cold run).
 */
export function openResultCache(root: string, io: ResultCacheIo): ResultCache | undefined {
  const secret = cacheSecret({ env: io.env, fs: io.writeFs });
  if (!secret) return undefined;
  const fs = io.fs ?? nodeReadFs;
  const writeFs = io.writeFs ?? nodeFs;
  const now = io.now?.() ?? Date.now();
  let listing: RepoListing;
  try {
    listing = listRepo(root, fs);
  } catch {
    return undefined; // an unlistable folder: run uncached, the load reports it
  }
  const prefix = root.length + 1;
  const relOf = (path: string) => (sep === "/" ? path.slice(prefix) : path.slice(prefix).split(sep).join("/"));
  const stamper = { row: (entry: ListedEntry, st?: FileStat) => stampRow(fs, relOf(entry.path), entry, now, st), contentHash: bytesHash };
  const deferred = new Map<string, ListedEntry>();
  const early = new Map<string, StampRow>();
  for (const entry of listing.entries) {
    if (entry.isDirectory) continue;
    if (loadedFile(relOf(entry.path))) deferred.set(entry.path, entry);
    else early.set(entry.path, stamper.row(entry));
  }
  const observed = observedFs(listing.entries, fs, stamper, deferred);
  /** Every file as it is now: taken at most once, before the run computes anything. */
  let whole: Stamp | undefined;
  const stampNow = (): Stamp => (whole ??= stampOf(listing, fs, now, (path) => early.get(path)));
  /** For an entry put: the stamp judged by (warm, stale), else the one the run's looks make. */
  const stampToPut = (): Stamp => whole ?? stampOf(listing, fs, now, (path) => early.get(path) ?? observed.rowOf(path));
  const folder = join(root, CACHE_DIR, RESULTS_DIR);
  const pathOf = (purpose: unknown) => join(folder, `${createHash("sha1").update(JSON.stringify(purpose)).digest("hex").slice(0, 24)}.json`);
  /** Trusted when made from these very files (racy ones compared by content). */
  const current = (entry: StoredEntry): boolean => {
    const stamp = stampNow();
    if (entry.stamp?.digest !== stamp.digest) return false;
    // Racy then: compare contents now (a file still racy now was hashed in the stamp too).
    for (const [rel, sha] of Object.entries(entry.stamp.racy ?? {})) {
      if ((stamp.racy[rel] ?? contentHash(fs, join(root, rel))) !== sha) return false;
    }
    return true;
  };
  /** An entry: signature line, then the JSON header (stamp, value, the text's length), then the text. */
  const read = (purpose: unknown): { entry: StoredEntry; text: StoredText } | undefined => {
    const path = pathOf(purpose);
    let pieces: Pieces | undefined;
    try {
      pieces = fs.openPieces?.(path);
      if (pieces?.private) {
        // Through one reused buffer (src/cache/stored-text.ts).
        const found = verifiedPieces(secret, pieces);
        const entry = found && (JSON.parse(found.header.toString("utf8")) as StoredEntry);
        if (!found || !entry || !current(entry) || found.text.size !== entry.textBytes) return void pieces.close();
        pieces = undefined; // copyTo closes it
        return { entry, text: found.text };
      }
      pieces?.close();
      pieces = undefined;
      const body = verifiedBytes(secret, fs.readFileSync(path));
      if (body === undefined) return undefined;
      const nl = body.indexOf(0x0a);
      if (nl < 0) return undefined;
      const entry = JSON.parse(Buffer.from(body.subarray(0, nl)).toString("utf8")) as StoredEntry;
      if (!current(entry)) return undefined;
      const bytes = Buffer.from(body.buffer, body.byteOffset + nl + 1, body.length - nl - 1);
      return bytes.length === entry.textBytes ? { entry, text: textInMemory(bytes) } : undefined;
    } catch {
      pieces?.close();
      return undefined;
    }
  };
  const write = (purpose: unknown, value: unknown, text: string | readonly (string | Uint8Array)[]): void => {
    try {
      writeFs.mkdirSync(folder, { recursive: true });
      ensureIgnored(writeFs, join(root, CACHE_DIR));
      const pieces = typeof text === "string" ? [text] : text;
      const textBytes = pieces.reduce((n, piece) => n + (typeof piece === "string" ? Buffer.byteLength(piece, "utf8") : piece.length), 0);
      const header = `${JSON.stringify({ stamp: stampToPut(), value, textBytes } satisfies StoredEntry)}\n`;
      writeEntry(writeFs, secret, pathOf(purpose), [header, ...pieces]);
    } catch {
      // A read-only checkout simply runs uncached.
    }
  };
  return {
    get<T>(purpose: unknown) {
      const found = read(purpose);
      void found?.text.copyTo(async () => true); // nothing to copy: closes the file
      return found?.entry.value as T | undefined;
    },
    put: (purpose, value) => write(purpose, value, ""),
    getWithText<T>(purpose: unknown) {
      const found = read(purpose);
      return found && { value: found.entry.value as T, text: found.text };
    },
    putWithText: write,
    readFs: observed.fs,
  };
}

/**
 * An entry (signature line, then the body) written piece by piece: each piece encoded once,
 * signed and written as it comes, the signature put in its place at the front last. Unlike a
 * school file it is not flushed to disk (no fsync): an entry cut short by a crash fails its
 * signature or its length and is a miss, so flushing a report's megabytes would buy nothing.
 * The rename still means a reader sees a whole entry or the one before.
 */
function writeEntry(fs: WriteFs, secret: Buffer, path: string, body: readonly (string | Uint8Array)[]): void {
  const tmp = tempPathFor(path);
  const fd = fs.openSync(tmp, "wx", 0o644);
  let open = true;
  try {
    const mac = signer(secret);
    writeAll(fs, fd, Buffer.alloc(SIGNATURE_LINE, 0x0a)); // the signature's place
    for (const piece of body) {
      const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
      mac.update(bytes);
      writeAll(fs, fd, bytes);
    }
    writeAll(fs, fd, Buffer.from(`${mac.digest("hex")}\n`, "latin1"), 0);
    open = false;
    fs.closeSync(fd);
    fs.renameSync(tmp, path);
  } catch (e) {
    if (open) {
      try {
        fs.closeSync(fd);
      } catch {
        /* the first error is the one that matters */
      }
    }
    quietUnlink(fs, tmp);
    throw e;
  }
}

function ensureIgnored(fs: WriteFs, dir: string): void {
  const ignore = join(dir, ".gitignore");
  try {
    fs.lstatSync(ignore);
    return;
  } catch {
    /* not there yet */
  }
  writeFileAtomic(ignore, "# yanxiu's cache: never committed\n*\n", { fs });
}
