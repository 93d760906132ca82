import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { spawn } from "node:child_process";
import { BREAK_STALE_MS, FOREIGN_STALE_MS, isStale, LockBusyError, LockFailedError, lockPathFor, parseLockText, UNREADABLE_GRACE_MS, withFileLock } from "./lock.js";
import { nodeFs } from "./fs.js";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";

const HOST = hostname() || "localhost";
const FILE = "records/2025-2026-1/t01.yaml";
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function root(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

function plantLock(r: string, text: string, ageMs = 0, suffix = ""): string {
  const path = lockPathFor(r, FILE) + suffix;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  const t = (Date.now() - ageMs) / 1000;
  utimesSync(path, t, t);
  return path;
}

/** A clock that advances only when the lock sleeps, so waits are instant and exact. */
function fakeClock() {
  let now = Date.now();
  return { now: () => now, sleep: (ms: number) => void (now += ms) };
}

describe("parseLockText", () => {
  it.each([
    ["123 host-a\n", { pid: 123, host: "host-a" }],
    ["123", { pid: 123, host: "here" }], // older versions wrote the pid alone
    ["", undefined],
    ["0 here", undefined],
    ["abc", undefined],
    ["12 a b", undefined],
  ])("%j", (text, expected) => expect(parseLockText(text, "here")).toEqual(expected));
});

describe("isStale", () => {
  const ctx = { pid: 100, host: "here", heldHere: false, alive: (pid: number) => pid === 200 };
  it.each([
    ["an empty or unreadable lock younger than the grace", undefined, UNREADABLE_GRACE_MS - 1, false],
    ["an empty or unreadable lock past the grace (the 0-byte lock of a full disk)", undefined, UNREADABLE_GRACE_MS, true],
    ["a live holder", { pid: 200, host: "here" }, 10 * FOREIGN_STALE_MS, false],
    ["a holder that is gone", { pid: 300, host: "here" }, 0, true],
    ["our own pid, not held by us (a dead predecessor with the same pid)", { pid: 100, host: "here" }, 0, true],
    ["another machine, recent", { pid: 300, host: "there" }, FOREIGN_STALE_MS - 1, false],
    ["another machine, past ten minutes", { pid: 300, host: "there" }, FOREIGN_STALE_MS, true],
  ])("%s", (_name, holder, age, stale) => expect(isStale(holder, age, ctx)).toBe(stale));
  it("our own pid while we hold it is not stale", () => {
    expect(isStale({ pid: 100, host: "here" }, 0, { ...ctx, heldHere: true })).toBe(false);
  });
});

describe("withFileLock", () => {
  it("holds '<pid> <host>' while fn runs and removes it after, also when fn throws", () => {
    const r = root();
    const path = lockPathFor(r, FILE);
    expect(withFileLock(r, FILE, () => readFileSync(path, "utf8"))).toBe(`${process.pid} ${HOST}\n`);
    expect(existsSync(path)).toBe(false);
    expect(() => withFileLock(r, FILE, () => { throw new Error("boom"); })).toThrow("boom");
    expect(existsSync(path)).toBe(false);
  });

  it("the 0-byte lock a full disk leaves is taken over at once when older than the grace", () => {
    const r = root();
    plantLock(r, "", UNREADABLE_GRACE_MS + 1000);
    const clock = fakeClock();
    expect(withFileLock(r, FILE, () => "ran", { ...clock, waitMs: 0 })).toBe("ran");
  });

  it("a fresh 0-byte lock is waited for (its writer may be filling it), then taken over — never forever", () => {
    const r = root();
    plantLock(r, "");
    const clock = fakeClock();
    const start = clock.now();
    expect(withFileLock(r, FILE, () => clock.now() - start, clock)).toBeGreaterThanOrEqual(UNREADABLE_GRACE_MS);
  });

  it("garbage in the lock counts as unreadable", () => {
    const r = root();
    plantLock(r, "\u0000\u0000junk", UNREADABLE_GRACE_MS);
    expect(withFileLock(r, FILE, () => 1, { waitMs: 0 })).toBe(1);
  });

  it("a lock whose process is gone is taken over", () => {
    const r = root();
    plantLock(r, `999999 ${HOST}\n`);
    expect(withFileLock(r, FILE, () => 1, { waitMs: 0, alive: () => false })).toBe(1);
  });

  it("a live holder: waits waitMs, then LockBusyError naming the lock and holder; the lock is kept", async () => {
    const r = root();
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      const path = plantLock(r, `${sleeper.pid} ${HOST}\n`);
      const clock = fakeClock();
      let err: unknown;
      try {
        withFileLock(r, FILE, () => 1, { ...clock, waitMs: 500 });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(LockBusyError);
      expect((err as LockBusyError).holder).toBe(`${sleeper.pid} ${HOST}`);
      expect(readFileSync(path, "utf8")).toBe(`${sleeper.pid} ${HOST}\n`);
    } finally {
      sleeper.kill();
    }
  });

  it("a lock from another machine is respected for ten minutes", () => {
    const r = root();
    plantLock(r, "123 other-host\n", 60_000);
    expect(() => withFileLock(r, FILE, () => 1, { waitMs: 0 })).toThrow(LockBusyError);
    plantLock(r, "123 other-host\n", FOREIGN_STALE_MS + 1000);
    expect(withFileLock(r, FILE, () => 1, { waitMs: 0 })).toBe(1);
  });

  it("a stale lock is removed only if it is still the lock judged stale (a fresh one planted meanwhile survives)", () => {
    const r = root();
    const path = plantLock(r, "", UNREADABLE_GRACE_MS + 1000);
    let swapped = false;
    // Between our read of the stale lock and its removal, another writer replaces it with a live one.
    const fs = { ...nodeFs, openSync: (p: string, f: string, m?: number) => {
      if (p.endsWith(".break") && !swapped) {
        swapped = true;
        nodeFs.unlinkSync(path);
        writeFileSync(path, `${process.ppid} ${HOST}\n`);
      }
      return nodeFs.openSync(p, f, m);
    } };
    expect(() => withFileLock(r, FILE, () => 1, { fs, waitMs: 0 })).toThrow(LockBusyError);
    expect(readFileSync(path, "utf8")).toBe(`${process.ppid} ${HOST}\n`);
  });

  it("a '.break' lock left by a killed writer is cleared after a while, so takeovers never stall", () => {
    const r = root();
    plantLock(r, "", UNREADABLE_GRACE_MS + 1000);
    plantLock(r, "1 x", BREAK_STALE_MS + 1000, ".break");
    expect(withFileLock(r, FILE, () => 1, { waitMs: 1000 })).toBe(1);
  });

  it("a lock that cannot be filled (ENOSPC) is removed again and reported, not left at 0 bytes", () => {
    const r = root();
    const fs = { ...nodeFs, writeSync: () => { throw Object.assign(new Error("ENOSPC"), { code: "ENOSPC" }); } };
    expect(() => withFileLock(r, FILE, () => 1, { fs })).toThrow(LockFailedError);
    expect(existsSync(lockPathFor(r, FILE))).toBe(false);
  });
});
