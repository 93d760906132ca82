/**
 * updateFile: the one way to change a file people also edit by hand (records, sessions, the
 * roster, anything `add`, `approve`, `serve`, `check --fix` or `import` writes). Under the
 * file's lock it reads the current bytes, asks a pure `transform` for the new text (or a
 * refusal), writes every byte to a flushed temporary file, and just before the rename checks
 * the file is still exactly what was read — size, mtime, inode and a SHA-256 of the content.
 * If someone saved it in between (an editor does not take our lock), the new content is read
 * again and `transform` re-run on it, a few times at most; then it refuses. An edit is never
 * overwritten, a failure at any step leaves the original byte-identical, and every outcome is
 * a typed result (see updateMessage for the words shown to the user).
 *
 *   const r = updateFile({ root, file: "records/2025-2026-1/t01.yaml",
 *     transform: (cur) => cur.exists ? { text: addRecord(cur.text) } : { refuse: "missing" } });
 *   if (!r.ok) io.stderr.write(r.reason === "refused" ? myMessage(r.refusal) : updateMessage(r, file, lang));
 */
import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { errorCode, isMissing, nodeFs, type FileStat, type WriteFs } from "./fs.js";
import { LockBusyError, LockFailedError, processAlive, withFileLock, type LockOptions } from "./lock.js";
import { quietUnlink, renameIntoPlace, toBytes, writeTempBeside, WriteStepError, type WriteStep } from "./write.js";
import { MAX_FILE_BYTES } from "./yaml-source.js";

export interface CurrentFile {
  /** Repository-relative path, as given. */
  file: string;
  exists: boolean;
  /** The bytes read (empty when the file does not exist). */
  bytes: Uint8Array;
  /** 1, then 2… when re-run because the file changed after it was read. */
  attempt: number;
}

export type TransformOutcome<R, V> = { text: string | Uint8Array; value?: V } | { refuse: R };

export interface UpdateRequest<R, V> {
  /** Repository root; the lock lives in its .yanxiu-cache/locks/. */
  root: string;
  /** Repository-relative path of the file to change. */
  file: string;
  /** Pure: current content in, new content (or a refusal) out. May run more than once. */
  transform: (current: CurrentFile) => TransformOutcome<R, V>;
  fs?: WriteFs;
  /** Files larger than this are refused before being read (default: check's limit, 5 MB). */
  maxBytes?: number;
  /** How many times to read-transform-verify before giving up on a file that keeps changing (default 3). */
  attempts?: number;
  /** Read and transform only: no lock, nothing written. */
  dryRun?: boolean;
  lock?: Omit<LockOptions, "fs">;
  /** Test seam: called with the flushed temporary file, just before the final check and the rename. */
  beforeRename?: (tmpPath: string) => void;
  /** Test seam: called after the file was read and transformed, before the temporary file is written. */
  afterTransform?: (attempt: number) => void;
}

/** Why a file was not changed, for everything but the transform's own refusal. */
export type UpdateProblem =
  | { reason: "busy"; lockPath: string; holder: string }
  | { reason: "lock-failed"; lockPath: string; code: string }
  | { reason: "not-a-file"; kind: "directory" | "symlink" | "other" }
  | { reason: "too-large"; size: number; limit: number }
  | { reason: "read-only" }
  | { reason: "kept-changing"; attempts: number }
  | { reason: "io"; step: WriteStep | "read"; code: string; renamed: boolean };

export type UpdateResult<R, V> =
  | { ok: true; written: boolean; created: boolean; text: Uint8Array; value: V | undefined; attempts: number }
  | { ok: false; reason: "refused"; refusal: R; attempts: number }
  | ({ ok: false } & UpdateProblem);

export interface Snapshot {
  exists: boolean;
  bytes: Uint8Array;
  stat?: FileStat;
  hash: string;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Read the file as it is now, refusing what is not a regular file or too large, before reading it. */
export function snapshot(fs: WriteFs, abs: string, maxBytes: number): Snapshot | UpdateProblem {
  let stat: FileStat;
  try {
    stat = fs.lstatSync(abs);
  } catch (e) {
    if (isMissing(e)) return { exists: false, bytes: new Uint8Array(0), hash: "" };
    return { reason: "io", step: "read", code: errorCode(e), renamed: false };
  }
  if (stat.isSymbolicLink()) return { reason: "not-a-file", kind: "symlink" };
  if (stat.isDirectory()) return { reason: "not-a-file", kind: "directory" };
  if (!stat.isFile()) return { reason: "not-a-file", kind: "other" };
  if (stat.size > maxBytes) return { reason: "too-large", size: stat.size, limit: maxBytes };
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(abs);
  } catch (e) {
    return { reason: "io", step: "read", code: errorCode(e), renamed: false };
  }
  if (bytes.length > maxBytes) return { reason: "too-large", size: bytes.length, limit: maxBytes };
  return { exists: true, bytes, stat, hash: sha256(bytes) };
}

