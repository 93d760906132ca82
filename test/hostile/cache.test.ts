/**
 * The parsed-file cache (.yanxiu-cache/, src/cache) as hostile input: a corrupted cache must
 * not change a result, and a planted one (committed with `git add -f`, or left by a pull
 * request) must not either.
 */
import { createHmac } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBin, runCli } from "../helpers/run-cli.js";
import { removeDir, tempDir } from "../helpers/temp-repo.js";
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

  // Shards are signed with a key kept outside the repository (src/cache/secret.ts).
  const forge = (dir: string, resign?: (body: string) => string) => {
    for (const shard of shards(dir)) {
      const text = readFileSync(shard, "utf8");
      const data = JSON.parse(text.slice(text.indexOf("\n") + 1)) as { files: Record<string, { v: unknown[][] }> };
      for (const entry of Object.values(data.files)) {
        // Claim 50 lessons observed instead of 1, twice over.
        entry.v = entry.v.map((act) => act.map((x) => (x === 1 ? 50 : x)));
        entry.v.push(...entry.v);
      }
      const body = JSON.stringify(data);
      writeFileSync(shard, `${resign ? resign(body) : text.slice(0, 64)}\n${body}`);
    }
  };

  it("a tampered entry (signature no longer matches) does not change the score", async () => {
    const dir = school();
    const honest = await runCli(["score", dir, ...SCORE, "--no-cache"]);
    await runCli(["check", dir]); // writes the cache
    forge(dir);
    const forged = await runCli(["score", dir, ...SCORE]);
    expect(totals(forged.stdout)).toEqual(totals(honest.stdout));
  });

  it("a cache signed on another machine (committed or planted in a pull request) is not trusted", () => {
    const dir = school();
    const home = tempDir("yanxiu-keys-");
    const attacker = { YANXIU_CACHE_KEY_FILE: join(home, "attacker-key") };
    const ci = { YANXIU_CACHE_KEY_FILE: join(home, "ci-key") };
    const honest = runBin(["score", dir, ...SCORE, "--no-cache"]);
    runBin(["check", dir], { env: attacker });
    const key = readFileSync(attacker.YANXIU_CACHE_KEY_FILE);
    forge(dir, (body) => createHmac("sha256", key).update(body).digest("hex"));
    // On the attacker's own machine the forged cache is believed (it is their key) …
    expect(totals(runBin(["score", dir, ...SCORE], { env: attacker }).stdout)).not.toEqual(totals(honest.stdout));
    // … but CI, with a key of its own, ignores it.
    expect(totals(runBin(["score", dir, ...SCORE], { env: ci }).stdout)).toEqual(totals(honest.stdout));
    removeDir(home);
  });
});
