/**
 * What the incremental score's tests share (test/cache/score-incremental*.test.ts): a school in a
 * folder, edits of its files, and the comparison of every case of `score` with the cache and
 * without it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { DEMO_SCHOOL } from "./temp-repo.js";
import { runCli } from "./run-cli.js";
import { ARTS, schoolEdits, T01, T02, T19 } from "./school-edits.js";
import { uncachedOnce } from "./uncached-once.js";

export { ARTS, T01, T02, T19 };
export const TRACE = /^yanxiu: incremental score: .*\n/gm;

/** Each case keeps its own entries; the day is 2026-11-23 (test/helpers/run-cli.ts), so the default term is 2025-2026-2. */
export const CASES = [
  ["score", "--year", "2025-2026"],
  ["score", "--year", "2025-2026", "--format", "json"],
  ["score", "--term", "2025-2026-1", "--format", "csv"],
  ["score", "--term", "2025-2026-1", "--lang", "en", "--wide"],
  ["score", "--cycle", "--lang", "en", "--format", "json"],
  ["score"],
  ["score", "--year", "2025-2026", "--teacher", "t02"],
  ["score", "--year", "2025-2026", "--group", "arts", "--format", "markdown", "--lang", "en"],
];

export const incrementally = (traces: string[]) => traces.length > 0 && traces.every((t) => /: \d+ changed, \d+ teachers scored again, \d+ files read$/.test(t.trim()));
export const wholly = (traces: string[], why: RegExp) => traces.length > 0 && traces.every((t) => why.test(t));

export function scoreSchool(dir: string) {
  const edits = schoolEdits(() => dir);
  const { path, read, write, replaced, touch } = edits;
  /** What a user sees: exit code, stdout, stderr (the trace taken out, and given back apart). */
  const runNow = async (args: string[]): Promise<{ seen: string; trace: string[] }> => {
    const r = await runCli(args, { cwd: dir, env: { YANXIU_TRACE_INCREMENTAL: "1" } });
    return { seen: `exit ${r.code}\n${r.stdout}\n${r.stderr.replace(TRACE, "")}`, trace: r.stderr.match(TRACE) ?? [] };
  };
  // Without the cache: once per state of the school's files (test/helpers/uncached-once.ts).
  const run = (args: string[], cached: boolean) => {
    if (cached) return runNow(args);
    const uncached = [...args, "--no-cache"];
    return uncachedOnce(dir, uncached, () => runNow(uncached));
  };
  /** Every case, cached, equals the same without the cache; returns the traces of the runs that scored. */
  const sameAsUncached = async (step: string): Promise<string[]> => {
    const traces: string[] = [];
    for (const args of CASES) {
      const cached = await run(args, true);
      const fresh = await run(args, false);
      expect(cached.seen, `${step}: ${args.join(" ")}`).toBe(fresh.seen);
      expect(cached.seen, `${step}: ${args.join(" ")}`).toMatch(/^exit 0\n/);
      traces.push(...cached.trace);
    }
    return traces;
  };
  /**
   * The first score of a school keeps no incremental entry (a cold score does not pay for one);
   * the first after a change does, scoring everything.
   */
  const primed = async (): Promise<void> => {
    expect(wholly(await sameAsUncached("cold"), /whole score \(no entry\)/)).toBe(true);
    expect(await sameAsUncached("warm")).toEqual([]); // nothing changed: the kept output, no score at all
    touch(T02, 3);
    expect(wholly(await sameAsUncached("the first change"), /whole score \(no entry\)/)).toBe(true);
  };
  const original = (file: string) => readFileSync(join(DEMO_SCHOOL, file), "utf8");
  return { dir, path, read, write, replaced, touch, run, sameAsUncached, primed, original };
}
