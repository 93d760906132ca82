/**
 * One server per repository: `.yanxiu-serve/serve.pid` names the process serving it. Two servers
 * on one repository would each take the other's half-done batch for a dead one's
 * (src/serve/recover.ts) and commit or put back files under it. The file is made whole before it
 * is put in place (a link, which fails when one is there), so a start never reads it half
 * written; it names the process by its number and, where /proc says them, the boot and the
 * moment the process started, so a number reused by another process after a kill or a reboot is
 * not taken for the server. A file naming a process that is gone is taken over.
 */
import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureServeDir } from "./accounts.js";

export const LOCK_FILE = "serve.pid";

export type ServeLock = { ok: true; release(): void } | { ok: false; pid: number };

/** Pure: the start time field of /proc/<pid>/stat (after the command's name, which may hold spaces and parentheses). */
export function startTimeOf(stat: string): string | undefined {
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return rest[19];
}

/** This boot and the process's start, where /proc tells them ("" where it does not). */
export function processIdentity(pid: number): string {
  try {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    return `${boot} ${startTimeOf(readFileSync(`/proc/${pid}/stat`, "utf8")) ?? ""}`;
  } catch {
    return "";
  }
}

/** The process named by a lock's text lives, and is the one that wrote it. */
export function lockHolderAlive(text: string): boolean {
  const [pidText, identity = ""] = text.split("\n");
  const pid = Number.parseInt(pidText ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const now = processIdentity(pid);
  return identity === "" || now === "" || now === identity;
}

export function takeServeLock(root: string, alive: (text: string) => boolean = lockHolderAlive): ServeLock {
  const path = join(ensureServeDir(root), LOCK_FILE);
  const text = `${process.pid}\n${processIdentity(process.pid)}\n`;
  const mine = `${path}.${process.pid}.tmp`;
  writeFileSync(mine, text, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, path);
        const release = () => {
          try {
            if (readFileSync(path, "utf8") === text) unlinkSync(path);
          } catch {
            // Gone already.
          }
        };
        process.once("exit", release);
        return { ok: true, release };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      let held: string;
      try {
        held = readFileSync(path, "utf8");
      } catch {
        continue; // removed meanwhile: try again
      }
      if (alive(held)) return { ok: false, pid: Number.parseInt(held, 10) };
      try {
        // Left by a server that is gone; removed only if it is still that file.
        if (readFileSync(path, "utf8") === held) unlinkSync(path);
      } catch {
        // Another start took it over first: try again.
      }
    }
    return { ok: false, pid: Number.NaN };
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      // Gone already.
    }
  }
}
