import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeReadFs, type FileStat, type ReadFs } from "../repo/fs.js";
import { listYamlFiles } from "../repo/layout.js";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { openResultCache, stampRepo } from "./results.js";

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeDir));

/** A school of a config, two record files and an evidence file; its key file beside it. */
function repo(): { dir: string; env: Record<string, string> } {
  const dir = tempDir("yanxiu-observed-");
  made.push(dir, `${dir}-key`);
  mkdirSync(join(dir, "records", "t1"), { recursive: true });
  mkdirSync(join(dir, "evidence"));
  writeFileSync(join(dir, "yanxiu.yaml"), "school: x\n");
  writeFileSync(join(dir, "records", "t1", "a.yaml"), "records: []\n");
  writeFileSync(join(dir, "records", "t1", "b.yaml"), "records: []\n");
  writeFileSync(join(dir, "evidence", "c.pdf"), "pdf");
  return { dir, env: { YANXIU_CACHE_KEY_FILE: `${dir}-key` } };
}

/** node:fs counting lstat calls by path; with `frozen`, every file claims the same stats whatever its content. */
function counting(frozen = false): ReadFs & { lstats: string[] } {
  const freeze = (st: FileStat): FileStat => (frozen ? { ...st, size: 12, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7, isFile: () => st.isFile(), isDirectory: () => st.isDirectory(), isSymbolicLink: () => st.isSymbolicLink() } : st);
  const lstats: string[] = [];
  return {
    ...nodeReadFs,
    lstats,
    lstatSync: (p) => (lstats.push(p), freeze(nodeReadFs.lstatSync(p))),
    statSync: (p) => freeze(nodeReadFs.statSync(p)),
  };
}

/** What the load does with a record file: an lstat, then its bytes. */
function load(fs: ReadFs, path: string): string {
  fs.lstatSync(path);
  return Buffer.from(fs.readFileSync(path)).toString("utf8");
}

describe("a cold run's stamp, taken from its own looks at the files", () => {
  it("looks at no record file when there is no entry to judge, and the entry it puts is found by a warm run", () => {
    const { dir, env } = repo();
    const fs = counting();
    const cold = openResultCache(dir, { env, fs })!;
    expect(cold.get(["check"])).toBeUndefined();
    // Only the files the load does not read were stamped: the config and the evidence.
    expect(fs.lstats.map((p) => p.slice(dir.length + 1)).sort()).toEqual(["evidence/c.pdf", "yanxiu.yaml"]);
    for (const f of ["a", "b"]) load(cold.readFs, join(dir, "records", "t1", `${f}.yaml`));
    // One lstat per record file: the load's own (the stamp took its row from it).
    expect(fs.lstats.filter((p) => p.includes("records")).length).toBe(2);
    cold.put(["check"], { problems: 3 });
    expect(openResultCache(dir, { env })!.get(["check"])).toEqual({ problems: 3 });
  });

  it("takes a record file's row from the stats of the open the load read it through: no lstat at all", () => {
    const { dir, env } = repo();
    const fs = counting();
    const cold = openResultCache(dir, { env, fs })!;
    for (const f of ["a", "b"]) expect(Buffer.from(cold.readFs.readPlainFile!(join(dir, "records", "t1", `${f}.yaml`), 100).bytes!).toString("utf8")).toBe("records: []\n");
    expect(fs.lstats.filter((p) => p.includes("records"))).toEqual([]);
    cold.put(["check"], { problems: 2 });
    expect(openResultCache(dir, { env })!.get(["check"])).toEqual({ problems: 2 });
  });

  it("makes the same digest as a stamp of every file taken before the run", () => {
    const { dir, env } = repo();
    const before = stampRepo(dir, nodeReadFs, Date.now() + 60_000);
    const cold = openResultCache(dir, { env, now: () => Date.now() + 60_000 })!;
    load(cold.readFs, join(dir, "records", "t1", "a.yaml")); // b.yaml never looked at: stamped at the end
    cold.put(["p"], 1);
    const written = openResultCache(dir, { env, now: () => Date.now() + 60_000 })!;
    expect(written.get(["p"])).toBe(1);
    expect(stampRepo(dir, nodeReadFs, Date.now() + 60_000).digest).toBe(before.digest);
  });

  it("misses next time when a file changed after the run looked at it, before the entry was put", () => {
    const { dir, env } = repo();
    const cold = openResultCache(dir, { env })!;
    const a = join(dir, "records", "t1", "a.yaml");
    load(cold.readFs, a);
    writeFileSync(a, "records: [1, 2, 3]\n"); // another size: the row taken at the look says otherwise
    cold.put(["check"], { problems: 0 });
    expect(openResultCache(dir, { env })!.get(["check"])).toBeUndefined();
  });

  it("compares a racy file by the bytes the run read, not by what is there when the entry is put", () => {
    const { dir, env } = repo();
    const fs = counting(true);
    const racyNow = () => 1_000_500;
    const cold = openResultCache(dir, { env, fs, now: racyNow })!;
    const a = join(dir, "records", "t1", "a.yaml");
    expect(load(cold.readFs, a)).toBe("records: []\n");
    // Changed within the clock tick: same size, times and inode; the result was made from the old bytes.
    writeFileSync(a, "records: [9]");
    cold.put(["check"], { problems: 0 });
    expect(openResultCache(dir, { env, fs, now: () => 9_000_000 })!.get(["check"])).toBeUndefined();
    // Made again from the bytes there now, it is found.
    const again = openResultCache(dir, { env, fs, now: racyNow })!;
    load(again.readFs, a);
    again.put(["check"], { problems: 1 });
    expect(openResultCache(dir, { env, fs, now: () => 9_000_000 })!.get(["check"])).toEqual({ problems: 1 });
  });

  it("stamps files outside records and sessions when the cache opens, so a change during the run is a miss", () => {
    const { dir, env } = repo();
    const cold = openResultCache(dir, { env })!;
    writeFileSync(join(dir, "evidence", "c.pdf"), "a longer pdf"); // a check may have looked at it already
    cold.put(["check"], { problems: 0 });
    expect(openResultCache(dir, { env })!.get(["check"])).toBeUndefined();
  });

  it("lists for the load what the stamp listed: a file added during the run is neither loaded nor stamped, and the next run misses", () => {
    const { dir, env } = repo();
    const cold = openResultCache(dir, { env })!;
    writeFileSync(join(dir, "records", "t1", "new.yaml"), "records: []\n");
    expect(listYamlFiles(dir, "records", cold.readFs)).toEqual(["records/t1/a.yaml", "records/t1/b.yaml"]);
    expect(listYamlFiles(dir, "records", nodeReadFs)).toContain("records/t1/new.yaml");
    cold.put(["check"], { problems: 0 });
    expect(openResultCache(dir, { env })!.get(["check"])).toBeUndefined();
  });
});
