/**
 * After a few record or session files changed, check re-checks only them and the files they can
 * collide with (src/cli/check-incremental.ts). Its answer must be, after every kind of edit, what a
 * run without the cache prints: text and json, Chinese and English, the whole school and one
 * file, exit code and all. YANXIU_TRACE_INCREMENTAL=1 says which way each run went.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";
import { runCli } from "../helpers/run-cli.js";
import { ARTS, schoolEdits, T01, T02, T19, wholeRunEdits } from "../helpers/school-edits.js";
import { uncachedOnce } from "../helpers/uncached-once.js";

let dir: string;
beforeEach(() => {
  dir = copyDemoSchool();
});
afterEach(() => removeDir(dir));

const TRACE = /^yanxiu: incremental: .*\n/gm;

const edits = schoolEdits(() => dir);
const { path, read, write, replaced, touch } = edits;

/** What a user sees: exit code, stdout, stderr (the trace taken out, and given back apart). */
function run(args: string[], cached: boolean): Promise<{ seen: string; trace: string[] }> {
  if (cached) return runNow(args);
  // Without the cache: once per state of the school's files (test/helpers/uncached-once.ts).
  const uncached = [...args, "--no-cache"];
  return uncachedOnce(dir, uncached, () => runNow(uncached));
}

async function runNow(args: string[]): Promise<{ seen: string; trace: string[] }> {
  const r = await runCli(args, { cwd: dir, env: { YANXIU_TRACE_INCREMENTAL: "1" } });
  // Tried once a run: when the warm path's try (dist/cli/incremental.cjs) gave no answer, the full CLI does not try again.
  expect((r.stderr.match(TRACE) ?? []).length, `${args.join(" ")}: ${r.stderr}`).toBeLessThanOrEqual(1);
  return { seen: `exit ${r.code}\n${r.stdout}\n${r.stderr.replace(TRACE, "")}`, trace: r.stderr.match(TRACE) ?? [] };
}

/** The first case of each language is the run that checks incrementally; the rest answer from what it kept. */
const CASES = [
  ["check"],
  ["check", "--format", "json"],
  ["check", T01],
  ["check", ARTS, "--format", "json"],
  ["check", "--lang", "en"],
  ["check", "--lang", "en", "--format", "json"],
  ["check", "--lang", "en", T19],
];

/** Every case, cached, equals the same without the cache; returns the traces of the runs that checked. */
async function sameAsUncached(step: string): Promise<string[]> {
  const traces: string[] = [];
  for (const args of CASES) {
    const cached = await run(args, true);
    const fresh = await run(args, false);
    expect(cached.seen, `${step}: ${args.join(" ")}`).toBe(fresh.seen);
    traces.push(...cached.trace);
  }
  return traces;
}

/**
 * The first check of a school keeps no incremental entry (a cold check does not pay for one);
 * the first after a change does, checking everything.
 */
async function primed(): Promise<void> {
  expect(whole(await sameAsUncached("cold"), /whole check \(no entry\)/)).toBe(true);
  expect(await sameAsUncached("warm")).toEqual([]); // nothing changed: the kept output, no check at all
  touch(T02, 3);
  expect(whole(await sameAsUncached("the first change"), /whole check \(no entry\)/)).toBe(true);
}

const incremental = (traces: string[]) => traces.length > 0 && traces.every((t) => /: \d+ changed, \d+ checked again, \d+ read$/.test(t.trim()));
const whole = (traces: string[], why: RegExp) => traces.length > 0 && traces.every((t) => why.test(t));

