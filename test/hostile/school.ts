/**
 * A minimal valid school repository for the hostile-input suite, and the two neighbours
 * every hostile file is checked beside: one good record file (no problems) and one
 * independently broken one (a known problem at a known place). Whatever a hostile file
 * does, both neighbours must still be reported on in the same run.
 */
import { expect } from "vitest";
import type { Problem } from "../../src/problem.js";
import { runCli, type CliResult } from "../helpers/run-cli.js";
import { tempDir, writeFiles } from "../helpers/temp-repo.js";

export const TERM = "2025-2026-1";

export const CONFIG = [
  "school: 测试学校",
  "lang: zh",
  "rules:",
  "  - rules/school.yaml",
  "years:",
  "  - id: 2025-2026",
  "    start: 2025-09-01",
  "    end: 2026-08-31",
  "    terms:",
  "      - id: 2025-2026-1",
  "        start: 2025-09-01",
  "        end: 2026-01-31",
  "      - id: 2025-2026-2",
  "        start: 2026-02-01",
  "        end: 2026-08-31",
  "",
].join("\n");

export const ROSTER = [
  "groups:",
  "  - id: chinese",
  "    name: 语文教研组",
  "    leader: t01",
  "teachers:",
  "  - id: t01",
  "    name: 张老师",
  "    groups: [chinese]",
  "  - id: t02",
  "    name: 李老师",
  "    groups: [chinese]",
  "  - id: t03",
  "    name: 王老师",
  "    groups: [chinese]",
  "",
].join("\n");

/** A tiny rule file in the rule engine's format: two kinds, two items, one requirement. */
export const RULES = [
  "scheme:",
  "  id: test",
  "  name: 测试方案",
  "kinds:",
  "  - id: observation",
  "    label: 听课",
  "    fields: [count]",
  "  - id: reflection",
  "    label: 教学反思",
  "items:",
  "  - id: observe",
  "    kinds: [observation]",
  "    each: 1",
  "    cap: 20",
  "  - id: reflect",
  "    kinds: [reflection]",
  "    each: 1",
  "    cap: 8",
  "requirements:",
  "  - id: total",
  "    total: true",
  "    minimum: 1",
  "",
].join("\n");

export const GOOD_FILE = `records/${TERM}/t01.yaml`;
export const BROKEN_FILE = `records/${TERM}/t02.yaml`;
/** Where hostile record content goes by default. */
export const HOSTILE_FILE = `records/${TERM}/t03.yaml`;

export const GOOD_RECORDS = [
  "teacher: t01",
  "records:",
  "  - date: 2025-10-09",
  "    kind: observation",
  "    title: 听课《荷塘月色》",
  "    count: 1",
  "",
].join("\n");

/** Broken on its own: hours must be a number (line 6, column 12). */
export const BROKEN_RECORDS = [
  "teacher: t02",
  "records:",
  "  - date: 2025-10-10",
  "    kind: reflection",
  "    title: 反思",
  "    hours: 很多",
  "",
].join("\n");

/** Build a school; `files` adds or replaces files (a value of null removes a default file). */
export function school(files: Record<string, string | Uint8Array | null> = {}): string {
  const dir = tempDir("yanxiu-hostile-");
  const all: Record<string, string | Uint8Array | null> = {
    "yanxiu.yaml": CONFIG,
    "roster.yaml": ROSTER,
    "rules/school.yaml": RULES,
    [GOOD_FILE]: GOOD_RECORDS,
    [BROKEN_FILE]: BROKEN_RECORDS,
    "evidence/.gitkeep": "",
    ...files,
  };
  writeFiles(dir, Object.fromEntries(Object.entries(all).filter((e): e is [string, string | Uint8Array] => e[1] !== null)));
  return dir;
}

/** A record file text for teacher `teacher` with the given record lines (already indented). */
export function recordFile(teacher: string, ...recordLines: string[]): string {
  return [`teacher: ${teacher}`, "records:", ...recordLines, ""].join("\n");
}

export interface CheckRun extends CliResult {
  problems: Problem[];
  json: { version: number; files: number | null; errors: number; warnings: number; problems: Problem[] };
}

/** `yanxiu check <dir> --format json --lang en`, in-process. */
export async function check(dir: string, extra: string[] = []): Promise<CheckRun> {
  const r = await runCli(["check", dir, "--format", "json", "--lang", "en", ...extra]);
  let json: CheckRun["json"];
  try {
    json = JSON.parse(r.stdout);
  } catch {
    throw new Error(`check printed no JSON (exit ${r.code}):\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return { ...r, json, problems: json.problems };
}

export function problemsIn(run: CheckRun, file: string): Problem[] {
  return run.problems.filter((p) => p.file === file);
}

/** No stack trace anywhere in the output. */
export function expectNoStack(r: CliResult): void {
  expect(r.stderr).not.toMatch(/^\s{4}at /m);
  expect(r.stdout).not.toMatch(/^\s{4}at /m);
  expect(r.stderr).not.toMatch(/internal error|内部错误/);
}

/** The good neighbour is clean and the broken neighbour still reports its own problem. */
export function expectNeighboursChecked(run: CheckRun): void {
  expect(problemsIn(run, GOOD_FILE)).toEqual([]);
  const broken = problemsIn(run, BROKEN_FILE);
  expect(broken.map((p) => [p.check, p.line, p.column])).toEqual([["field-type", 6, 12]]);
  expect(broken[0]!.message).toContain("'hours' must be a number");
}

/** The usual assertion triple for a hostile case: exit 1, no stack, neighbours reported. */
export function expectContained(run: CheckRun): void {
  expect(run.code).toBe(1);
  expectNoStack(run);
  expectNeighboursChecked(run);
}

/** Compact [check, line, column] triples of a file's problems, for exact comparison. */
export function places(run: CheckRun, file: string): [string, number, number][] {
  return problemsIn(run, file).map((p) => [p.check, p.line, p.column]);
}
