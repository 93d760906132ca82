import { execFileSync, spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeReadFs, type ReadFs } from "../repo/fs.js";
import { ensureBuilt } from "../../test/helpers/build.js";
import { REPO_ROOT, removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { writeStampShapes } from "../../test/helpers/stamp-shapes.js";
import { CTIME, INO, MODE, MTIME, nodeFastLstat, plainFastLstat, SIZE, type FastLstat } from "./fast-lstat.js";
import { openResultCache, stampRepo } from "./results.js";

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeDir));

/** A school with every shape a stamp must tell apart: nested folders, links of each kind, a FIFO. */
function repo(): string {
  const dir = tempDir("yanxiu-fast-lstat-");
  made.push(dir, `${dir}-key`);
  writeStampShapes(dir, { "records/2024-2025-1/t2.yaml": "records: [1]\n" });
  symlinkSync("t1", join(dir, "evidence", "folder-link"));
  execFileSync("mkfifo", [join(dir, "evidence", "fifo")]);
  return dir;
}

/** The fast lstat, counting the names it was asked for. */
function counted(fast: FastLstat): FastLstat & { asked: string[] } {
  const asked: string[] = [];
  return { ...fast, asked, lstat: (name, out) => (asked.push(name), fast.lstat(name, out)) };
}

const fast = () => {
  const f = nodeFastLstat();
  if (!f) throw new Error("node's fast lstat is expected on Linux and node 20");
  return f;
};

describe("node's fast lstat", () => {
  it("gives the numbers fs.lstatSync gives, for a file, a folder, a link and nothing", () => {
    const dir = repo();
    const f = fast();
    const out = new Float64Array(5);
    const cwd = process.cwd();
    f.enter(join(dir, "records", "2024-2025-1"));
    try {
      for (const name of ["t1.yaml", "a-b", "link.yaml", "张老师.yaml"]) {
        expect(f.lstat(name, out), name).toBe(true);
        const st = lstatSync(join(dir, "records", "2024-2025-1", name));
        expect([...out], name).toEqual([st.mode, st.size, st.mtimeMs, st.ctimeMs, st.ino]);
      }
      expect(f.lstat("missing.yaml", out)).toBe(false);
      expect(() => f.lstat("t1.yaml/below", out)).toThrow(); // ENOTDIR: an error, not "nothing there"
    } finally {
      f.done();
    }
    expect(process.cwd()).toBe(cwd);
  });

  it("prints no warning under --pending-deprecation, where it is not used", () => {
    ensureBuilt();
    const script = `import("${join(REPO_ROOT, "dist", "cache", "fast-lstat.js")}").then((m) => console.log(m.nodeFastLstat() === undefined))`;
    const plain = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect([plain.stdout, plain.stderr]).toEqual(["false\n", ""]);
    const pending = spawnSync(process.execPath, ["--pending-deprecation", "-e", script], { encoding: "utf8" });
    expect([pending.stdout, pending.stderr]).toEqual(["true\n", ""]);
  });
});

