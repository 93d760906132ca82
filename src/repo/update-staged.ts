/**
 * updateFile (./update.ts) in two halves, for the web server's batches of saves
 * (src/serve/queue.ts). stageUpdate does what updateFile does up to the flush: takes the file's
 * lock, reads the file, runs the pure transform and writes every byte to a temporary file
 * beside it. finishStaged then completes many staged writes at once: every temporary file is
 * flushed in parallel through the thread pool (fsync one by one on the main thread cost ~5 ms a
 * save), each file is checked to be still exactly the one read (size, mtime, inode, SHA-256),
 * renamed into place, each folder is flushed once for all its files, and the locks are released.
 *
 * The guarantees are updateFile's: a failure at any step leaves that file byte-identical and
 * removes its temporary file; a file saved by someone else meanwhile is never overwritten (that
 * write fails as "kept-changing", for the caller to try again on the new content). One staged
 * write per file at a time: the lock is held from stageUpdate until finishStaged or abandonStaged.
 *
 * startFlush starts a staged file's flush at once, on the thread pool, so that it runs while the
 * server stages the next saves or waits for git: the temporary file is new and nobody else sees
 * it, so flushing it early changes nothing anyone can see; finishStaged then only waits for it.
 * The check "still the one read" and the rename stay together on the thread, as before.
 */
import { close, fsync, open } from "node:fs";
import { dirname, join } from "node:path";
import { errorCode, nodeFs, type WriteFs } from "./fs.js";
import { acquireFileLock, LockBusyError, LockFailedError } from "./lock.js";
import { isProblem, removeOrphanTemps, sameBytes, snapshot, unchangedSince, type Snapshot, type UpdateProblem, type UpdateRequest } from "./update.js";
import { quietUnlink, tempPathFor, toBytes, writeAll, type WriteStep } from "./write.js";
import { MAX_FILE_BYTES } from "./yaml-source.js";

export interface StagedWrite {
  file: string;
  abs: string;
  /** The temporary file and its open descriptor; undefined when the new bytes equal the file's (nothing to write). */
  tmp?: string;
  fd?: number;
  /** Its flush, once started early (startFlush): settles when the file is flushed and closed. */
  flushing?: Promise<UpdateProblem | undefined>;
  read: Snapshot;
  maxBytes: number;
  release: () => void;
}

export type StageResult<R, V> =
  | { ok: true; staged: StagedWrite; created: boolean; text: Uint8Array; value: V | undefined }
  | { ok: false; reason: "refused"; refusal: R; attempts: number }
  | ({ ok: false } & UpdateProblem);

export interface StageOptions {
  /** A folder's names, read once for a whole batch (for the orphaned temporary files; default: read now). */
  listFolder?: (dir: string) => readonly string[] | undefined;
}

/** The first half: locked, read, transformed, written to a temporary file (not yet flushed). Never throws for file-system failures. */
export function stageUpdate<R, V = undefined>(req: UpdateRequest<R, V>, opts: StageOptions = {}): StageResult<R, V> {
  const fs = req.fs ?? nodeFs;
  const abs = join(req.root, req.file);
  const maxBytes = req.maxBytes ?? MAX_FILE_BYTES;
  let release: () => void;
  try {
    release = acquireFileLock(req.root, req.file, { ...req.lock, fs });
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, reason: "busy", lockPath: e.lockPath, holder: e.holder };
    if (e instanceof LockFailedError) return { ok: false, reason: "lock-failed", lockPath: e.lockPath, code: e.code };
    throw e;
  }
  let kept = false;
  try {
    removeOrphanTemps(fs, abs, undefined, opts.listFolder?.(dirname(abs)));
    const read = snapshot(fs, abs, maxBytes);
    if (isProblem(read)) return { ok: false, ...read };
    const out = req.transform({ file: req.file, exists: read.exists, bytes: read.bytes, attempt: 1 });
    if ("refuse" in out) return { ok: false, reason: "refused", refusal: out.refuse, attempts: 1 };
    const bytes = toBytes(out.text);
    const done = { ok: true as const, created: !read.exists, text: bytes, value: out.value };
    if (read.exists && sameBytes(bytes, read.bytes)) {
      kept = true;
      return { ...done, staged: { file: req.file, abs, read, maxBytes, release } };
    }
    if (read.exists && (read.stat!.mode & 0o222) === 0) return { ok: false, reason: "read-only" };
    req.afterTransform?.(1);
    const temp = writeTemp(fs, abs, bytes, read.exists ? read.stat!.mode & 0o777 : 0o644);
    if ("reason" in temp) return { ok: false, ...temp };
    kept = true;
    return { ...done, staged: { file: req.file, abs, tmp: temp.tmp, fd: temp.fd, read, maxBytes, release } };
  } finally {
    if (!kept) release();
  }
}

