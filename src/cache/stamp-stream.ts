/**
 * The stamp's stream of bytes (format 3), written by both stamps of a repository: the warm one
 * (`stampRepo` in results.ts: a listing and an lstat of every file, to judge an entry) and the
 * cold one (cold-stamp.ts: the stats the load took, for the entry a cold run puts). One writer,
 * so the two cannot drift apart: a cold run's entry is found by the next warm run.
 */
import { createHash, type Hash } from "node:crypto";
import type { FileStat, ReadFs } from "../repo/fs.js";
import { CACHE_DIR } from "../repo/layout.js";

/**
 * 2: the text's length is counted in bytes (textBytes), so a hit is served without decoding it.
 * 3: the stamp hashes listings and numbers, not a row of text per file.
 */
export const FORMAT = 3;
/** Files changed this recently when a result is made are also compared by content. */
export const RACY_MS = 2000;
/** Folders that are not the school's files: never stamped. */
export const NOT_INPUT = new Set([".git", CACHE_DIR, ".yanxiu-serve", "node_modules"]);

export interface Stamp {
  digest: string;
  /** Repo-relative paths changed within RACY_MS of the stamp, with their content hashes. */
  racy: Record<string, string>;
}

/** Entry kinds in the stamp's stream of numbers. */
export const FOLDER = -1;
export const GONE = -2;
export const FILE = 0;
export const LINK = 1;
export const OTHER = 2;

export const kindOf = (st: FileStat): number => (st.isSymbolicLink() ? LINK : st.isFile() ? FILE : OTHER);

/** A plain file changed within RACY_MS of `now`: its stats alone cannot vouch for its content. */
export const isRacy = (st: FileStat, now: number): boolean => st.isFile() && !st.isSymbolicLink() && Math.max(st.mtimeMs, st.ctimeMs ?? 0) > now - RACY_MS;

/**
 * Per folder, its listing (names sorted) once, then per entry in that order its kind and stats
 * into a reused array of numbers hashed as it fills (a link adds what it leads to as text).
 * Each part is counted or of fixed width, so no two trees hash the same stream; where the
 * array is flushed does not change the bytes hashed.
 */
export class StampStream {
  private readonly hash: Hash;
  private numbers: Float64Array;
  private used = 0;
  /** Numbers before this one are hashed already. */
  private hashed = 0;

  /**
   * `record`: also told of each listing, and at the end of all the numbers hashed in one array
   * (src/cache/file-table.ts TableRows). Then the array is not reused but grown, from room for
   * 16,384 entries (one allocation for a school of 2,000 teachers: allocating as it goes cost a
   * warm run 5–8 ms).
   */
  constructor(toolFingerprint: string, private readonly record?: StreamRecord) {
    this.hash = createHash("sha1").update(`${FORMAT}\0${toolFingerprint}\0`);
    this.numbers = new Float64Array(5 * (record ? 16_384 : 512));
  }

  /** A folder's names, sorted, with its repo-relative path. */
  listing(relFolder: string, names: readonly string[]): void {
    this.text(`${names.length}\0${relFolder}\0${names.join("\0")}`);
    this.record?.listing(relFolder, names);
  }

  folder(): void {
    this.room();
    this.numbers[this.used++] = FOLDER;
  }

  gone(): void {
    this.room();
    this.numbers[this.used++] = GONE;
  }

  /** A file, link or other thing by its (l)stat numbers. */
  entry(kind: number, size: number, mtimeMs: number, ctimeMs: number | undefined, ino: number): void {
    this.room();
    const n = this.numbers;
    n[this.used++] = kind;
    n[this.used++] = size;
    n[this.used++] = mtimeMs;
    n[this.used++] = ctimeMs ?? Number.NaN;
    n[this.used++] = ino;
  }

  text(s: string): void {
    this.flush();
    this.hash.update(`${s.length}\0${s}\0`);
  }

  digest(): string {
    this.flush();
    this.record?.numbers(this.numbers.subarray(0, this.used));
    return this.hash.digest("hex");
  }

  private room(): void {
    if (this.used + 5 <= this.numbers.length) return;
    if (!this.record) return this.flush();
    const bigger = new Float64Array(this.numbers.length * 2);
    bigger.set(this.numbers.subarray(0, this.used));
    this.numbers = bigger;
  }

  private flush(): void {
    this.hash.update(new Uint8Array(this.numbers.buffer, this.hashed * 8, (this.used - this.hashed) * 8));
    // Kept whole when recorded; else the array is reused.
    if (!this.record) this.used = 0;
    this.hashed = this.used;
  }
}

/** What a StampStream hashed, in order: the listings, and the numbers (which flushes cut anywhere). */
export interface StreamRecord {
  listing(relFolder: string, names: readonly string[]): void;
  /** Every number hashed, at the end, in an array now the record's own. */
  numbers(run: Float64Array): void;
}

export const relPath = (folder: string, name: string) => (folder === "" ? name : `${folder}/${name}`);

/** What a link leads to, as far as a check can tell (a folder, a file of some size, nothing). */
export function linkTarget(fs: ReadFs, path: string): string {
  try {
    const st = fs.statSync(path);
    return `${fs.realpathSync(path)}\0${st.isDirectory() ? "d" : "f"}\0${st.size}\0${st.mtimeMs}`;
  } catch {
    return "dangling";
  }
}

export function bytesHash(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

export function contentHash(fs: ReadFs, path: string): string {
  try {
    return bytesHash(fs.readFileSync(path));
  } catch {
    return "unreadable";
  }
}
