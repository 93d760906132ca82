/**
 * Writing into a school repository without ever losing a byte. New files are created
 * exclusively; existing ones are replaced atomically: every byte is written to a temporary
 * file beside the original (looping on short writes), the file is flushed (fsync), renamed
 * over the original, and the folder is flushed so the rename itself survives a power cut.
 * Any failure before the rename removes the temporary file and leaves the original as it was.
 *
 * For files people edit (records, sessions, the roster) use updateFile (./update.ts): it adds
 * the per-file lock and the check that nobody changed the file since it was read.
 */
import { basename, dirname, join } from "node:path";
import { errorCode, fsError, isMissing, nodeFs, type WriteFs } from "./fs.js";

export type WriteStep = "mkdir" | "open" | "write" | "fsync" | "close" | "verify" | "rename" | "fsync-folder";

/** A write that failed at one step. `renamed` is true only when the new file is already in place. */
export class WriteStepError extends Error {
  constructor(readonly step: WriteStep, readonly code: string, readonly renamed = false, options?: { cause?: unknown }) {
    super(`${step}: ${(options?.cause as Error | undefined)?.message ?? code}`, options);
    this.name = "WriteStepError";
  }
}

function step<T>(name: WriteStep, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WriteStepError) throw e;
    throw new WriteStepError(name, errorCode(e), false, { cause: e });
  }
}

export const toBytes = (data: string | Uint8Array): Uint8Array => (typeof data === "string" ? Buffer.from(data, "utf8") : data);

/**
 * Write all of `bytes` to `fd` (at its current offset, or from position `at`), looping on short
 * writes; a write that makes no progress is ENOSPC.
 */
export function writeAll(fs: WriteFs, fd: number, bytes: Uint8Array, at?: number): void {
  let done = 0;
  while (done < bytes.length) {
    const n = fs.writeSync(fd, bytes, done, bytes.length - done, at === undefined ? null : at + done);
    if (!(n > 0)) throw fsError("ENOSPC", `no progress writing (${done} of ${bytes.length} bytes written)`);
    done += n;
  }
}

/** Flush a folder's entries (a rename or a new name in it) to disk. */
export function fsyncFolder(fs: WriteFs, dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

let tmpCounter = 0;

/** ".<name>.<pid>.<n>.tmp" beside `path`; removeOrphanTemps recognises the pid in it. */
export function tempPathFor(path: string): string {
  tmpCounter = (tmpCounter + 1) % 1_000_000;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}${String(tmpCounter).padStart(6, "0")}.tmp`);
}

export function quietUnlink(fs: WriteFs, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    /* already gone, or the disk refuses even that: nothing more to do */
  }
}

/** Write `bytes` to a new file at `path` (must not exist), flushed; on failure the partial file is removed. */
export function writeFresh(fs: WriteFs, path: string, bytes: Uint8Array, mode: number): void {
  const fd = step("open", () => fs.openSync(path, "wx", mode));
  let open = true;
  try {
    step("write", () => writeAll(fs, fd, bytes));
    step("fsync", () => fs.fsyncSync(fd));
    open = false;
    step("close", () => fs.closeSync(fd));
  } catch (e) {
    if (open) {
      try {
        fs.closeSync(fd);
      } catch {
        /* the error that matters is the first one */
      }
    }
    quietUnlink(fs, path);
    throw e;
  }
}

/** The whole of `bytes`, flushed, in a new temporary file beside `path`; its path. */
export function writeTempBeside(fs: WriteFs, path: string, bytes: Uint8Array, mode: number): string {
  step("mkdir", () => fs.mkdirSync(dirname(path), { recursive: true }));
  const tmp = tempPathFor(path);
  writeFresh(fs, tmp, bytes, mode);
  return tmp;
}

/** Rename the flushed temporary file over `path`, then flush the folder. The temp is removed if the rename fails. */
export function renameIntoPlace(fs: WriteFs, tmp: string, path: string): void {
  try {
    step("rename", () => fs.renameSync(tmp, path));
  } catch (e) {
    quietUnlink(fs, tmp);
    throw e;
  }
  try {
    fsyncFolder(fs, dirname(path));
  } catch (e) {
    throw new WriteStepError("fsync-folder", errorCode(e), true, { cause: e });
  }
}

/** The mode of an existing file, undefined when there is none. */
export function modeOf(fs: WriteFs, path: string): number | undefined {
  try {
    return fs.lstatSync(path).mode & 0o777;
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw new WriteStepError("open", errorCode(e), false, { cause: e });
  }
}

export interface AtomicWriteOptions {
  fs?: WriteFs;
  /** Called with the flushed temporary file just before the rename; throwing aborts the write. */
  beforeRename?: (tmpPath: string) => void;
  /** The mode for a file that does not exist yet (default 0o644); an existing file keeps its own. */
  mode?: number;
}

/**
 * Replace (or create) `path` atomically, keeping the original file's mode. Throws a
 * WriteStepError naming the step that failed; the original is untouched unless `renamed`.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const fs = options.fs ?? nodeFs;
  const tmp = writeTempBeside(fs, path, toBytes(data), modeOf(fs, path) ?? options.mode ?? 0o644);
  try {
    step("verify", () => options.beforeRename?.(tmp));
  } catch (e) {
    quietUnlink(fs, tmp);
    throw e;
  }
  renameIntoPlace(fs, tmp, path);
}

/** Create a file that must not exist yet (EEXIST otherwise); a failed write leaves nothing behind. */
export function writeNewFile(path: string, text: string | Uint8Array, options: { fs?: WriteFs } = {}): void {
  const fs = options.fs ?? nodeFs;
  const dir = dirname(path);
  step("mkdir", () => fs.mkdirSync(dir, { recursive: true }));
  writeFresh(fs, path, toBytes(text), 0o644);
  try {
    fsyncFolder(fs, dir);
  } catch (e) {
    throw new WriteStepError("fsync-folder", errorCode(e), true, { cause: e });
  }
}
