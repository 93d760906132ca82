/**
 * One writer per file: an exclusive lock file under .yanxiu-cache/locks/, created with "wx",
 * so two writers of one file (two `add`s, the web server and an `add`) take turns instead of
 * losing a record. The lock holds "<pid> <host>". A lock whose holder is gone is taken over:
 * its process no longer runs, or the file is empty or unreadable (a writer killed between
 * creating and filling it, or a full disk — the 0-byte lock) and older than a moment.
 * Taking over happens under a second, short-lived ".break" lock, with the lock re-read there,
 * so two writers that both see a stale lock can never remove a fresh one. Nobody waits forever:
 * after `waitMs` the caller gets LockBusyError.
 */
import { hostname } from "node:os";
import { join } from "node:path";
import { CACHE_DIR } from "./layout.js";
import { errorCode, isMissing, nodeFs, type WriteFs } from "./fs.js";
import { writeAll } from "./write.js";

export class LockBusyError extends Error {
  constructor(readonly lockPath: string, readonly holder: string) {
    super(`lock busy: ${lockPath} (${holder || "empty"})`);
    this.name = "LockBusyError";
  }
}

/** The lock itself could not be made (the disk is full, the cache folder is not writable). */
export class LockFailedError extends Error {
  constructor(readonly lockPath: string, readonly code: string) {
    super(`cannot create lock ${lockPath}: ${code}`);
    this.name = "LockFailedError";
  }
}

export function lockPathFor(root: string, repoPath: string): string {
  return join(root, CACHE_DIR, "locks", `${repoPath.replace(/[\\/]/g, "__")}.lock`);
}

/** An empty or unreadable lock younger than this may be a writer between open and write. */
export const UNREADABLE_GRACE_MS = 2_000;
/** A lock from another machine (a shared folder) cannot be checked; past this it is stale. */
export const FOREIGN_STALE_MS = 10 * 60_000;
/** A ".break" lock is held for a few milliseconds; one older than this was left by a killed writer. */
export const BREAK_STALE_MS = 10_000;

export interface LockHolder {
  pid: number;
  host: string;
}

/** "<pid> <host>" as written by this module; a bare pid (older versions) means this host. */
export function parseLockText(text: string, thisHost: string): LockHolder | undefined {
  const m = /^(\d{1,10})(?:[ \t]+(\S+))?\s*$/.exec(text);
  if (!m) return undefined;
  const pid = Number(m[1]);
  return pid > 0 ? { pid, host: m[2] ?? thisHost } : undefined;
}

export interface StaleContext {
  pid: number;
  host: string;
  /** Locks this process holds right now (a lock naming our pid that we do not hold is a dead predecessor's). */
  heldHere: boolean;
  alive: (pid: number) => boolean;
}

/** Pure: may a lock with this content and age be taken over? */
export function isStale(holder: LockHolder | undefined, ageMs: number, ctx: StaleContext): boolean {
  if (!holder) return ageMs >= UNREADABLE_GRACE_MS;
  if (holder.host !== ctx.host) return ageMs >= FOREIGN_STALE_MS;
  if (holder.pid === ctx.pid) return !ctx.heldHere;
  return !ctx.alive(holder.pid);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) === "EPERM";
  }
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export interface LockOptions {
  fs?: WriteFs;
  /** How long to wait for another writer (default 15 s); 0 tries once. */
  waitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => void;
  alive?: (pid: number) => boolean;
}

const held = new Set<string>();
const HOST = hostname() || "localhost";

/** Run `fn` holding the lock of `repoPath` in `root`. */
export function withFileLock<T>(root: string, repoPath: string, fn: () => T, options: LockOptions = {}): T {
  const release = acquireFileLock(root, repoPath, options);
  try {
    return fn();
  } finally {
    release();
  }
}

/**
 * Take the lock of `repoPath` and keep it until the returned function is called (once), for a
 * write whose steps span awaits (src/repo/update-staged.ts). Throws as withFileLock does.
 */
export function acquireFileLock(root: string, repoPath: string, options: LockOptions = {}): () => void {
  const path = lockPathFor(root, repoPath);
  acquire(path, options);
  held.add(path);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(path);
    try {
      (options.fs ?? nodeFs).unlinkSync(path);
    } catch {
      /* a lock we cannot remove is taken over as stale by the next writer */
    }
  };
}

function acquire(path: string, options: LockOptions): void {
  const fs = options.fs ?? nodeFs;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepMs;
  const deadline = now() + (options.waitMs ?? 15_000);
  try {
    fs.mkdirSync(join(path, ".."), { recursive: true });
  } catch (e) {
    throw new LockFailedError(path, errorCode(e));
  }
  for (;;) {
    if (tryCreate(fs, path, `${process.pid} ${HOST}\n`)) return;
    const seen = readLock(fs, path);
    if (seen && isStale(parseLockText(seen.text, HOST), now() - seen.mtimeMs, ctx(path, options))) {
      takeOver(fs, path, seen, options);
      continue;
    }
    if (now() >= deadline) throw new LockBusyError(path, seen?.text.trim() ?? "");
    sleep(25 + Math.floor(Math.random() * 25));
  }
}

function ctx(path: string, options: LockOptions): StaleContext {
  return { pid: process.pid, host: HOST, heldHere: held.has(path), alive: options.alive ?? processAlive };
}

/** Create the lock holding `text`; false when it exists. A lock we could not fill is removed again. */
function tryCreate(fs: WriteFs, path: string, text: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(path, "wx", 0o644);
  } catch (e) {
    if (errorCode(e) === "EEXIST") return false;
    throw new LockFailedError(path, errorCode(e));
  }
  try {
    writeAll(fs, fd, Buffer.from(text));
    fs.closeSync(fd);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      /* closed already */
    }
    try {
      fs.unlinkSync(path);
    } catch {
      /* left empty: the next writer takes it over as unreadable */
    }
    throw new LockFailedError(path, errorCode(e));
  }
  return true;
}

interface SeenLock {
  text: string;
  mtimeMs: number;
  ino: number;
}

function readLock(fs: WriteFs, path: string): SeenLock | undefined {
  try {
    const st = fs.lstatSync(path);
    let text = "";
    try {
      text = Buffer.from(fs.readFileSync(path)).toString("utf8");
    } catch (e) {
      if (isMissing(e)) return undefined;
      text = ""; // unreadable counts as empty
    }
    return { text, mtimeMs: st.mtimeMs, ino: st.ino };
  } catch {
    return undefined; // gone in between: just try again
  }
}

/** Remove a stale lock, under the ".break" lock and only if it is still the very lock judged stale. */
function takeOver(fs: WriteFs, path: string, seen: SeenLock, options: LockOptions): void {
  const now = options.now ?? Date.now;
  const breakPath = `${path}.break`;
  if (!tryCreate(fs, breakPath, `${process.pid} ${HOST}\n`)) {
    const other = readLock(fs, breakPath);
    if (other && now() - other.mtimeMs >= BREAK_STALE_MS) {
      try {
        fs.unlinkSync(breakPath);
      } catch {
        /* someone else cleared it */
      }
    }
    (options.sleep ?? sleepMs)(10);
    return;
  }
  try {
    const again = readLock(fs, path);
    if (again && again.ino === seen.ino && again.text === seen.text) {
      try {
        fs.unlinkSync(path);
      } catch (e) {
        if (!isMissing(e)) throw new LockFailedError(path, errorCode(e));
      }
    }
  } finally {
    try {
      fs.unlinkSync(breakPath);
    } catch {
      /* stale after BREAK_STALE_MS */
    }
  }
}
