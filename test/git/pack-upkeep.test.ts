/**
 * The server's own pack maintenance (src/git/pack-upkeep.ts) on real repositories, through the
 * server's git helper: a batch always leaves one pack and no loose objects; after many batches
 * the pack count stays bounded, every commit reachable, and nothing is pruned (an unreachable
 * object in a rolled-up pack is still there); a running `git gc` is waited for; a roll-up on a
 * full disk changes nothing, is tried again only after more packs, and works once space is freed.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commitBatch, commonDirOf } from "../../src/git/batch-commit.js";
import { GitRunner } from "../../src/git/runner.js";
import { gcRunning, packCount, PackUpkeep, rollUpBytes } from "../../src/git/pack-upkeep.js";

const SERVER = { name: "yanxiu serve", email: "yanxiu-serve@localhost" };
const LI = { name: "李老师", email: "t01@school.cn" };

const git = (dir: string, ...args: string[]) => execFileSync("git", args, {
  cwd: dir, encoding: "utf8", env: { ...process.env, LC_ALL: "C", GIT_AUTHOR_NAME: "office", GIT_AUTHOR_EMAIL: "o@school.cn", GIT_COMMITTER_NAME: "office", GIT_COMMITTER_EMAIL: "o@school.cn" },
});

function repo(parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, "yanxiu-packs-"));
  git(dir, "init", "-q", "-b", "main");
  mkdirSync(join(dir, "records/2025-2026-1"), { recursive: true });
  writeFileSync(join(dir, "records/2025-2026-1/t01.yaml"), "teacher: t01\nrecords: []\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "start");
  return dir;
}

const runner = new GitRunner();
afterAll(() => runner.stop());

/** One batch of `saves` commits of t01's file, through the helper as the server makes them. */
async function batch(dir: string, n: number, saves = 1): Promise<string[]> {
  const commits = Array.from({ length: saves }, (_, i) => {
    const text = `teacher: t01\nrecords:\n  - title: 第 ${n} 批 第 ${i} 次\n`;
    writeFileSync(join(dir, "records/2025-2026-1/t01.yaml"), text);
    return { author: LI, subject: `records: t01 ${n}.${i}`, files: [{ path: "records/2025-2026-1/t01.yaml", bytes: Buffer.from(text) }] };
  });
  const r = await commitBatch(dir, commits, { committer: SERVER, git: runner.run });
  if (!r.ok) throw new Error(`batch ${n}: ${r.detail}`);
  return r.commits;
}

const packs = (dir: string) => readdirSync(join(dir, ".git/objects/pack")).filter((n) => n.endsWith(".pack")).sort();
const loose = (dir: string) => Number(/^count: (\d+)$/m.exec(git(dir, "count-objects", "-v"))![1]);
const reachable = (dir: string) => git(dir, "rev-list", "HEAD").trim().split("\n");

