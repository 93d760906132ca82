/**
 * score's incremental entry (src/cli/score-incremental.ts: every teacher's outcome, kept beside
 * the whole entry) as hostile input: one tampered with, signed on another machine, or copied from
 * another school is never believed; the score is then the whole one.
 */
import { sign } from "../../src/cache/secret.js";
import { compactValue, expandValue, type Compact } from "../../src/cache/compact-value.js";
import { copyFileSync, mkdirSync, readFileSync, utimesSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { removeDir, tempDir } from "../helpers/temp-repo.js";
import { GOOD_FILE, school } from "./school.js";
import { cacheEntries as entries, forgeEntries } from "./forge-entry.js";

const SCORE = ["--lang", "en", "--year", "2025-2026", "--format", "json"];
const TRACE = { YANXIU_TRACE_INCREMENTAL: "1" };
const home = tempDir("yanxiu-keys-");
afterAll(() => removeDir(home));
const machine = (name: string) => ({ YANXIU_CACHE_KEY_FILE: join(home, `${name}-key`) });
const mine = machine("mine");

const totals = (json: string) => (JSON.parse(json) as { teachers: { teacher: string; total: number }[] }).teachers.map((t) => [t.teacher, t.total]);
const trace = (stderr: string) => stderr.match(/^yanxiu: incremental score: .*$/gm) ?? [];
const touch = (dir: string, seconds: number) => {
  const later = new Date(Date.now() + seconds * 1000);
  utimesSync(join(dir, GOOD_FILE), later, later);
};

/** The incremental entry, every teacher's total claimed to be 50; signed again with `resign`, or left with its old signature. */
function forgeIncremental(dir: string, resign?: (body: Buffer) => string): number {
  return forgeEntries(dir, (value) => {
    if (!value.outcomes) return false;
    const outcomes = expandValue(value.outcomes as Compact) as { score?: { total: number } }[];
    for (const o of outcomes) if (o.score) o.score.total = 50;
    value.outcomes = compactValue(outcomes);
    return true;
  }, resign);
}

/** A score, the first with nothing kept, then one after a touch that keeps the incremental entry. */
async function primed(dir: string, env: Record<string, string>): Promise<void> {
  await runCli(["score", dir, ...SCORE], { env });
  touch(dir, 3);
  await runCli(["score", dir, ...SCORE], { env });
}

describe("a hostile incremental score entry", () => {
  it("a tampered one (its signature no longer matches) is not believed", async () => {
    const dir = school();
    const honest = await runCli(["score", dir, ...SCORE, "--no-cache"], { env: mine });
    await primed(dir, mine);
    expect(forgeIncremental(dir)).toBe(1);
    touch(dir, 6);
    const r = await runCli(["score", dir, ...SCORE], { env: { ...mine, ...TRACE } });
    expect(trace(r.stderr)).toEqual(["yanxiu: incremental score: whole score (no entry)"]);
    expect([r.code, r.stdout]).toEqual([honest.code, honest.stdout]);
  });

  it("one signed on another machine is believed there only", async () => {
    const dir = school();
    const attacker = machine("attacker-score");
    const ci = machine("ci-score");
    const honest = await runCli(["score", dir, ...SCORE, "--no-cache"], { env: ci });
    await primed(dir, attacker);
    await primed(dir, ci);
    const key = readFileSync(attacker.YANXIU_CACHE_KEY_FILE);
    expect(forgeIncremental(dir, (body) => sign(key, body))).toBe(1); // ci's and the attacker's share one name
    touch(dir, 6);
    // The attacker's own machine believes it (its key): t01 scored again, the others' 50 kept …
    const believed = await runCli(["score", dir, ...SCORE], { env: { ...attacker, ...TRACE } });
    expect(trace(believed.stderr)[0]).toMatch(/1 changed, 1 teachers scored again/);
    expect(totals(believed.stdout).filter(([t]) => t !== "t01").every(([, total]) => total === 50)).toBe(true);
    // … CI does not.
    touch(dir, 9);
    const r = await runCli(["score", dir, ...SCORE], { env: { ...ci, ...TRACE } });
    expect(trace(r.stderr)).toEqual(["yanxiu: incremental score: whole score (no entry)"]);
    expect([r.code, r.stdout]).toEqual([honest.code, honest.stdout]);
  });

  it("another school's, copied in with the same key, is not this school's", async () => {
    const a = school();
    const b = school({ [GOOD_FILE]: null });
    await primed(a, mine);
    const honest = await runCli(["score", b, ...SCORE, "--no-cache"], { env: mine });
    mkdirSync(join(b, ".yanxiu-cache/results"), { recursive: true });
    for (const path of entries(a)) copyFileSync(path, join(b, ".yanxiu-cache/results", basename(path)));
    const r = await runCli(["score", b, ...SCORE], { env: { ...mine, ...TRACE } });
    expect(trace(r.stderr)).toEqual(["yanxiu: incremental score: whole score (another folder's entry)"]);
    expect([r.code, r.stdout]).toEqual([honest.code, honest.stdout]);
  });
});
