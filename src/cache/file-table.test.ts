import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeReadFs } from "../repo/fs.js";
import { changedPaths, isFileTable, onlyPlainFiles, takeFileTable } from "./file-table.js";
import { contentHash } from "./stamp-stream.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "yanxiu-table-"));
  mkdirSync(join(root, "records", "t1"), { recursive: true });
  mkdirSync(join(root, ".git"));
  writeFileSync(join(root, ".git", "HEAD"), "x");
  writeFileSync(join(root, "roster.yaml"), "r");
  writeFileSync(join(root, "records", "t1", "a.yaml"), "a");
  writeFileSync(join(root, "records", "t1", "b.yaml"), "b");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const HOUR = 3_600_000;
const table = (now = Date.now()) => takeFileTable(root, nodeReadFs, now);
const hashNow = (rel: string) => contentHash(nodeReadFs, join(root, rel));

describe("the table of files", () => {
  it("lists every file (not .git, not folders) with its numbers, in sorted walk order", () => {
    const t = table(Date.now() + HOUR);
    expect(t.paths).toEqual(["records/t1/a.yaml", "records/t1/b.yaml", "roster.yaml"]);
    expect(t.numbers).toHaveLength(15);
    expect(t.racy).toEqual({}); // an hour later nothing is racy
    expect(isFileTable(JSON.parse(JSON.stringify(t)))).toBe(true);
    expect(isFileTable({ paths: ["a"], numbers: [0], racy: {} })).toBe(false);
    expect(onlyPlainFiles(t)).toBe(true);
  });

  it("names the files added, deleted and changed; a touch changes the numbers", () => {
    const before = table(Date.now() + HOUR);
    writeFileSync(join(root, "records", "t1", "c.yaml"), "c");
    rmSync(join(root, "records", "t1", "a.yaml"));
    writeFileSync(join(root, "roster.yaml"), "rr");
    const later = new Date(Date.now() + 10_000);
    utimesSync(join(root, "records", "t1", "b.yaml"), later, later);
    expect(changedPaths(before, table(Date.now() + HOUR), hashNow).sort()).toEqual(["records/t1/a.yaml", "records/t1/b.yaml", "records/t1/c.yaml", "roster.yaml"]);
  });

  it("finds changes before, at and after the place where a file was added or deleted", () => {
    const before = table(Date.now() + HOUR);
    const later = new Date(Date.now() + 10_000);
    utimesSync(join(root, "records", "t1", "a.yaml"), later, later); // before the new file: compared in place
    writeFileSync(join(root, "records", "t1", "aa.yaml"), "aa"); // added between a and b
    utimesSync(join(root, "roster.yaml"), later, later); // after it: compared by path
    const now = table(Date.now() + HOUR);
    expect(changedPaths(before, now, hashNow)).toEqual(["records/t1/a.yaml", "records/t1/aa.yaml", "roster.yaml"]);
    rmSync(join(root, "records", "t1", "aa.yaml"));
    rmSync(join(root, "records", "t1", "b.yaml"));
    expect(changedPaths(now, table(Date.now() + HOUR), hashNow)).toEqual(["records/t1/aa.yaml", "records/t1/b.yaml"]);
    expect(changedPaths(now, now, hashNow)).toEqual([]);
  });

  it("compares a racy file by content when its numbers are the same", () => {
    const before = table(Date.now());
    expect(Object.keys(before.racy).sort()).toEqual(["records/t1/a.yaml", "records/t1/b.yaml", "roster.yaml"]);
    const same = table(Date.now() + HOUR);
    expect(changedPaths(before, same, hashNow)).toEqual([]);
    // An edit that keeps size and numbers (as one within the same tick can): found by its content.
    const forged = { ...before, racy: { ...before.racy, "roster.yaml": "not its hash" } };
    expect(changedPaths(forged, same, hashNow)).toEqual(["roster.yaml"]);
  });

  it("says when a link is in the tree", () => {
    symlinkSync(join(root, "roster.yaml"), join(root, "records", "t1", "link.yaml"));
    expect(onlyPlainFiles(table())).toBe(false);
  });
});