/** Every byte in a new temporary file beside `abs`, left open for the flush. */
function writeTemp(fs: WriteFs, abs: string, bytes: Uint8Array, mode: number): { tmp: string; fd: number } | UpdateProblem {
  let at: WriteStep = "mkdir";
  let fd: number | undefined;
  const tmp = tempPathFor(abs);
  try {
    fs.mkdirSync(dirname(abs), { recursive: true });
    at = "open";
    fd = fs.openSync(tmp, "wx", mode);
    at = "write";
    writeAll(fs, fd, bytes);
    return { tmp, fd };
  } catch (e) {
    if (fd !== undefined) closeQuietly(fs, fd);
    if (at !== "mkdir" && at !== "open") quietUnlink(fs, tmp);
    return { reason: "io", step: at, code: errorCode(e), renamed: false };
  }
}

export interface FinishOptions {
  fs?: WriteFs;
  /** Flush an open file (default: node's fsync, on the thread pool). */
  flush?: (fd: number) => Promise<void>;
  /** Flush a folder's entries (default: open it and fsync, on the thread pool). */
  flushFolder?: (dir: string) => Promise<void>;
  /**
   * Waited for, beside the flushes, before anything is renamed (the web server's note of the batch,
   * src/serve/journal.ts); when it rejects, nothing is renamed and finishStaged rejects with it.
   */
  ready?: Promise<void>;
}

/** The second half, for many staged writes at once; for each, undefined when it is in place, else why not (that file as it was). */
export async function finishStaged(all: readonly StagedWrite[], opts: FinishOptions = {}): Promise<(UpdateProblem | undefined)[]> {
  const fs = opts.fs ?? nodeFs;
  const flush = opts.flush ?? fsyncAsync;
  const flushFolder = opts.flushFolder ?? fsyncFolderAsync;
  const results: (UpdateProblem | undefined)[] = all.map(() => undefined);
  try {
    const flushing = Promise.all(all.map((s) => s.flushing ?? flushAndClose(s, fs, flush)));
    const [flushed] = await Promise.all([flushing, opts.ready]);
    const folders = new Map<string, number[]>();
    all.forEach((s, i) => {
      if (!s.tmp) return;
      const tmp = s.tmp;
      s.tmp = undefined;
      if (flushed[i]) {
        quietUnlink(fs, tmp);
        results[i] = flushed[i];
        return;
      }
      // Under the lock, the last moment before the rename: is the file still the one read?
      const now = snapshot(fs, s.abs, s.maxBytes);
      if (isProblem(now) || !unchangedSince(s.read, now)) {
        quietUnlink(fs, tmp);
        results[i] = isProblem(now) ? now : { reason: "kept-changing", attempts: 1 };
        return;
      }
      try {
        fs.renameSync(tmp, s.abs);
      } catch (e) {
        quietUnlink(fs, tmp);
        results[i] = { reason: "io", step: "rename", code: errorCode(e), renamed: false };
        return;
      }
      const dir = dirname(s.abs);
      folders.set(dir, [...(folders.get(dir) ?? []), i]);
    });
    await Promise.all([...folders].map(async ([dir, which]) => {
      try {
        await flushFolder(dir);
      } catch (e) {
        for (const i of which) results[i] = { reason: "io", step: "fsync-folder", code: errorCode(e), renamed: true };
      }
    }));
    return results;
  } finally {
    for (const s of all) abandonStaged(s, fs);
  }
}

/**
 * Start flushing a staged write's temporary file now, on the thread pool (see the module comment).
 * Its descriptor then belongs to the flush, which closes it; finishStaged waits for the outcome.
 */
export function startFlush(s: StagedWrite, opts: Pick<FinishOptions, "fs" | "flush"> = {}): void {
  if (s.fd === undefined || s.flushing) return;
  s.flushing = flushAndClose(s, opts.fs ?? nodeFs, opts.flush ?? fsyncAsync);
}

/** The temporary file flushed and closed; why not, if it could not be. Never rejects. */
async function flushAndClose(s: StagedWrite, fs: WriteFs, flush: (fd: number) => Promise<void>): Promise<UpdateProblem | undefined> {
  if (s.fd === undefined) return undefined;
  const fd = s.fd;
  s.fd = undefined;
  try {
    await flush(fd);
  } catch (e) {
    closeQuietly(fs, fd);
    return { reason: "io", step: "fsync", code: errorCode(e), renamed: false };
  }
  try {
    fs.closeSync(fd);
  } catch (e) {
    return { reason: "io", step: "close", code: errorCode(e), renamed: false };
  }
  return undefined;
}

/** Give up a staged write (another step of its save failed): its temporary file removed, its lock released. */
export function abandonStaged(s: StagedWrite, fs: WriteFs = nodeFs): void {
  if (s.fd !== undefined) closeQuietly(fs, s.fd);
  if (s.tmp) quietUnlink(fs, s.tmp);
  s.fd = undefined;
  s.tmp = undefined;
  s.release();
}

function closeQuietly(fs: WriteFs, fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    /* the error that matters was the first one */
  }
}

const fsyncAsync = (fd: number) => new Promise<void>((done, fail) => fsync(fd, (e) => (e ? fail(e) : done())));

function fsyncFolderAsync(dir: string): Promise<void> {
  return new Promise((done, fail) => open(dir, "r", (e, fd) => {
    if (e) return fail(e);
    fsync(fd, (err) => close(fd, () => (err ? fail(err) : done())));
  }));
}

