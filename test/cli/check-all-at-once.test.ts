/**
 * Issue #18 point 2: errors in the roster, the config or the rules never silence the checks of
 * the records, and a YAML syntax error spoils only the record it is in. Every problem of one
 * run is pinned, and which checks could not run is said once, on the file to blame.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** t17's records: the comment on each line says what check must report there. */
const T17 = `teacher: t17
records:
  - date: 2025-10-09
    kind: reflektion
    title: 反思一
  - date: 2025-13-40
    kind: reflektion2
    title: 反思二
  - date: 2026-03-02
    kind: reflection
    title: 反思三
  - date: 2025-10-10
    kind：reflection
    title: 反思四
    title: 反思四(重复的键)
  - date: 2025-10-11
    kind: reflektion3
    title: 反思五
`;

function school(edit: (dir: string) => void): string {
  const dir = copyDemoSchool();
  made.push(dir);
  edit(dir);
  return dir;
}

function replaceIn(dir: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(dir, file), "utf8");
  expect(text).toContain(from);
  writeFileSync(join(dir, file), text.replace(from, to));
}

async function found(dir: string, lang = "zh") {
  const r = await runCli(["check", dir, "--format", "json", "--lang", lang]);
  const problems = JSON.parse(r.stdout).problems as { file: string; line: number; column: number; severity: string; check: string; message: string }[];
  return { code: r.code, problems, places: problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.check}`) };
}

describe("every problem in one run", () => {
  it("a roster typo, a bad date, a syntax error: the records are still checked, and the skipped checks named", async () => {
    const dir = school((d) => {
      // t01's groups typed with a Chinese comma (named, and read as meant), and a joining date that is no date.
      replaceIn(d, "roster.yaml", "    groups:\n      - chinese\n      - chinese-lower\n", "    groups: [chinese，chinese-lower]\n");
      replaceIn(d, "roster.yaml", "    joined: 1997-08-25\n", "    joined: 1997-08-32\n");
      writeFileSync(join(d, "records/2025-2026-1/t17.yaml"), T17);
      writeFileSync(join(d, "records/2025-2026-1/t99.yaml"), "teacher: t99\nrecords:\n  - date: 2025-10-09\n    kind: reflection\n    title: 无名氏的反思\n");
    });
    const run = await found(dir);
    expect(run.places).toEqual([
      "records/2025-2026-1/t17.yaml:4:11 error unknown-kind",
      // The date is unreadable, yet the kind beside it is still checked.
      "records/2025-2026-1/t17.yaml:6:11 error date",
      "records/2025-2026-1/t17.yaml:7:11 error unknown-kind",
      "records/2025-2026-1/t17.yaml:9:11 warning term-folder",
      // A full-width colon, named by its character; then a repeated key, which spoils its own record only: the next one is checked.
      "records/2025-2026-1/t17.yaml:13:9 error full-width-syntax",
      "records/2025-2026-1/t17.yaml:15:5 error yaml-syntax",
      "records/2025-2026-1/t17.yaml:17:11 error unknown-kind",
      "records/2025-2026-1/t99.yaml:1:10 error unknown-teacher",
      "roster.yaml:0:0 warning checks-skipped",
      "roster.yaml:36:21 error full-width-syntax",
      "roster.yaml:41:13 error date",
    ]);
    expect(run.code).toBe(1);
    // Only what needs the teachers' groups, roles and dates is left out, and said so.
    expect(run.problems.find((p) => p.check === "checks-skipped")!.message).toBe(
      "这个文件有错误,以下检查没有运行:roster-dates、group-cycle、attendance-not-member、outside-staff-dates、lead-not-member、signing-key、approver-not-allowed",
    );
    const en = await found(dir, "en");
    expect(en.places).toEqual(run.places);
    expect(en.problems.find((p) => p.check === "checks-skipped")!.message).toBe(
      "this file has errors, so these checks did not run: roster-dates, group-cycle, attendance-not-member, outside-staff-dates, lead-not-member, signing-key, approver-not-allowed",
    );
  });

  it("a rule file that fails its schema still lets unknown kinds in records be found", async () => {
    const dir = school((d) => {
      replaceIn(d, "rules/observation-minimums.yaml", "\nrequirements:\n", "\nrequirments:\n");
      writeFileSync(join(d, "records/2025-2026-1/t17.yaml"), "teacher: t17\nrecords:\n  - date: 2025-10-09\n    kind: reflektion\n    title: 反思一\n");
    });
    const run = await found(dir);
    expect(run.places).toEqual([
      "records/2025-2026-1/t17.yaml:4:11 error unknown-kind",
      "rules/observation-minimums.yaml:6:1 error unknown-key", // line 6 of the shipped preset: its sixth line is requirements:
    ]);
  });

  it("a config with a broken calendar still checks kinds and teachers, and says the date checks did not run", async () => {
    const dir = school((d) => {
      replaceIn(d, "yanxiu.yaml", "        end: 2026-07-15", "        end: 2026-07-32");
      writeFileSync(join(d, "records/2025-2026-1/t99.yaml"), "teacher: t99\nrecords:\n  - date: 2026-03-02\n    kind: reflektion\n    title: 反思\n");
    });
    const run = await found(dir, "en");
    expect(run.places).toEqual([
      "records/2025-2026-1/t99.yaml:1:10 error unknown-teacher",
      "records/2025-2026-1/t99.yaml:4:11 error unknown-kind",
      "yanxiu.yaml:0:0 warning checks-skipped",
      "yanxiu.yaml:21:14 error date",
    ]);
    expect(run.problems.find((p) => p.check === "checks-skipped")!.message).toBe(
      "this file has errors, so these checks did not run: calendar, roster-dates, date-outside-term, term-folder, file-place, closed-term, approver-not-allowed",
    );
  });
});
