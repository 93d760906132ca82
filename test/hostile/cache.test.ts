/**
 * The result cache (.yanxiu-cache/results, src/cache/results.ts) as hostile input: a corrupted
 * cache must not change a result, a planted one (committed with `git add -f`, or left by a pull
 * request) must not either, and a cache that cannot be written changes nothing. In-process:
 * the key's place comes from the injected environment, the failures from an injected fs.
 */
import { sign, SIGNATURE_LINE } from "../../src/cache/secret.js";
import { entryParts, trailerFor, TRAILER_BYTES } from "../../src/cache/entry-layout.js";
import { copyFileSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { removeDir, tempDir } from "../helpers/temp-repo.js";
import { faultyFs } from "../helpers/faulty-fs.js";
import { expectNoStack, GOOD_FILE, school } from "./school.js";
import { cacheEntries as entries, forgeEntries } from "./forge-entry.js";

const SCORE = ["--lang", "en", "--year", "2025-2026", "--format", "json"];
const home = tempDir("yanxiu-keys-");
afterAll(() => removeDir(home));
/** Each machine (user) with a key of its own. */
const machine = (name: string) => ({ YANXIU_CACHE_KEY_FILE: join(home, `${name}-key`) });
const mine = machine("mine");

const totals = (json: string) =>
  (JSON.parse(json) as { teachers: { teacher: string; total: number }[] }).teachers.map((t) => [t.teacher, t.total]);

/**
 * Claim 50 hours for everyone in every stored score, optionally signing it again. An entry is a
 * signature line, the report's text, a JSON header line and a trailer with the header's length
 * (src/cache/entry-layout.ts).
 */
function forge(dir: string, resign?: (body: Buffer) => string): void {
  for (const path of entries(dir)) {
    const stored = readFileSync(path);
    const signature = stored.subarray(0, SIGNATURE_LINE);
    const body = stored.subarray(SIGNATURE_LINE);
    const parts = entryParts(body.length, body.subarray(body.length - TRAILER_BYTES))!;
    const text = body.subarray(0, parts.textBytes).toString("utf8");
    if (!text.includes('"total"')) continue;
    const forged = Buffer.from(text.replace(/"total": ?[\d.]+/g, '"total": 50'));
    const entry = JSON.parse(body.subarray(parts.textBytes, parts.textBytes + parts.headerBytes).toString("utf8")) as { textBytes: number };
    entry.textBytes = forged.length;
    const header = Buffer.from(`${JSON.stringify(entry)}\n`);
    const newBody = Buffer.concat([forged, header, trailerFor(header.length)]);
    writeFileSync(path, Buffer.concat([resign ? Buffer.from(`${resign(newBody)}\n`) : signature, newBody]));
  }
}

describe("a hostile result cache", () => {
  const CORRUPT: [string, string][] = [
    ["junk bytes", "\u0000\u0001garbage"],
    ["truncated JSON", '{"stamp": "'],
    ["JSON of the wrong shape", '{"stamp": 1, "value": null}'],
    ["an empty file", ""],
  ];
  for (const [name, content] of CORRUPT) {
    it(`${name}: check and score give the same results as without the cache`, async () => {
      const dir = school();
      const first = await runCli(["check", dir, "--format", "json", "--lang", "en"], { env: mine });
      await runCli(["score", dir, ...SCORE], { env: mine });
      for (const entry of entries(dir)) writeFileSync(entry, content);
      const again = await runCli(["check", dir, "--format", "json", "--lang", "en"], { env: mine });
      expectNoStack(again);
      expect(again.code).toBe(first.code);
      expect(again.stdout).toBe(first.stdout);
      const scored = await runCli(["score", dir, ...SCORE], { env: mine });
      const uncached = await runCli(["score", dir, ...SCORE, "--no-cache"], { env: mine });
      expectNoStack(scored);
      expect(totals(scored.stdout)).toEqual(totals(uncached.stdout));
    });
  }

  it("a tampered entry (signature no longer matches) does not change the score", async () => {
    const dir = school();
    const honest = await runCli(["score", dir, ...SCORE, "--no-cache"], { env: mine });
    await runCli(["score", dir, ...SCORE], { env: mine }); // writes the cache
    forge(dir);
    const forged = await runCli(["score", dir, ...SCORE], { env: mine });
    expect(totals(forged.stdout)).toEqual(totals(honest.stdout));
  });

  it("a cache signed on another machine (committed or planted in a pull request) is not trusted", async () => {
    const dir = school();
    const attacker = machine("attacker");
    const ci = machine("ci");
    const honest = await runCli(["score", dir, ...SCORE, "--no-cache"], { env: ci });
    await runCli(["score", dir, ...SCORE], { env: attacker });
    const key = readFileSync(attacker.YANXIU_CACHE_KEY_FILE);
    forge(dir, (body) => sign(key, body)); // the attacker holds their own key and the (public) signing code
    // On the attacker's own machine the forged cache is believed (it is their key) …
    const believed = await runCli(["score", dir, ...SCORE], { env: attacker });
    expect(totals(believed.stdout)).not.toEqual(totals(honest.stdout));
    expect(totals(believed.stdout).every(([, total]) => total === 50)).toBe(true);
    // … but CI, with a key of its own, ignores it.
    expect(totals((await runCli(["score", dir, ...SCORE], { env: ci })).stdout)).toEqual(totals(honest.stdout));
  });

  it("a cache that cannot be written (disk full) changes no output and no exit code", async () => {
    const dir = school();
    const honest = await runCli(["check", dir, "--format", "json", "--lang", "en", "--no-cache"], { env: mine });
    await runCli(["check", dir, "--lang", "en"], { env: mine }); // the key exists
    for (const entry of entries(dir)) rmSync(entry);
    const full = faultyFs({ when: (call) => call.op === "openSync" && (call.path ?? "").includes(".yanxiu-cache"), code: "ENOSPC" });
    const r = await runCli(["check", dir, "--format", "json", "--lang", "en"], { env: mine, fs: full });
    expectNoStack(r);
    expect([r.code, r.stdout]).toEqual([honest.code, honest.stdout]);
    expect(full.calls.some((c) => c.op === "openSync" && c.path?.includes(".yanxiu-cache/results"))).toBe(true);
    expect(entries(dir)).toEqual([]);
  });
});

describe("a hostile incremental entry (check after a few files changed, src/cli/check-incremental.ts)", () => {
  const TRACE = { YANXIU_TRACE_INCREMENTAL: "1" };
  const touch = (dir: string, seconds: number) => {
    const later = new Date(Date.now() + seconds * 1000);
    utimesSync(join(dir, GOOD_FILE), later, later);
  };
  /** The incremental entry, its claimed problems replaced by none; signed again with `resign`, or left with its old signature. */
  function forgeIncremental(dir: string, resign?: (body: Buffer) => string): number {
    return forgeEntries(dir, (value) => {
      if (!value.table) return false;
      const problems = value.problems as unknown[];
      expect(problems.length).toBeGreaterThan(0);
      value.problems = [];
      return true;
    }, resign);
  }
  /** A check, the first with nothing kept, then one after a touch that keeps the incremental entry. */
  const primed = async (dir: string, env: Record<string, string>) => {
    await runCli(["check", dir], { env });
    touch(dir, 3);
    await runCli(["check", dir], { env });
  };
  const trace = (stderr: string) => stderr.match(/^yanxiu: incremental: .*$/gm) ?? [];

  it("a tampered one (its signature no longer matches) is not believed", async () => {
    const dir = school();
    const honest = await runCli(["check", dir, "--no-cache"], { env: mine });
    expect(honest.code).toBe(1);
    await primed(dir, mine);
    expect(forgeIncremental(dir)).toBe(1);
    touch(dir, 6);
    const r = await runCli(["check", dir], { env: { ...mine, ...TRACE } });
    expect(trace(r.stderr)).toEqual(["yanxiu: incremental: whole check (no entry)"]);
    expect([r.code, r.stdout]).toEqual([honest.code, honest.stdout]);
  });

  it("one signed on another machine is believed there only", async () => {
    const dir = school();
    const attacker = machine("attacker-incremental");
    const ci = machine("ci-incremental");
    const honest = await runCli(["check", dir, "--no-cache"], { env: ci });
    await primed(dir, attacker);
    await primed(dir, ci);
    const key = readFileSync(attacker.YANXIU_CACHE_KEY_FILE);
    expect(forgeIncremental(dir, (body) => sign(key, body))).toBe(1); // ci's and the attacker's share one name
    touch(dir, 6);
    // The attacker's own machine believes it (its key): no problems, exit 0 …
    const believed = await runCli(["check", dir], { env: { ...attacker, ...TRACE } });
    expect(trace(believed.stderr)[0]).toMatch(/1 changed/);
    expect(believed.code).toBe(0);
    // … CI does not.
    touch(dir, 9);
    const r = await runCli(["check", dir], { env: { ...ci, ...TRACE } });
    expect(trace(r.stderr)).toEqual(["yanxiu: incremental: whole check (no entry)"]);
    expect([r.code, r.stdout]).toEqual([honest.code, honest.stdout]);
  });

  it("another school's, copied in with the same key, is not this school's", async () => {
    const a = school();
    const b = school({ [GOOD_FILE]: null });
    await primed(a, mine);
    const honest = await runCli(["check", b, "--no-cache"], { env: mine });
    mkdirSync(join(b, ".yanxiu-cache/results"), { recursive: true });
    for (const path of entries(a)) copyFileSync(path, join(b, ".yanxiu-cache/results", basename(path)));
    const r = await runCli(["check", b], { env: { ...mine, ...TRACE } });
    expect(trace(r.stderr)).toEqual(["yanxiu: incremental: whole check (another folder's entry)"]);
    expect([r.code, r.stdout]).toEqual([honest.code, honest.stdout]);
  });
});
