/**
 * The fast paths (fast reader, validate-once, result cache, lazy positions) must never
 * change a result: on three schools, `check` and `score` give the very same output cold, warm,
 * with the cache off, with every fast path off (YANXIU_NO_FAST=1: the full parser for every
 * file), and again after one file is edited.
 */
import { cpSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_SCHOOL as DEMO_DIR, REPO_ROOT, removeDir, tempDir } from "../helpers/temp-repo.js";
import { runCli } from "../helpers/run-cli.js";
import { DEMO_SCHOOL, emptyStats, schoolFiles, writeSchool } from "../../src/synth/index.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

function copyOf(src: string): string {
  const dir = tempDir("yanxiu-same-");
  cpSync(src, dir, { recursive: true });
  made.push(dir);
  return dir;
}

/** About 2,000 records: 40 teachers, 4 groups, one school year. */
function generatedSchool(): string {
  const dir = tempDir("yanxiu-gen-");
  made.push(dir);
  const stats = emptyStats();
  writeSchool(dir, schoolFiles({ ...DEMO_SCHOOL, teachers: 40, groups: 4, activitiesPerTeacherPerTerm: 18, evidence: false, readme: false }, stats));
  mkdirSync(join(dir, "rules"), { recursive: true });
  for (const f of readdirSync(join(REPO_ROOT, "rules"))) {
    if (/\.ya?ml$/.test(f) && !f.endsWith(".test.yaml")) copyFileSync(join(REPO_ROOT, "rules", f), join(dir, "rules", f));
  }
  return dir;
}

const ENV = { YANXIU_TODAY: "2026-11-23" };

async function outputs(dir: string, extra: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const parts: string[] = [];
  for (const cmd of ["check", "score"]) {
    const r = await runCli([cmd, "--format", "json", ...extra], { cwd: dir, env: { ...ENV, ...env } });
    parts.push(`${cmd} exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  }
  return parts.join("\n----\n");
}

async function expectAllPathsAgree(dir: string): Promise<string> {
  const cold = await outputs(dir);
  expect(await outputs(dir)).toBe(cold); // warm
  expect(await outputs(dir, ["--no-cache"])).toBe(cold);
  expect(await outputs(dir, [], { YANXIU_NO_FAST: "1" })).toBe(cold);
  return cold;
}

/** Append a copy of the file's first record or session: a duplicate, at a new position. */
function duplicateFirstEntry(dir: string, file: string): void {
  const abs = join(dir, file);
  const text = readFileSync(abs, "utf8");
  const first = /\n  - [\s\S]*?(?=\n  - |\n*$)/.exec(text)![0];
  writeFileSync(abs, text.replace(/\n$/, "") + first + "\n");
}

function firstFile(dir: string, folder: string): string {
  const term = readdirSync(join(dir, folder)).sort()[0]!;
  return `${folder}/${term}/${readdirSync(join(dir, folder, term)).sort()[0]!}`;
}

describe.each([
  ["the demo school", () => copyOf(DEMO_DIR)],
  ["the mini-school fixture", () => copyOf(join(REPO_ROOT, "test/fixtures/mini-school"))],
  ["a generated 2,000-record school", generatedSchool],
])("%s: fast paths change nothing", (_name, make) => {
  it("same check and score output cold, warm, uncached, all fast paths off, and after edits", async () => {
    const dir = make();
    const before = await expectAllPathsAgree(dir);

    duplicateFirstEntry(dir, firstFile(dir, "records"));
    const afterRecordEdit = await expectAllPathsAgree(dir);
    expect(afterRecordEdit).not.toBe(before);
    expect(afterRecordEdit).toContain("duplicate-record");

    duplicateFirstEntry(dir, firstFile(dir, "sessions"));
    await expectAllPathsAgree(dir);

    // A roster problem found after loading (a repeated id, an unknown group) still points into
    // the roster exactly, though the roster was read by the fast reader.
    const roster = join(dir, "roster.yaml");
    const text = readFileSync(roster, "utf8");
    const firstTeacher = /\n  - id: [\s\S]*?(?=\n  - id: |\n?$)/.exec(text.slice(text.indexOf("teachers:")))![0];
    writeFileSync(roster, text.replace(/\n$/, "") + firstTeacher.replace(/groups: \[/, "groups: [no-such-group, ") + "\n");
    const afterRosterEdit = await expectAllPathsAgree(dir);
    expect(afterRosterEdit).toContain("roster-duplicate");
  });
});

describe("a subfolder inside a term folder", () => {
  it("gives the same results when its files sort between the folder's own", async () => {
    const dir = copyOf(DEMO_DIR);
    const term = readdirSync(join(dir, "records")).sort()[0]!;
    const names = readdirSync(join(dir, "records", term)).sort();
    // records/<term>/s/… sorts between the term's own t0… files.
    mkdirSync(join(dir, "records", term, "s"));
    const moved = names.at(-1)!;
    writeFileSync(join(dir, "records", term, "s", moved), readFileSync(join(dir, "records", term, moved)));
    const cold = await expectAllPathsAgree(dir);
    expect(await outputs(dir)).toBe(cold);
  });
});
