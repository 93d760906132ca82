import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { nodeReadFs } from "./fs.js";

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeDir));

describe("nodeReadFs.listTree", () => {
  it("lists every entry with a normal path, however the folder was written, without following links", () => {
    const dir = tempDir("yanxiu-list-");
    made.push(dir);
    mkdirSync(join(dir, "records", "2025-2026-1"), { recursive: true });
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, ".git", "HEAD"), "x");
    writeFileSync(join(dir, "records", "2025-2026-1", "t01.yaml"), "records: []\n");
    symlinkSync(join(dir, "records"), join(dir, "linked"));
    const expected = [
      { path: join(dir, ".git"), isFile: false, isDirectory: true, isSymbolicLink: false },
      { path: join(dir, "linked"), isFile: false, isDirectory: false, isSymbolicLink: true },
      { path: join(dir, "records"), isFile: false, isDirectory: true, isSymbolicLink: false },
      { path: join(dir, "records", "2025-2026-1"), isFile: false, isDirectory: true, isSymbolicLink: false },
      { path: join(dir, "records", "2025-2026-1", "t01.yaml"), isFile: true, isDirectory: false, isSymbolicLink: false },
    ];
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    const prune = (folder: string) => folder.endsWith(".git");
    for (const written of [dir, `${dir}/`, `${dir}//records/..`]) {
      expect(nodeReadFs.listTree(written, prune).sort(byPath), written).toEqual(expected);
    }
    expect(nodeReadFs.listTree(join(dir, "nothing-here"))).toEqual([]);
  });
});

describe("nodeReadFs.readPlainFile", () => {
  it("gives a plain file's stats and bytes, no bytes past the limit or of a FIFO (without waiting on it), and refuses a link", () => {
    const dir = tempDir("yanxiu-plain-");
    made.push(dir);
    const file = join(dir, "t01.yaml");
    writeFileSync(file, "records: []\n");
    const read = nodeReadFs.readPlainFile!(file, 100);
    expect(Buffer.from(read.bytes!).toString("utf8")).toBe("records: []\n");
    expect([read.stat.size, read.stat.ino, read.stat.mtimeMs]).toEqual([12, lstatSync(file).ino, lstatSync(file).mtimeMs]);
    expect(nodeReadFs.readPlainFile!(file, 11)).toEqual({ stat: expect.objectContaining({ size: 12 }) });
    symlinkSync(file, join(dir, "link.yaml"));
    expect(() => nodeReadFs.readPlainFile!(join(dir, "link.yaml"), 100)).toThrow();
    execFileSync("mkfifo", [join(dir, "fifo.yaml")]);
    const fifo = nodeReadFs.readPlainFile!(join(dir, "fifo.yaml"), 100);
    expect(fifo.bytes).toBeUndefined();
    expect(fifo.stat.isFile()).toBe(false);
  });

  it("reads into the caller's buffer when the file fits, into a buffer of its own when not", () => {
    const dir = tempDir("yanxiu-plain-");
    made.push(dir);
    const file = join(dir, "t01.yaml");
    writeFileSync(file, "teacher: t01\n");
    const into = Buffer.alloc(64, 0x78);
    const read = nodeReadFs.readPlainFile!(file, 100, into);
    expect(Buffer.from(read.bytes!).toString("utf8")).toBe("teacher: t01\n");
    expect(read.bytes!.buffer).toBe(into.buffer);
    expect(into.subarray(0, 14).toString("utf8")).toBe("teacher: t01\nx");
    const small = Buffer.alloc(4);
    const own = nodeReadFs.readPlainFile!(file, 100, small);
    expect(own.bytes!.buffer).not.toBe(small.buffer);
    expect(Buffer.from(own.bytes!).toString("utf8")).toBe("teacher: t01\n");
  });
});
