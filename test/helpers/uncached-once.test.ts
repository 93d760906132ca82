/** The state the incremental tests key their runs without the cache by (test/helpers/uncached-once.ts). */
import { renameSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "./temp-repo.js";
import { schoolState, uncachedOnce } from "./uncached-once.js";

let dir: string;
afterEach(() => removeDir(dir));

describe("a school's state", () => {
  it("changes with a file's bytes, name, a new folder or link, and not with times or the result cache", () => {
    dir = tempDir();
    writeFiles(dir, { "a.yaml": "x: 1\n", "records/b.yaml": "y: 2\n" });
    const first = schoolState(dir);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, "a.yaml"), later, later);
    writeFiles(dir, { ".yanxiu-cache/results/k": "kept" });
    expect(schoolState(dir)).toBe(first);
    const seen = new Set([first]);
    const changes = [
      () => writeFileSync(join(dir, "a.yaml"), "x: 2\n"), // same size, other bytes
      () => renameSync(join(dir, "records/b.yaml"), join(dir, "records/c.yaml")),
      () => writeFiles(dir, { "evidence/new/.keep": "" }),
      () => symlinkSync("c.yaml", join(dir, "records/d.yaml")),
    ];
    for (const change of changes) {
      change();
      const now = schoolState(dir);
      expect(seen.has(now)).toBe(false);
      seen.add(now);
    }
  });

  it("runs once per state and arguments", async () => {
    dir = tempDir();
    writeFiles(dir, { "a.yaml": "x: 1\n" });
    let runs = 0;
    const run = (args: string[]) => uncachedOnce(dir, args, async () => ++runs);
    expect([await run(["score"]), await run(["score"]), await run(["check"])]).toEqual([1, 1, 2]);
    writeFileSync(join(dir, "a.yaml"), "x: 2\n");
    expect([await run(["score"]), await run(["score"])]).toEqual([3, 3]);
    writeFileSync(join(dir, "a.yaml"), "x: 1\n");
    expect(await run(["score"])).toBe(1);
  });
});
