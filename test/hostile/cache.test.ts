/**
 * The parsed-file cache (.yanxiu-cache/, src/cache) as hostile input: a corrupted cache must
 * not change a result, and a planted one (committed with `git add -f`, or left by a pull
 * request) must not either.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { expectNoStack, school } from "./school.js";

const SCORE = ["--lang", "en", "--year", "2025-2026", "--format", "json"];

function shards(dir: string): string[] {
  const folder = join(dir, ".yanxiu-cache/parsed");
  return readdirSync(folder).map((f) => join(folder, f));
}

const totals = (json: string) =>
  (JSON.parse(json) as { teachers: { teacher: string; total: number }[] }).teachers.map((t) => [t.teacher, t.total]);

describe("a hostile parse cache", () => {
  const CORRUPT: [string, string][] = [
    ["junk bytes", "\u0000\u0001garbage"],
    ["truncated JSON", '{"fingerprint": "'],
    ["JSON of the wrong shape", '{"fingerprint": 1, "files": 5, "shapes": null}'],
    ["an empty file", ""],
  ];
  for (const [name, content] of CORRUPT) {
    it(`${name}: check and score give the same results as without the cache`, async () => {
      const dir = school();
      const first = await runCli(["check", dir, "--format", "json", "--lang", "en"]);
      for (const shard of shards(dir)) writeFileSync(shard, content);
      const again = await runCli(["check", dir, "--format", "json", "--lang", "en"]);
      expectNoStack(again);
      expect(again.code).toBe(first.code);
      expect(again.stdout).toBe(first.stdout);
      for (const shard of shards(dir)) writeFileSync(shard, content);
      const scored = await runCli(["score", dir, ...SCORE]);
      const uncached = await runCli(["score", dir, ...SCORE, "--no-cache"]);
      expectNoStack(scored);
      expect(totals(scored.stdout)).toEqual(totals(uncached.stdout));
    });
  }

  // Reported: the cache trusts any entry whose hash matches the file's bytes, and the hash
  // covers only public inputs, so a planted entry can credit records that no file contains.
  it.fails("a planted entry with forged activities does not change the score", async () => {
    const dir = school();
    const honest = await runCli(["score", dir, ...SCORE, "--no-cache"]);
    await runCli(["check", dir]); // writes the cache
    for (const shard of shards(dir)) {
      const data = JSON.parse(readFileSync(shard, "utf8")) as { files: Record<string, { v: unknown[][] }> };
      for (const entry of Object.values(data.files)) {
        // Claim 50 lessons observed instead of 1, twice over.
        entry.v = entry.v.map((act) => act.map((x) => (x === 1 ? 50 : x)));
        entry.v.push(...entry.v);
      }
      writeFileSync(shard, JSON.stringify(data));
    }
    const forged = await runCli(["score", dir, ...SCORE]);
    expect(totals(forged.stdout)).toEqual(totals(honest.stdout));
  });
});
