import { mkdirSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeReadFs, type FileStat, type ReadFs } from "../repo/fs.js";
import { listYamlFiles } from "../repo/layout.js";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { writeStampShapes } from "../../test/helpers/stamp-shapes.js";
import { coldStamp } from "./cold-stamp.js";
import { openResultCache, stampRepo } from "./results.js";

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeDir));

/** A school with the shapes a stamp must tell apart; its key file beside it. */
function repo(): { dir: string; env: Record<string, string> } {
  const dir = tempDir("yanxiu-cold-stamp-");
  made.push(dir, `${dir}-key`);
  writeStampShapes(dir, {
    "records/2024-2025-1/t2.yml": "records: [1]\n",
    "records/2024-2025-1/B.yaml": "records: [2]\n",
    "records/2024-2025-1/a.yaml": "records: [3]\n",
    "records/notes.txt": "not a record\n",
  });
  return { dir, env: { YANXIU_CACHE_KEY_FILE: `${dir}-key` } };
}

const records = (dir: string) => listYamlFiles(dir, "records", nodeReadFs).concat(listYamlFiles(dir, "sessions", nodeReadFs));

/** What the load does with a record file: one open (fstat, then the bytes); a link the ordinary way. */
function load(fs: ReadFs, path: string): string | undefined {
  try {
    return Buffer.from(fs.readPlainFile!(path, 1 << 20).bytes!).toString("utf8");
  } catch {
    fs.lstatSync(path);
    return Buffer.from(fs.readFileSync(path)).toString("utf8");
  }
}

/** node:fs counting lstats by path; with `frozen`, every file claims the same stats whatever its content. */
function counting(frozen = false): ReadFs & { lstats: string[] } {
  const freeze = (st: FileStat): FileStat => (frozen ? { ...st, size: 12, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7, isFile: () => st.isFile(), isDirectory: () => st.isDirectory(), isSymbolicLink: () => st.isSymbolicLink() } : st);
  const lstats: string[] = [];
  return {
    ...nodeReadFs,
    lstats,
    lstatSync: (p) => (lstats.push(p), freeze(nodeReadFs.lstatSync(p))),
    statSync: (p) => freeze(nodeReadFs.statSync(p)),
    readPlainFile: (p, max) => {
      const got = nodeReadFs.readPlainFile!(p, max);
      return { ...got, stat: freeze(got.stat) };
    },
  };
}

