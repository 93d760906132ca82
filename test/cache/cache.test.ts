/**
 * The parsed-file cache (src/cache) must never change a result: the same JSON with the cache
 * cold, warm and switched off, and a warm run must see every edit.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";
import { runCli } from "../helpers/run-cli.js";
import { loadRepo } from "../../src/pipeline/load.js";
import { readYamlFile } from "../../src/repo/read.js";
import { recordActivities, sessionActivities } from "../../src/schema/activities.js";

let dir: string;
beforeEach(() => {
  dir = copyDemoSchool();
});
afterEach(() => removeDir(dir));

const check = async (extra: string[] = [], env: Record<string, string> = {}) =>
  (await runCli(["check", "--format", "json", ...extra], { cwd: dir, env })).stdout;

async function scoreJson(extra: string[] = [], env: Record<string, string> = {}): Promise<string | undefined> {
  const help = await runCli(["--help"], { cwd: dir });
  if (!/^\s+score\b/m.test(help.stdout)) return undefined; // the score command is not registered yet
  return (await runCli(["score", "--format", "json", ...extra], { cwd: dir, env })).stdout;
}

describe("parsed-file cache", () => {
  it("gives the same check and score output cold, warm, and disabled", async () => {
    const cold = await check();
    expect(existsSync(join(dir, ".yanxiu-cache", "parsed"))).toBe(true);
    expect(readFileSync(join(dir, ".yanxiu-cache", ".gitignore"), "utf8")).toContain("*");
    expect(JSON.parse(cold)).toBeTruthy();
    expect(await check()).toBe(cold);
    expect(await check(["--no-cache"])).toBe(cold);
    expect(await check([], { YANXIU_NO_CACHE: "1" })).toBe(cold);

    const scoreCold = await scoreJson();
    if (scoreCold !== undefined) {
      expect(await scoreJson()).toBe(scoreCold);
      expect(await scoreJson(["--no-cache"])).toBe(scoreCold);
    }
  });

  it("loads the very same dataset from the cache as from the files", () => {
    const fresh = loadRepo(dir, "zh");
    loadRepo(dir, "zh", { cache: true }); // fills the cache
    const cached = loadRepo(dir, "zh", { cache: true });
    expect(cached.dataset!.activities.length).toBeGreaterThan(100);
    expect(cached.dataset).toStrictEqual(fresh.dataset);
    expect(cached.partialActivities).toStrictEqual(fresh.partialActivities);
    expect(cached.files.map((f) => [f.file, f.kind, f.problems, f.source?.data])).toStrictEqual(
      fresh.files.map((f) => [f.file, f.kind, f.problems, f.source?.data]),
    );
  });

  it("builds the same activities, lines included, as the full parser", () => {
    const fromFull = loadRepo(dir, "zh").files.flatMap((f) => {
      if (f.kind !== "records" && f.kind !== "sessions") return [];
      const src = readYamlFile(dir, f.file, "zh").source!;
      return (f.kind === "records" ? recordActivities(src) : sessionActivities(src)).valid;
    });
    expect(loadRepo(dir, "zh").dataset!.activities).toStrictEqual(fromFull);
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

  it("points into unchanged cached files when another file makes them wrong", async () => {
    await check(); // warm the cache
    const roster = join(dir, "roster.yaml");
    // Rename teacher t01 in the roster: t01's own (cached, unchanged) files now name an unknown teacher.
    writeFileSync(roster, readFileSync(roster, "utf8").replace(/id: t01\n/, "id: t01x\n"));
    const warm = await check();
    expect(warm).toContain("unknown-teacher");
    expect(warm).toBe(await check(["--no-cache"]));
  });
});