describe("check after a few files changed", () => {
  it("re-checks only what they affect, and prints what a whole check prints, after every kind of edit", async () => {
    await primed();
    const steps: { name: string; edit: () => void; shows?: string }[] = [
      {
        // The session's activity for t19 comes after t19's record in load order: the problem lands
        // in the unchanged session file (the other half of the pair).
        name: "a record made the same as a session t19 attended",
        edit: () => appendFileSync(path(T19), "  - date: 2025-09-22\n    kind: collective-prep\n    title: 集体备课：五年级美术《京剧脸谱》\n    hours: 2\n"),
        shows: "duplicate-record",
      },
      { name: "the collision removed", edit: () => replaced(T19, /  - date: 2025-09-22\n    kind: collective-prep\n[^]*$/, "") },
      {
        name: "a title changed to collide with the teacher's own record",
        edit: () => replaced(T01, "title: 1月听课记录（3节）", "title: 9月听课记录（2节）"),
      },
      { name: "a new file", edit: () => write("records/2025-2026-1/t24.yaml", "teacher: t24\nrecords:\n  - date: 2025-10-10\n    kind: observation\n    title: 听课\n    count: 1\n") },
      { name: "a .yml twin", edit: () => write("records/2025-2026-1/t02.yml", read(T02)), shows: "file-place" },
      { name: "a file deleted", edit: () => rmSync(path("records/2025-2026-1/t02.yml")) },
      {
        name: "a file renamed into the wrong term folder",
        edit: () => renameSync(path("records/2025-2026-1/t24.yaml"), path("records/2025-2026-2/t24.yaml")),
        shows: "term-folder",
      },
      {
        name: "a file moved into a folder that is no term",
        edit: () => {
          mkdirSync(path("records/2024"));
          renameSync(path("records/2025-2026-2/t24.yaml"), path("records/2024/t24.yaml"));
        },
        shows: "file-place",
      },
      { name: "broken YAML", edit: () => replaced(T02, "records:\n", "records:\n  - date: [2025\n"), shows: "yaml-syntax" },
      { name: "the YAML fixed", edit: () => replaced(T02, "records:\n  - date: [2025\n", "records:\n") },
      { name: "a session's attendance: a member who is not in the group", edit: () => replaced(ARTS, "      t04: 出勤\n", "      t04: 出勤\n      t01: 出勤\n") },
      { name: "the attendance put back", edit: () => replaced(ARTS, "      t04: 出勤\n      t01: 出勤\n", "      t04: 出勤\n") },
      {
        name: "a file touched, not changed",
        edit: () => touch(T01, 5),
      },
      { name: "two files at once", edit: () => {
        replaced(T01, "title: 9月听课记录（2节）", "title: 1月听课记录（3节）");
        rmSync(path("records/2024/t24.yaml"));
      } },
    ];
    const shown = new Set<string>();
    for (const step of steps) {
      step.edit();
      const traces = await sameAsUncached(step.name);
      expect(incremental(traces), `${step.name}: ${traces.join("")}`).toBe(true);
      // Not vacuous: the edit shows in the output where it should.
      if (step.shows) {
        const r = await run(["check", "--format", "json"], true);
        expect(r.seen, step.name).toContain(`"${step.shows}"`);
        shown.add(step.shows);
      }
    }
    expect(shown.size).toBe(4);
  });

  it("checks everything when a file other than a record or session file changed", async () => {
    await primed();
    const doubts = wholeRunEdits(edits, "check");
    for (const [name, edit, why] of doubts) {
      edit();
      const traces = await sameAsUncached(name);
      expect(whole(traces, why), `${name}: ${traces.join("")}`).toBe(true);
    }
  });

  it("works out refs once an id is written, and follows a duplicate id both ways", async () => {
    await primed();
    const id = (file: string, date: string) => appendFileSync(path(file), `  - id: 0123456789ab\n    date: ${date}\n    kind: observation\n    title: 听课\n    count: 1\n`);
    id(T01, "2025-12-03");
    // No id before: refs were not kept, so the whole school is checked (and refs kept from now on).
    expect(whole(await sameAsUncached("the first id"), /an id written where there was none/)).toBe(true);
    id(T02, "2025-12-04");
    expect(incremental(await sameAsUncached("the same id in another teacher's file"))).toBe(true);
    expect((await run(["check", "--format", "json"], true)).seen).toContain('"duplicate-id"');
    replaced(T01, /  - id: 0123456789ab\n[^]*$/, "");
    expect(incremental(await sameAsUncached("the first one removed"))).toBe(true);
    expect((await run(["check", "--format", "json"], true)).seen).not.toContain('"duplicate-id"');
  });
});