export const isProblem = (s: Snapshot | UpdateProblem): s is UpdateProblem => "reason" in s;

/** Pure: is the file still the one read? Both missing counts as the same. */
export function unchangedSince(read: Snapshot, now: Snapshot): boolean {
  if (read.exists !== now.exists) return false;
  if (!read.exists) return true;
  const a = read.stat!;
  const b = now.stat!;
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && read.hash === now.hash;
}

export const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.from(a).equals(Buffer.from(b));

/** Change one file safely; see the module comment. Never throws for file-system failures. */
export function updateFile<R, V = undefined>(req: UpdateRequest<R, V>): UpdateResult<R, V> {
  const fs = req.fs ?? nodeFs;
  const abs = join(req.root, req.file);
  if (req.dryRun) return attempt(req, fs, abs, true);
  try {
    return withFileLock(req.root, req.file, () => {
      removeOrphanTemps(fs, abs);
      return attempt(req, fs, abs, false);
    }, { ...req.lock, fs });
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, reason: "busy", lockPath: e.lockPath, holder: e.holder };
    if (e instanceof LockFailedError) return { ok: false, reason: "lock-failed", lockPath: e.lockPath, code: e.code };
    throw e;
  }
}

function attempt<R, V>(req: UpdateRequest<R, V>, fs: WriteFs, abs: string, dryRun: boolean): UpdateResult<R, V> {
  const maxBytes = req.maxBytes ?? MAX_FILE_BYTES;
  const tries = Math.max(1, req.attempts ?? 3);
  for (let n = 1; ; n++) {
    const read = snapshot(fs, abs, maxBytes);
    if (isProblem(read)) return { ok: false, ...read };
    const out = req.transform({ file: req.file, exists: read.exists, bytes: read.bytes, attempt: n });
    if ("refuse" in out) return { ok: false, reason: "refused", refusal: out.refuse, attempts: n };
    const bytes = toBytes(out.text);
    const done = { ok: true as const, created: !read.exists, text: bytes, value: out.value, attempts: n };
    if (dryRun || (read.exists && sameBytes(bytes, read.bytes))) return { ...done, written: false };
    if (read.exists && (read.stat!.mode & 0o222) === 0) return { ok: false, reason: "read-only" };
    req.afterTransform?.(n);
    let tmp: string;
    try {
      tmp = writeTempBeside(fs, abs, bytes, read.exists ? read.stat!.mode & 0o777 : 0o644);
    } catch (e) {
      return { ok: false, ...ioProblem(e) };
    }
    try {
      req.beforeRename?.(tmp);
    } catch (e) {
      quietUnlink(fs, tmp);
      return { ok: false, reason: "io", step: "verify", code: errorCode(e), renamed: false };
    }
    // Under the lock, the last moment before the rename: is the file still the one we read?
    const now = snapshot(fs, abs, maxBytes);
    if (isProblem(now) || !unchangedSince(read, now)) {
      quietUnlink(fs, tmp);
      if (isProblem(now)) return { ok: false, ...now };
      if (n >= tries) return { ok: false, reason: "kept-changing", attempts: n };
      continue;
    }
    try {
      renameIntoPlace(fs, tmp, abs);
    } catch (e) {
      return { ok: false, ...ioProblem(e) };
    }
    return { ...done, written: true };
  }
}

function ioProblem(e: unknown): UpdateProblem {
  if (e instanceof WriteStepError) return { reason: "io", step: e.step, code: e.code, renamed: e.renamed };
  throw e;
}

/**
 * Temporary files beside `path` left by a writer killed before its rename
 * (".<name>.<pid>.<n>.tmp", see tempPathFor). Called only while holding the file's lock.
 */
export function removeOrphanTemps(fs: WriteFs, path: string, alive: (pid: number) => boolean = processAlive, listed?: readonly string[]): void {
  const prefix = `.${basename(path)}.`;
  let names: readonly string[];
  try {
    // `listed`: the folder's names read a moment ago (a temp made since is a live writer's).
    names = listed ?? fs.readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) quietUnlink(fs, join(dirname(path), name));
  }
}