describe("the warm stamp through the fast lstat", () => {
  const both = (dir: string, now: number) => {
    const cwd = process.cwd();
    const f = counted(fast());
    const quick = stampRepo(dir, nodeReadFs, now, f);
    expect(process.cwd()).toBe(cwd);
    expect(f.asked.length).toBeGreaterThan(10); // it was taken, not the plain way
    return { quick, plain: stampRepo(dir, nodeReadFs, now) };
  };

  it("is the plain stamp: settled files, racy files, and after every change a stat shows", () => {
    const dir = repo();
    const later = Date.now() + 60_000;
    const settled = both(dir, later);
    expect(settled.quick).toEqual(settled.plain);
    expect(settled.plain.racy).toEqual({});
    const racy = both(dir, Date.now());
    expect(racy.quick).toEqual(racy.plain);
    expect(Object.keys(racy.plain.racy)).toContain("records/2024-2025-1/t1.yaml");
    expect(Object.keys(racy.plain.racy)).not.toContain("records/2024-2025-1/link.yaml");

    const file = join(dir, "records", "2024-2025-1", "t1.yaml");
    const at = new Date("2026-01-01T00:00:00Z");
    const digests = new Set([settled.plain.digest]);
    const changes: [string, () => void][] = [
      ["mtime", () => utimesSync(file, at, at)],
      ["same size and mtime, written again", () => (writeFileSync(file, "records: [9]"), writeFileSync(file, "records: []\n"), utimesSync(file, at, at))],
      ["replaced", () => (writeFileSync(`${file}.new`, "records: []\n"), utimesSync(`${file}.new`, at, at), renameSync(`${file}.new`, file))],
      ["the link leads elsewhere", () => (rmSync(join(dir, "records", "2024-2025-1", "link.yaml")), symlinkSync("t2.yaml", join(dir, "records", "2024-2025-1", "link.yaml")))],
      ["a file turned folder", () => (rmSync(join(dir, "records", "2024-2025-1", "t2.yaml")), mkdirSync(join(dir, "records", "2024-2025-1", "t2.yaml")))],
      ["a top-level file added", () => writeFileSync(join(dir, "notes.md"), "x")],
    ];
    for (const [what, change] of changes) {
      change();
      const after = both(dir, later);
      expect(after.quick, what).toEqual(after.plain);
      expect(digests.has(after.plain.digest), what).toBe(false);
      digests.add(after.plain.digest);
    }
  });

  it("is not used when it disagrees with fs.lstatSync at the top, or cannot enter a folder: the plain stamp instead", () => {
    const dir = repo();
    const now = Date.now() + 60_000;
    const plain = stampRepo(dir, nodeReadFs, now);
    const node = fast();
    const lying: FastLstat = {
      ...node,
      lstat(name, out) {
        const found = node.lstat(name, out);
        if (name === "roster.yaml") out[SIZE] = out[SIZE]! + 1;
        return found;
      },
    };
    const oldCtime: FastLstat = { ...node, lstat: (name, out) => (node.lstat(name, out), (out[CTIME] = out[MTIME]! - 1), true) };
    const noEnter: FastLstat = { ...node, enter: () => { throw new Error("no chdir in a worker"); } };
    const cwd = process.cwd();
    for (const [what, f] of [["a size off by one", lying], ["another ctime", oldCtime], ["no folder change", noEnter]] as const) {
      expect(stampRepo(dir, nodeReadFs, now, f), what).toEqual(plain);
      expect(process.cwd(), what).toBe(cwd);
    }
    // Numbers in another order (a later node's layout): the mode check alone fails.
    const shuffled: FastLstat = { ...node, lstat: (name, out) => { const found = node.lstat(name, out); [out[MODE], out[INO]] = [out[INO]!, out[MODE]!]; return found; } };
    expect(stampRepo(dir, nodeReadFs, now, shuffled)).toEqual(plain);
  });

  it("is the plain stamp over any lstatSync, and the result cache takes it only over node's own file system", () => {
    const dir = repo();
    const now = Date.now() + 60_000;
    expect(stampRepo(dir, nodeReadFs, now, plainFastLstat(lstatSync))).toEqual(stampRepo(dir, nodeReadFs, now));
    const env = { YANXIU_CACHE_KEY_FILE: `${dir}-key` };
    // An injected file system is never bypassed: every entry lstatted through it.
    const lstats: string[] = [];
    const injected: ReadFs = { ...nodeReadFs, lstatSync: (p) => (lstats.push(p), nodeReadFs.lstatSync(p)) };
    openResultCache(dir, { env, now: () => now }).put(["check"], { problems: 1 });
    expect(openResultCache(dir, { env, fs: injected, now: () => now })!.get(["check"])).toEqual({ problems: 1 });
    expect(lstats).toContain(join(dir, "records", "2024-2025-1", "张老师.yaml"));
    // Given explicitly, it is used (and finds the entry the plain stamp's run put), and null means none.
    const f = counted(fast());
    expect(openResultCache(dir, { env, now: () => now, fastLstat: f })!.get(["check"])).toEqual({ problems: 1 });
    expect(f.asked).toContain("张老师.yaml");
    expect(openResultCache(dir, { env, now: () => now, fastLstat: null })!.get(["check"])).toEqual({ problems: 1 });
  });
});
