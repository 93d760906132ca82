/**
 * One server per repository: `.yanxiu-serve/serve.pid` names the process serving it. Two servers
 * on one repository would each take the other's half-done batch for a dead one's
 * (src/serve/recover.ts) and commit or put back files under it. A file naming a process that is
 * gone (a server killed with SIGKILL, a power cut) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ensureServeDir } from "./accounts.js";

export const LOCK_FILE = "serve.pid";

export type ServeLock = { ok: true; release(): void } | { ok: false; pid: number };

/** The process lives and, where /proc tells, is a node process (not another that took its number since). */
export function serverAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    return /node|yanxiu/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
  } catch {
    return true;
  }
}

export function takeServeLock(root: string, alive: (pid: number) => boolean = serverAlive): ServeLock {
  const path = join(ensureServeDir(root), LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      const release = () => {
        try {
          if (readFileSync(path, "utf8").trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // Gone already.
        }
      };
      process.once("exit", release);
      return { ok: true, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let pid = Number.NaN;
    try {
      pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    } catch {
      continue; // removed meanwhile: try again
    }
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return { ok: false, pid };
    try {
      unlinkSync(path); // left by a server that is gone
    } catch {
      // Another start took it over first: try again.
    }
  }
  return { ok: false, pid: Number.NaN };
}
