/**
 * moveFile: give a record or session file its right name (`check --fix`) without losing a byte or
 * replacing anything. Under both files' locks: read the file and let the caller confirm it is the
 * text that was checked; `link(old, new)`, which fails when `new` exists (so never an overwrite,
 * even of a file made a moment ago); flush the new folder; read the old name again and check it is
 * still the same file with the same bytes (an editor may have saved it meanwhile); only then remove
 * the old name and flush its folder. A failure at any step before that removal takes the new name
 * away again (and the folder, if this move made it), so both are as they were.
 *
 * Hard links need a file system that has them (every Linux and macOS one, NTFS); where `link` is
 * refused the file is left where it is and the error is reported.
 */
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { errorCode, isMissing, nodeFs, type FileStat, type WriteFs } from "./fs.js";
import { LockBusyError, LockFailedError, withFileLock, type LockOptions } from "./lock.js";
import { fsyncFolder, quietUnlink } from "./write.js";
import { MAX_FILE_BYTES } from "./yaml-source.js";

export type MoveStep = "read" | "mkdir" | "link" | "fsync-folder" | "verify" | "unlink" | "fsync-old-folder";

export interface MoveRequest {
  root: string;
  /** Repository-relative paths. */
  from: string;
  to: string;
  /** Is this the content that was checked? A file that is not is left where it is. */
  expected: (bytes: Uint8Array) => boolean;
  fs?: WriteFs;
  lock?: Omit<LockOptions, "fs">;
}

export type MoveResult =
  | { ok: true }
  | { ok: false; reason: "refused"; refusal: "missing" | "changed" | "target-exists" }
  | { ok: false; reason: "busy"; lockPath: string; holder: string }
  | { ok: false; reason: "lock-failed"; lockPath: string; code: string }
  | { ok: false; reason: "not-a-file"; kind: "directory" | "symlink" | "other" }
  | { ok: false; reason: "too-large"; size: number; limit: number }
  /** `moved`: only the last flush failed; the file is at its new name but a power cut could undo that. */
  | { ok: false; reason: "io"; step: MoveStep; code: string; moved: boolean };

type Failure = Exclude<MoveResult, { ok: true }>;

class MoveFailed extends Error {
  constructor(readonly result: Failure) {
    super(result.reason);
  }
}

const fail = (result: Failure): never => {
  throw new MoveFailed(result);
};

function step<T>(name: MoveStep, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MoveFailed) throw e;
    return fail({ ok: false, reason: "io", step: name, code: errorCode(e), moved: false });
  }
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Move one file; see the module comment. Never throws for file-system failures. */
export function moveFile(req: MoveRequest): MoveResult {
  const fs = req.fs ?? nodeFs;
  // Both locks, always in the same order, so two moves cannot wait on each other for long.
  const [first, second] = [req.from, req.to].sort();
  const lock = { ...req.lock, fs };
  try {
    return withFileLock(req.root, first!, () => withFileLock(req.root, second!, () => moveLocked(req, fs), lock), lock);
  } catch (e) {
    if (e instanceof MoveFailed) return e.result;
    if (e instanceof LockBusyError) return { ok: false, reason: "busy", lockPath: e.lockPath, holder: e.holder };
    if (e instanceof LockFailedError) return { ok: false, reason: "lock-failed", lockPath: e.lockPath, code: e.code };
    throw e;
  }
}

function moveLocked(req: MoveRequest, fs: WriteFs): MoveResult {
  const from = join(req.root, req.from);
  const to = join(req.root, req.to);
  const read = readPlain(fs, from);
  if (!req.expected(read.bytes)) return fail({ ok: false, reason: "refused", refusal: "changed" });
  if (exists(fs, to)) return fail({ ok: false, reason: "refused", refusal: "target-exists" });
  const folder = dirname(to);
  const madeFolder = !exists(fs, folder);
  step("mkdir", () => fs.mkdirSync(folder, { recursive: true }));
  const removeFolder = () => {
    if (!madeFolder) return;
    try {
      fs.rmdirSync(folder);
    } catch {
      /* not empty (someone put a file there meanwhile) or refused: an empty folder loses nothing */
    }
  };
  try {
    fs.linkSync(from, to);
  } catch (e) {
    removeFolder();
    if (errorCode(e) === "EEXIST") return fail({ ok: false, reason: "refused", refusal: "target-exists" });
    return fail({ ok: false, reason: "io", step: "link", code: errorCode(e), moved: false });
  }
  const undo = () => {
    quietUnlink(fs, to);
    removeFolder();
  };
  try {
    // The new name must survive a power cut before the old one goes.
    step("fsync-folder", () => fsyncFolder(fs, folder));
    const again = step("verify", () => readPlain(fs, from));
    if (again.stat.ino !== read.stat.ino || again.hash !== read.hash) fail({ ok: false, reason: "refused", refusal: "changed" });
    step("unlink", () => fs.unlinkSync(from));
  } catch (e) {
    // The old name removed by someone meanwhile: the new one is then the only copy, and it stays.
    if (goneMeanwhile(e)) return { ok: true };
    undo();
    throw e;
  }
  try {
    fsyncFolder(fs, dirname(from));
  } catch (e) {
    return fail({ ok: false, reason: "io", step: "fsync-old-folder", code: errorCode(e), moved: true });
  }
  return { ok: true };
}

function goneMeanwhile(e: unknown): boolean {
  if (!(e instanceof MoveFailed)) return false;
  const r = e.result;
  return (r.reason === "refused" && r.refusal === "missing") || (r.reason === "io" && r.step === "unlink" && r.code === "ENOENT");
}

function exists(fs: WriteFs, path: string): boolean {
  try {
    fs.lstatSync(path);
    return true;
  } catch (e) {
    if (isMissing(e)) return false;
    return fail({ ok: false, reason: "io", step: "read", code: errorCode(e), moved: false });
  }
}

/** The file's stat, bytes and hash, refusing what is not a regular file (a link is never followed) or too large. */
function readPlain(fs: WriteFs, path: string): { stat: FileStat; bytes: Uint8Array; hash: string } {
  let stat: FileStat;
  try {
    stat = fs.lstatSync(path);
  } catch (e) {
    if (isMissing(e)) return fail({ ok: false, reason: "refused", refusal: "missing" });
    return fail({ ok: false, reason: "io", step: "read", code: errorCode(e), moved: false });
  }
  if (stat.isSymbolicLink()) fail({ ok: false, reason: "not-a-file", kind: "symlink" });
  if (stat.isDirectory()) fail({ ok: false, reason: "not-a-file", kind: "directory" });
  if (!stat.isFile()) fail({ ok: false, reason: "not-a-file", kind: "other" });
  if (stat.size > MAX_FILE_BYTES) fail({ ok: false, reason: "too-large", size: stat.size, limit: MAX_FILE_BYTES });
  const bytes = step("read", () => fs.readFileSync(path));
  return { stat, bytes, hash: sha256(bytes) };
}
