/**
 * The server's own pack maintenance. Every commit batch leaves one pack (batch-commit.ts runs
 * fast-import with unpackLimit=0), and a school's server runs for months: lookups slow down with
 * the number of packs (300 small packs made a batch's fast-import ~12 ms slower, docs/benchmark.md).
 * So once a batch has left more than PACK_LIMIT packs, the server's git helper rolls the small ones
 * up, between batches: `git repack -d --geometric=2` writes the objects of the packs that break a
 * factor-2 progression (and any loose objects) into one new pack, then deletes only the packs it
 * rolled up. Nothing is pruned: every object of a rolled-up pack, reachable or not, is in the new
 * pack before the old one goes (`gc`'s pruning stays the office's weekly cron, docs/serve.md).
 *
 * Best effort: the saves are answered before it runs, and a roll-up that fails (a full disk, an old
 * git without --geometric) leaves the packs as they were — git writes the new pack under a temporary
 * name and deletes nothing until it is in place — and is tried again only after PACK_LIMIT more
 * packs. It must never be what fills the disk: it waits while the free space is less than what it
 * may write plus a reserve for the saves, and after a failure it removes the temporary pack git
 * left (git does not; only gc would, two weeks later). While `git gc` runs (its gc.pid, younger
 * than gc's own 12 hours), the roll-up waits too.
 */
import { readdirSync, rmSync, statfsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { GitRun, Run } from "./batch-commit.js";

/** More packs than this, and the small ones are rolled up. */
export const PACK_LIMIT = 50;
/** gc counts a gc.pid older than this as left by a gc that died. */
const GC_PID_STALE_MS = 12 * 3600_000;

/** Free space a roll-up leaves for the saves, beyond what it may write. */
export const RESERVE_BYTES = 32 << 20;

const packDir = (commonDir: string) => join(commonDir, "objects", "pack");

function names(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The packs in a git folder's object store (0 when it cannot be listed). */
export function packCount(commonDir: string): number {
  return names(packDir(commonDir)).filter((n) => n.endsWith(".pack")).length;
}

/**
 * The most a geometric roll-up may write: the packs but the largest (when it is left alone), or
 * all of them (when the others hold at least half as much, it is rolled in: at most 3× the others).
 */
export function rollUpBytes(packSizes: number[]): number {
  const total = packSizes.reduce((a, b) => a + b, 0);
  const others = total - Math.max(0, ...packSizes);
  return Math.min(total, 3 * others);
}

function packSizes(commonDir: string): number[] {
  const dir = packDir(commonDir);
  return names(dir).filter((n) => n.endsWith(".pack")).map((n) => {
    try {
      return statSync(join(dir, n)).size;
    } catch {
      return 0;
    }
  });
}

function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return 0;
  }
}

/** A `git gc` is running on this repository (its lock is fresh). */
export function gcRunning(commonDir: string, now = Date.now()): boolean {
  try {
    return now - statSync(join(commonDir, "gc.pid")).mtimeMs < GC_PID_STALE_MS;
  } catch {
    return false;
  }
}

/** The roll-up: small packs and loose objects into one pack, the rolled-up packs deleted, nothing pruned. */
export function rollUpPacks(git: GitRun, root: string): Promise<Run> {
  return git(root, ["repack", "-d", "-q", "--geometric=2", "--no-write-bitmap-index"]);
}

export type UpkeepOutcome =
  | { ran: false; packs: number; why: "few" | "gc" | "backoff" | "space" }
  | { ran: true; packs: number; before: number; ok: true }
  | { ran: true; packs: number; before: number; ok: false; detail: string };

/** When to roll up, per repository: after a batch, and again after a failure only once PACK_LIMIT more packs have come. */
export class PackUpkeep {
  private retryAt = new Map<string, number>();

  constructor(private readonly limit = PACK_LIMIT, private readonly reserveBytes = RESERVE_BYTES) {}

  async afterBatch(git: GitRun, root: string, commonDir: string | undefined): Promise<UpkeepOutcome> {
    const packs = commonDir === undefined ? 0 : packCount(commonDir);
    if (commonDir === undefined || packs <= this.limit) return { ran: false, packs, why: "few" };
    if (packs < (this.retryAt.get(commonDir) ?? 0)) return { ran: false, packs, why: "backoff" };
    if (gcRunning(commonDir)) return { ran: false, packs, why: "gc" };
    if (freeBytes(packDir(commonDir)) < rollUpBytes(packSizes(commonDir)) + this.reserveBytes) return { ran: false, packs, why: "space" };
    const tempBefore = new Set(names(packDir(commonDir)).filter(isTempPack));
    const r = await rollUpPacks(git, root);
    const after = packCount(commonDir);
    if (r.code === 0) {
      this.retryAt.delete(commonDir);
      return { ran: true, packs: after, before: packs, ok: true };
    }
    // What this roll-up began and git left (another git's temporary packs, there before, are not touched).
    for (const n of names(packDir(commonDir))) if (isTempPack(n) && !tempBefore.has(n)) rmSync(join(packDir(commonDir), n), { force: true });
    this.retryAt.set(commonDir, after + this.limit);
    const detail = (r.stderr.trim() || r.stdout.trim()).split("\n")[0] || `git repack exited with ${r.code}`;
    return { ran: true, packs: after, before: packs, ok: false, detail };
  }
}

/** pack-objects' temporary files (`tmp_pack_XXXXXX`, `tmp_idx_…`, `tmp_rev_…`). */
const isTempPack = (name: string) => /^tmp_(pack|idx|rev|bitmap|mtimes)_/.test(name);