describe("the stamp of a cold run, taken from its own looks at the files", () => {
  it("passes the load's one read buffer on, and hashes each racy file before the next read overwrites it", () => {
    const { dir } = repo();
    const now = Date.now(); // every file racy: each one's hash is taken from the bytes read
    const cold = coldStamp(dir, nodeReadFs, now);
    const shared = Buffer.alloc(1 << 10);
    for (const rel of records(dir)) {
      let got: Uint8Array | undefined;
      try {
        got = cold.readFs.readPlainFile!(join(dir, rel), 1 << 20, shared).bytes;
      } catch {
        continue; // the link: the load reads it the ordinary way, not into the buffer
      }
      expect(got!.buffer).toBe(shared.buffer);
    }
    const warm = stampRepo(dir, nodeReadFs, now);
    expect(Object.keys(warm.racy).length).toBeGreaterThan(5);
    expect(cold.stamp()).toEqual(warm);
  });

  for (const [name, ahead] of [["settled files", 60_000], ["racy files (all changed just now)", 0]] as const) {
    it(`is the very stamp a warm run takes of the same files: ${name}`, () => {
      const { dir } = repo();
      const now = Date.now() + ahead;
      const cold = coldStamp(dir, nodeReadFs, now);
      const files = records(dir);
      // Some read in one open, one looked at by an lstat only, one never looked at.
      for (const rel of files.slice(2)) load(cold.readFs, join(dir, rel));
      cold.readFs.lstatSync(join(dir, files[0]!));
      const warm = stampRepo(dir, nodeReadFs, now);
      expect(cold.stamp()).toEqual(warm);
      if (ahead === 0) expect(Object.keys(warm.racy)).toContain("records/2024-2025-1/t1.yaml");
    });
  }

  it("is the same stamp when the file system lists folders only as a tree, and in another order", () => {
    const { dir } = repo();
    const now = Date.now() + 60_000;
    const { listFolder: _, ...treeOnly } = nodeReadFs;
    const reversed: ReadFs = { ...nodeReadFs, listFolder: (d) => nodeReadFs.listFolder!(d).reverse() };
    for (const fs of [treeOnly, reversed]) {
      const cold = coldStamp(dir, fs, now);
      for (const rel of records(dir)) load(cold.readFs, join(dir, rel));
      expect(cold.stamp()).toEqual(stampRepo(dir, nodeReadFs, now));
    }
  });

  it("puts an entry a later warm run finds, having stamped no record or session file itself", () => {
    const { dir, env } = repo();
    const fs = counting();
    const cold = openResultCache(dir, { env, fs })!;
    expect(cold.get(["check"])).toBeUndefined();
    void cold.readFs; // the run takes its file system at once, as check and score do
    // Only the files the load does not read were looked at: config, roster, evidence, links, others.
    const looked = fs.lstats.map((p) => p.slice(dir.length + 1)).sort();
    expect(looked).toEqual(["evidence/dangling.pdf", "evidence/t1/a.pdf", "records/2024-2025-1/link.yaml", "records/notes.txt", "roster.yaml", "yanxiu.yaml"]);
    for (const rel of records(dir)) load(cold.readFs, join(dir, rel));
    cold.put(["check"], { problems: 3 });
    // The load's one open per file was the stamp's look: no lstat of a record file but the link's.
    expect(fs.lstats.filter((p) => p.includes("records/") || p.includes("sessions/")).map((p) => p.slice(dir.length + 1)).sort()).toEqual(["records/2024-2025-1/link.yaml", "records/2024-2025-1/link.yaml", "records/notes.txt"]);
    expect(openResultCache(dir, { env })!.get(["check"])).toEqual({ problems: 3 });
  });

  it("misses next time when a file changed after the run read it, before the entry was put", () => {
    const { dir, env } = repo();
    const cold = openResultCache(dir, { env })!;
    expect(cold.get(["check"])).toBeUndefined();
    void cold.readFs; // the run takes its file system at once, as check and score do
    const a = join(dir, "records", "2024-2025-1", "a.yaml");
    load(cold.readFs, a);
    writeFileSync(a, "records: [1, 2, 3]\n");
    cold.put(["check"], { problems: 0 });
    expect(openResultCache(dir, { env })!.get(["check"])).toBeUndefined();
  });

  it("misses next time when a file read was replaced by one of the same size and mtime", () => {
    const { dir, env } = repo();
    const cold = openResultCache(dir, { env })!;
    expect(cold.get(["check"])).toBeUndefined();
    void cold.readFs; // the run takes its file system at once, as check and score do
    const a = join(dir, "records", "2024-2025-1", "a.yaml");
    for (const rel of records(dir)) load(cold.readFs, join(dir, rel));
    const before = statSync(a);
    writeFileSync(`${a}.new`, "records: [9]\n");
    utimesSync(`${a}.new`, before.atime, before.mtime);
    renameSync(`${a}.new`, a);
    cold.put(["check"], { problems: 0 });
    expect(openResultCache(dir, { env })!.get(["check"])).toBeUndefined();
  });

  it("compares a racy file by the bytes the run read, not by what is there when the entry is put", () => {
    const { dir, env } = repo();
    const fs = counting(true);
    const racyNow = () => 1_000_500;
    const cold = openResultCache(dir, { env, fs, now: racyNow })!;
    expect(cold.get(["check"])).toBeUndefined();
    void cold.readFs; // the run takes its file system at once, as check and score do
    const a = join(dir, "records", "2024-2025-1", "a.yaml");
    expect(load(cold.readFs, a)).toBe("records: [3]\n");
    // Changed within the clock tick: same size, times and inode; the result was made from the old bytes.
    writeFileSync(a, "records: [8]\n");
    cold.put(["check"], { problems: 0 });
    expect(openResultCache(dir, { env, fs, now: () => 9_000_000 })!.get(["check"])).toBeUndefined();
    // Made again from the bytes there now, it is found.
    const again = openResultCache(dir, { env, fs, now: racyNow })!;
    expect(again.get(["check"])).toBeUndefined();
    void again.readFs; // the run takes its file system at once, as check and score do
    load(again.readFs, a);
    again.put(["check"], { problems: 1 });
    expect(openResultCache(dir, { env, fs, now: () => 9_000_000 })!.get(["check"])).toEqual({ problems: 1 });
  });

  it("stamps the files the load does not read when the run takes its file system, so a change during the run is a miss", () => {
    for (const rel of ["evidence/t1/a.pdf", "yanxiu.yaml", "roster.yaml", "records/notes.txt"]) {
      const { dir, env } = repo();
      const cold = openResultCache(dir, { env })!;
      expect(cold.get(["check"])).toBeUndefined();
      void cold.readFs; // the run takes its file system at once, as check and score do
      writeFileSync(join(dir, rel), "a longer text than before\n"); // a check may have looked at it already
      cold.put(["check"], { problems: 0 });
      expect(openResultCache(dir, { env })!.get(["check"]), rel).toBeUndefined();
    }
  });

  it("sees a link led elsewhere after the run looked at it", () => {
    const { dir, env } = repo();
    const cold = openResultCache(dir, { env })!;
    expect(cold.get(["check"])).toBeUndefined();
    void cold.readFs; // the run takes its file system at once, as check and score do
    const link = join(dir, "records", "2024-2025-1", "link.yaml");
    for (const rel of records(dir)) load(cold.readFs, join(dir, rel));
    rmSync(link);
    symlinkSync("t2.yml", link);
    cold.put(["check"], { problems: 0 });
    expect(openResultCache(dir, { env })!.get(["check"])).toBeUndefined();
  });

  it("lists for the load what the stamp listed: a file added during the run is neither loaded nor stamped, and the next run misses", () => {
    const { dir, env } = repo();
    const cold = openResultCache(dir, { env })!;
    expect(cold.get(["check"])).toBeUndefined();
    void cold.readFs; // the run takes its file system at once, as check and score do
    writeFileSync(join(dir, "records", "2024-2025-1", "new.yaml"), "records: []\n");
    expect(listYamlFiles(dir, "records", cold.readFs)).not.toContain("records/2024-2025-1/new.yaml");
    expect(listYamlFiles(dir, "records", cold.readFs)).toEqual(listYamlFiles(dir, "records", nodeReadFs).filter((f) => !f.endsWith("new.yaml")));
    cold.put(["check"], { problems: 0 });
    expect(openResultCache(dir, { env })!.get(["check"])).toBeUndefined();
  });

  it("puts nothing when a record file the run never looked at turned into a folder", () => {
    const { dir, env } = repo();
    const cold = openResultCache(dir, { env })!;
    expect(cold.get(["check"])).toBeUndefined();
    void cold.readFs; // the run takes its file system at once, as check and score do
    const b = join(dir, "records", "2024-2025-1", "B.yaml");
    rmSync(b);
    mkdirSync(b);
    cold.put(["check"], { problems: 0 });
    expect(openResultCache(dir, { env })!.get(["check"])).toBeUndefined();
    rmSync(b, { recursive: true });
    writeFileSync(b, "records: [2]\n");
  });

  it("lists nothing for a miss whose run never computes: check's kept output missed, its whole entry found", () => {
    const { dir, env } = repo();
    const first = openResultCache(dir, { env })!;
    expect(first.get(["check"])).toBeUndefined();
    for (const rel of records(dir)) load(first.readFs, join(dir, rel));
    first.put(["check"], { problems: 3 });
    let listed = 0;
    const fs: ReadFs = { ...nodeReadFs, listFolder: (p) => (listed++, nodeReadFs.listFolder!(p)) };
    const warm = openResultCache(dir, { env, fs })!;
    expect(warm.get(["check-output"])).toBeUndefined();
    expect(warm.get(["check"])).toEqual({ problems: 3 });
    warm.put(["check-output"], { out: "" }); // under the whole stamp the hit was judged by
    expect(listed).toBe(0);
    expect(openResultCache(dir, { env })!.get(["check-output"])).toEqual({ out: "" });
  });

  it("judges a stale entry by a whole stamp taken before the run, and puts the new one under it", () => {
    const { dir, env } = repo();
    const first = openResultCache(dir, { env })!;
    expect(first.get(["check"])).toBeUndefined();
    void first.readFs; // the run takes its file system at once, as check and score do
    first.put(["check"], { problems: 1 });
    writeFileSync(join(dir, "records", "2024-2025-1", "a.yaml"), "records: [3, 4]\n");
    const fs = counting();
    const second = openResultCache(dir, { env, fs })!;
    expect(second.get(["check"])).toBeUndefined();
    void second.readFs; // the run takes its file system at once, as check and score do
    expect(second.readFs).toBe(fs); // the whole stamp is taken: nothing to observe
    second.put(["check"], { problems: 2 });
    expect(openResultCache(dir, { env })!.get(["check"])).toEqual({ problems: 2 });
  });
});
