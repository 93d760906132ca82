/**
 * The result cache (src/cache/results.ts) must never change a result: the same output with the
 * cache cold, warm and switched off; a warm run must see every edit (even one that keeps the
 * size and mtime), and must answer without reading the school's files.
 */
import { readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";
import { runCli } from "../helpers/run-cli.js";
import { loadRepo } from "../../src/pipeline/load.js";
import { readYamlFile } from "../../src/repo/read.js";
import { nodeReadFs, type ReadFs } from "../../src/repo/fs.js";
import { recordActivities, sessionActivities } from "../../src/schema/activities.js";

let dir: string;
beforeEach(() => {
  dir = copyDemoSchool();
});
afterEach(() => removeDir(dir));

/** node:fs, counting the school files read (not stat-ed) under records/ and sessions/, however they are opened. */
function countingFs(): { fs: ReadFs; reads: string[] } {
  const reads: string[] = [];
  const fs: ReadFs = {
    ...nodeReadFs,
    readFileSync(path) {
      if (/[\\/](records|sessions)[\\/]/.test(path)) reads.push(path);
      return nodeReadFs.readFileSync(path);
    },
    readPlainFile(path, maxBytes) {
      if (/[\\/](records|sessions)[\\/]/.test(path)) reads.push(path);
      return nodeReadFs.readPlainFile!(path, maxBytes);
    },
  };
  return { fs, reads };
}

const check = async (extra: string[] = [], env: Record<string, string> = {}, readFs?: ReadFs) =>
  (await runCli(["check", "--format", "json", ...extra], { cwd: dir, env, readFs })).stdout;

const scoreJson = async (extra: string[] = [], readFs?: ReadFs) =>
  (await runCli(["score", "--format", "json", "--year", "2025-2026", ...extra], { cwd: dir, readFs })).stdout;

describe("result cache", () => {
  it("gives the same check and score output cold, warm, and disabled", async () => {
    const cold = await check();
    expect(readdirSync(join(dir, ".yanxiu-cache", "results")).length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, ".yanxiu-cache", ".gitignore"), "utf8")).toContain("*");
    expect(JSON.parse(cold)).toBeTruthy();
    expect(await check()).toBe(cold);
    expect(await check(["--no-cache"])).toBe(cold);
    expect(await check([], { YANXIU_NO_CACHE: "1" })).toBe(cold);

    const scoreCold = await scoreJson();
    expect(JSON.parse(scoreCold).teachers.length).toBeGreaterThan(10);
    expect(await scoreJson()).toBe(scoreCold);
    expect(await scoreJson(["--no-cache"])).toBe(scoreCold);
  });

  it("answers a warm check, a warm score and a check of one file without reading a record", async () => {
    // Files changed in the last two seconds are compared by content too (src/cache/results.ts).
    await new Promise((done) => setTimeout(done, 2100));
    const cold = countingFs();
    const whole = await check([], {}, cold.fs);
    expect(cold.reads.length).toBeGreaterThan(50);

    const warm = countingFs();
    expect(await check([], {}, warm.fs)).toBe(whole);
    const file = "records/2025-2026-1/t01.yaml";
    const one = await check([file], {}, warm.fs);
    expect(one).toBe(await check([file, "--no-cache"]));
    expect(warm.reads).toEqual([]);

    const scored = await scoreJson([]);
    const warmScore = countingFs();
    expect(await scoreJson([], warmScore.fs)).toBe(scored);
    expect(warmScore.reads).toEqual([]);
  });

  it("builds the same activities, lines included, as the full parser", () => {
    const fromFull = loadRepo(dir).files.flatMap((f) => {
      if (f.kind !== "records" && f.kind !== "sessions") return [];
      const src = readYamlFile(dir, f.file, "zh").source!;
      return (f.kind === "records" ? recordActivities(src) : sessionActivities(src)).valid;
    });
    expect(loadRepo(dir).dataset!.activities).toStrictEqual(fromFull);
  });

  it("picks up an edited file on the next warm run", async () => {
    const before = await check();
    const file = join(dir, "records", "2025-2026-1", "t01.yaml");
    const text = readFileSync(file, "utf8");
    // A second copy of the file's first record: a duplicate, reported at the copy's position.
    const first = /\n  - date:[\s\S]*?(?=\n  - date:)/.exec(text)![0];
    writeFileSync(file, text.replace(/\n$/, "") + first + "\n");
    const after = await check();
    expect(after).not.toBe(before);
    expect(after).toContain("duplicate-record");
    expect(after).toBe(await check(["--no-cache"]));
    expect(await check()).toBe(after);
  });

  it("sees an edit that keeps the size and puts the mtime back", async () => {
    const rosterFile = join(dir, "roster.yaml");
    const text = readFileSync(rosterFile, "utf8");
    const second = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    utimesSync(rosterFile, second, second);
    const before = await check();
    // t01 → t0x: same length; t01's records now name an unknown teacher.
    writeFileSync(rosterFile, text.replace(/id: t01\n/, "id: t0x\n"));
    utimesSync(rosterFile, second, second);
    expect(statSync(rosterFile).mtimeMs).toBe(second.getTime());
    const after = await check();
    expect(after).not.toBe(before);
    expect(after).toContain("unknown-teacher");
    expect(after).toBe(await check(["--no-cache"]));
  });

  it("sees evidence deleted, and a rule file changed, on a warm run", async () => {
    const evidence = /evidence\/t01\/\S+/.exec(readFileSync(join(dir, "records", "2025-2026-1", "t01.yaml"), "utf8"))![0];
    const whole = await check();
    unlinkSync(join(dir, evidence));
    const warm = await check();
    expect(warm).not.toBe(whole);
    expect(warm).toContain(evidence);
    expect(warm).toBe(await check(["--no-cache"]));

    const scoreBefore = await scoreJson();
    const rules = join(dir, "rules", "xintian.yaml");
    const ruleText = readFileSync(rules, "utf8");
    const changed = ruleText.replace("kinds: [reflection], each: 1, cap: 8 }", "kinds: [reflection], each: 2, cap: 8 }");
    expect(changed).not.toBe(ruleText);
    writeFileSync(rules, changed);
    const scoreAfter = await scoreJson();
    expect(scoreAfter).not.toBe(scoreBefore);
    expect(scoreAfter).toBe(await scoreJson(["--no-cache"]));
  });

  it("points into unchanged files when another file makes them wrong", async () => {
    await check(); // warm the cache
    const roster = join(dir, "roster.yaml");
    // Rename teacher t01 in the roster: t01's own (unchanged) files now name an unknown teacher.
    writeFileSync(roster, readFileSync(roster, "utf8").replace(/id: t01\n/, "id: t01x\n"));
    const warm = await check();
    expect(warm).toContain("unknown-teacher");
    expect(warm).toBe(await check(["--no-cache"]));
  });
});