describe("a batch leaves one pack", () => {
  it("even a single save: no loose objects (fast-import's unpackLimit is 0)", async () => {
    const dir = repo();
    const before = loose(dir);
    await batch(dir, 1);
    expect(packs(dir)).toHaveLength(1);
    expect(loose(dir)).toBe(before);
    await batch(dir, 2, 3);
    expect(packs(dir)).toHaveLength(2);
    expect(loose(dir)).toBe(before);
    expect(commonDirOf(dir)).toBe(join(dir, ".git"));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("pack upkeep between batches", () => {
  it("40 batches with a limit of 5: never more than 6 packs after a batch's upkeep, every commit reachable, fsck clean, nothing pruned", async () => {
    const dir = repo();
    // An object nothing refers to, in a pack of its own: a roll-up must keep it (only gc prunes, after two weeks).
    const orphanText = "一个没有被引用的对象\n";
    const unreferenced = execFileSync("git", ["hash-object", "-w", "--stdin"], { cwd: dir, input: orphanText, encoding: "utf8" }).trim();
    execFileSync("git", ["pack-objects", "-q", ".git/objects/pack/pack"], { cwd: dir, input: `${unreferenced}\n` });
    git(dir, "prune-packed");
    const upkeep = new PackUpkeep(5);
    const made: string[] = [];
    let rollUps = 0;
    for (let n = 1; n <= 40; n++) {
      made.push(...await batch(dir, n, 1 + (n % 3)));
      const out = await upkeep.afterBatch(runner.run, dir, commonDirOf(dir));
      if (out.ran) {
        expect(out).toMatchObject({ ok: true });
        rollUps++;
      }
      expect(packs(dir).length).toBeLessThanOrEqual(6);
    }
    expect(rollUps).toBeGreaterThanOrEqual(5);
    const all = reachable(dir);
    for (const id of made) expect(all).toContain(id);
    expect(all).toHaveLength(made.length + 1);
    expect(spawnSync("git", ["fsck", "--strict", "--no-dangling"], { cwd: dir, encoding: "utf8" }).status).toBe(0);
    expect(execFileSync("git", ["cat-file", "-p", unreferenced], { cwd: dir, encoding: "utf8" })).toBe(orphanText);
    expect(git(dir, "log", "-1", "--format=%an|%s").trim()).toBe("李老师|records: t01 40.1");
    expect(git(dir, "status", "--porcelain")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });

  it("a running git gc (its gc.pid) is waited for; a gc.pid left 12 hours ago is not", async () => {
    const dir = repo();
    const upkeep = new PackUpkeep(2);
    for (let n = 1; n <= 3; n++) await batch(dir, n);
    writeFileSync(join(dir, ".git/gc.pid"), "12345 other-host\n");
    expect(gcRunning(join(dir, ".git"))).toBe(true);
    expect(await upkeep.afterBatch(runner.run, dir, commonDirOf(dir))).toEqual({ ran: false, packs: 3, why: "gc" });
    await batch(dir, 4);
    expect(packs(dir)).toHaveLength(4);
    const old = new Date(Date.now() - 13 * 3600_000);
    utimesSync(join(dir, ".git/gc.pid"), old, old);
    const out = await upkeep.afterBatch(runner.run, dir, commonDirOf(dir));
    expect(out).toMatchObject({ ran: true, ok: true, before: 4 });
    expect(packs(dir)).toHaveLength(1);
    expect(reachable(dir)).toHaveLength(5);
    rmSync(dir, { recursive: true, force: true });
  });

  it("the most a roll-up may write: the small packs, or everything when they hold at least half the largest", () => {
    expect(rollUpBytes([])).toBe(0);
    expect(rollUpBytes([1000])).toBe(0);
    expect(rollUpBytes([1000, 10, 20, 30])).toBe(180);
    expect(rollUpBytes([1000, 300, 200])).toBe(1500);
    expect(rollUpBytes([100, 100])).toBe(200);
  });

  it("packCount of a folder that cannot be listed is 0; an unknown folder is never rolled up", async () => {
    expect(packCount(join(tmpdir(), "no-such-yanxiu-repo"))).toBe(0);
    expect(await new PackUpkeep(0).afterBatch(runner.run, tmpdir(), undefined)).toEqual({ ran: false, packs: 0, why: "few" });
  });
});

describe("a roll-up on a full disk", () => {
  const skip = process.getuid?.() !== 0 ? "not root, so no tmpfs can be mounted" : "";
  let mountPoint = "";
  afterAll(() => {
    if (!mountPoint) return;
    spawnSync("umount", [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it("fails and changes nothing: the same packs, every commit reachable, no temporary pack left; tried again after more packs, and works once space is freed", async () => {
    if (skip) {
      console.warn(`[pack upkeep full disk] SKIPPED: ${skip}`);
      return;
    }
    mountPoint = mkdtempSync(join(tmpdir(), "yanxiu-tmpfs-"));
    const m = spawnSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint], { encoding: "utf8" });
    if (m.status !== 0) {
      console.warn(`[pack upkeep full disk] SKIPPED: mount -t tmpfs failed: ${m.stderr.trim()}`);
      mountPoint = "";
      return;
    }
    const dir = repo(mountPoint);
    const made: string[] = [];
    for (let n = 1; n <= 4; n++) made.push(...await batch(dir, n, 2));
    const before = packs(dir);
    expect(before).toHaveLength(4);
    // Less free space than a roll-up may write plus the saves' reserve (32 MB, more than this disk): it waits.
    expect(await new PackUpkeep(3).afterBatch(runner.run, dir, commonDirOf(dir))).toEqual({ ran: false, packs: 4, why: "space" });
    // Another git's temporary pack, there before the roll-up: left alone.
    const othersTemp = join(dir, ".git/objects/pack/tmp_pack_other1");
    writeFileSync(othersTemp, "");
    // With no reserve asked, the roll-up meets the full disk itself: git refuses, and leaves a temporary pack, which is removed.
    const filler = join(mountPoint, "filler");
    spawnSync("dd", ["if=/dev/zero", `of=${filler}`, "bs=4k"], { encoding: "utf8" });
    const upkeep = new PackUpkeep(3, Number.NEGATIVE_INFINITY);
    const out = await upkeep.afterBatch(runner.run, dir, commonDirOf(dir));
    expect(out).toMatchObject({ ran: true, ok: false, before: 4, packs: 4 });
    expect(packs(dir)).toEqual(before);
    expect(readdirSync(join(dir, ".git/objects/pack")).filter((n) => !/^pack-[0-9a-f]+\.(pack|idx|rev)$/.test(n))).toEqual(["tmp_pack_other1"]);
    rmSync(othersTemp);
    expect(reachable(dir)).toHaveLength(made.length + 1);
    expect(spawnSync("git", ["fsck", "--no-dangling"], { cwd: dir, encoding: "utf8" }).status).toBe(0);
    // Not tried again at once: only once 3 more packs have come.
    expect(await upkeep.afterBatch(runner.run, dir, commonDirOf(dir))).toEqual({ ran: false, packs: 4, why: "backoff" });
    rmSync(filler);
    for (let n = 5; n <= 7; n++) {
      made.push(...await batch(dir, n));
      const again = await upkeep.afterBatch(runner.run, dir, commonDirOf(dir));
      if (n < 7) expect(again).toMatchObject({ ran: false, why: "backoff" });
      else expect(again).toMatchObject({ ran: true, ok: true, before: 7 });
    }
    expect(packs(dir)).toHaveLength(1);
    expect(reachable(dir)).toHaveLength(made.length + 1);
    expect(spawnSync("git", ["fsck", "--no-dangling"], { cwd: dir, encoding: "utf8" }).status).toBe(0);
  });
});
