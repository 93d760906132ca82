/** The table of files taken from the whole stamp's walk (results.ts `stampRepo` with rows) is the table a walk of its own takes. */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeReadFs, type ReadFs } from "../repo/fs.js";
import { writeStampShapes } from "../../test/helpers/stamp-shapes.js";
import { changedPaths, onlyPlainFiles, takeFileTable, type TableRows } from "./file-table.js";
import { nodeFastLstat } from "./fast-lstat.js";
import { openResultCache, stampRepo } from "./results.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "yanxiu-stamp-table-"));
  writeStampShapes(dir);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}-key`, { force: true });
});

const HOUR = 3_600_000;

function stampTable(now: number, fast: boolean, fs: ReadFs = nodeReadFs) {
  const rows: { current?: TableRows } = {};
  const stamp = stampRepo(dir, fs, now, fast ? nodeFastLstat() : undefined, rows);
  return rows.current!.table(stamp.racy);
}

describe("the table of files from the stamp's walk", () => {
  for (const fast of [false, true]) {
    it(`is the table a walk of its own takes: links, evidence, a Chinese name, racy hashes (${fast ? "fast" : "plain"} lstat)`, () => {
      const now = Date.now();
      const own = takeFileTable(dir, nodeReadFs, now);
      expect(own.paths).toContain("records/2024-2025-1/link.yaml");
      expect(Object.keys(own.racy).length).toBeGreaterThan(0); // written just now: racy
      expect(stampTable(now, fast)).toEqual(own);
      const later = takeFileTable(dir, nodeReadFs, now + HOUR);
      expect(later.racy).toEqual({});
      expect(stampTable(now + HOUR, fast)).toEqual(later);
    });
  }

  it("tells the same changes as a walk of its own", () => {
    const before = stampTable(Date.now() + HOUR, true)!;
    writeFileSync(join(dir, "records", "2024-2025-1", "t2.yaml"), "records: []\n");
    rmSync(join(dir, "records", "2024-2025-1", "张老师.yaml"));
    const t = new Date(Date.now() + 10_000);
    utimesSync(join(dir, "sessions", "2024-2025-1", "g1.yaml"), t, t);
    const hashNow = () => undefined;
    const now = stampTable(Date.now() + HOUR, true)!;
    expect(changedPaths(before, now, hashNow).sort()).toEqual(["records/2024-2025-1/t2.yaml", "records/2024-2025-1/张老师.yaml", "sessions/2024-2025-1/g1.yaml"]);
    expect(changedPaths(before, takeFileTable(dir, nodeReadFs, Date.now() + HOUR), hashNow).sort()).toEqual(changedPaths(before, now, hashNow).sort());
    expect(onlyPlainFiles(now)).toBe(false); // the links
  });

  it("is none when a file went between the listing and its stat (a walk of its own throws then)", () => {
    const gone = join(dir, "records", "2024-2025-1", "t1.yaml");
    const racing: ReadFs = { ...nodeReadFs, lstatSync: ((p: string) => (p === gone ? (() => { throw Object.assign(new Error("ENOENT"), { code: "ENOENT" }); })() : nodeReadFs.lstatSync(p))) as ReadFs["lstatSync"] };
    expect(stampTable(Date.now() + HOUR, false, racing)).toBeUndefined();
    expect(() => takeFileTable(dir, racing, Date.now() + HOUR)).toThrow();
  });

  it("is the cache's table, taken with its whole stamp when an entry for the purpose named is there, and handed on with it", () => {
    const env = { YANXIU_CACHE_KEY_FILE: `${dir}-key` };
    const at = 7_000_000_000_000;
    const open = (more: Partial<Parameters<typeof openResultCache>[1]> = {}) => openResultCache(dir, { env, now: () => at, ...more })!;
    // No entry for the purpose named: the walk is not kept (a warm run pays nothing for it).
    const none = open();
    none.tableWanted(["incremental"]);
    none.get(["check"]);
    expect(none.fileTable()).toBeUndefined();
    open().put(["incremental"], { kept: true });
    const taken: { now: number; rows?: TableRows }[] = [];
    const cache = open({ tookStamp: (s) => taken.push(s) });
    cache.tableWanted(["incremental"]);
    expect(cache.fileTable()).toEqual(takeFileTable(dir, nodeReadFs, at));
    expect(taken).toHaveLength(1);
    const again = open({ stampTaken: { now: at, stamp: stampRepo(dir, nodeReadFs, at), rows: taken[0]!.rows } });
    expect(again.fileTable()).toEqual(cache.fileTable());
    // A stamp handed on without its rows: no table (the caller walks for its own).
    expect(open({ stampTaken: { now: at, stamp: stampRepo(dir, nodeReadFs, at) } }).fileTable()).toBeUndefined();
  });
});
