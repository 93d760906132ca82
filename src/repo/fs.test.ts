import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
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
