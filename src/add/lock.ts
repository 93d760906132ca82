/**
 * One writer per file: an exclusive lock file under .yanxiu-cache/locks/, created with 'wx'
 * so two `add` processes on the same file take turns instead of losing a record. A lock left
 * by a process that no longer exists (killed mid-write) is taken over.
 */
import { mkdirSync, openSync, closeSync, writeSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CACHE_DIR } from "../repo/layout.js";

export class LockBusyError extends Error {
  constructor(readonly lockPath: string) {
    super(`lock busy: ${lockPath}`);
  }
}

export function lockPathFor(root: string, repoPath: string): string {
  return join(root, CACHE_DIR, "locks", `${repoPath.replace(/[\\/]/g, "__")}.lock`);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Run `fn` holding the file's lock; waits up to `waitMs` for another writer to finish. */
export function withFileLock<T>(root: string, repoPath: string, fn: () => T, waitMs = 15_000): T {
  const path = lockPathFor(root, repoPath);
  mkdirSync(join(root, CACHE_DIR, "locks"), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(path, "wx");
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number.parseInt(readOr(path), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && !alive(holder)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() >= deadline) throw new LockBusyError(path);
      sleep(25 + Math.floor(Math.random() * 25));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(path, { force: true });
  }
}

function readOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/**
 * Temporary files beside `path` left by a writer that was killed before its rename
 * (".<name>.<pid>.<time>.tmp", see writeFileAtomic). Call only while holding the lock.
 */
export function removeOrphanTemps(path: string): void {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) rmSync(join(dirname(path), name), { force: true });
  }
}
