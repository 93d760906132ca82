/**
 * The per-file lock of `yanxiu add` (src/add/lock.ts: a 'wx' lock file holding the pid),
 * taken asynchronously so the server keeps answering while it waits or while git commits.
 * A CLI add on the same file waits for the server and the other way round.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { LockBusyError, lockPathFor } from "../add/lock.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryTake(path: string): boolean {
  try {
    const fd = openSync(path, "wx");
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    let holder = NaN;
    try {
      holder = Number.parseInt(readFileSync(path, "utf8"), 10);
    } catch {
      /* gone meanwhile: try again */
    }
    // A lock left by a process that died is taken over (never our own: we hold it now).
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && !alive(holder)) rmSync(path, { force: true });
    return false;
  }
}

export async function withFileLockAsync<T>(root: string, repoPath: string, fn: () => Promise<T>, waitMs = 15_000): Promise<T> {
  const path = lockPathFor(root, repoPath);
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + waitMs;
  while (!tryTake(path)) {
    if (Date.now() >= deadline) throw new LockBusyError(path);
    await new Promise((r) => setTimeout(r, 25 + Math.floor(Math.random() * 25)));
  }
  try {
    return await fn();
  } finally {
    rmSync(path, { force: true });
  }
}
