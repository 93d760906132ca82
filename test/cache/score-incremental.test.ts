/**
 * After a few record or session files changed, score scores again only the teachers they name
 * (src/cli/score-incremental.ts). Its output must be, after every kind of edit, what a run without
 * the cache prints: text, json, csv and markdown, Chinese and English, a term, a year, the cycle,
 * one teacher and one group, exit code and stderr. YANXIU_TRACE_INCREMENTAL=1 says which way each
 * run went. test/cache/score-incremental-stale.test.ts shows this test fails on a stale result.
 */
import { appendFileSync, rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";
import { wholeRunEdits } from "../helpers/school-edits.js";
import { ARTS, CASES, T01, T02, T19, TRACE, incrementally, scoreSchool, wholly } from "../helpers/score-incremental.js";

let school: ReturnType<typeof scoreSchool>;
beforeEach(() => {
  school = scoreSchool(copyDemoSchool());
});
afterEach(() => removeDir(school.dir));

describe("score after a few files changed", () => {
  it("scores again only the teachers they name, and prints what a whole score prints, after every kind of edit", async () => {
    const { path, read, write, replaced, touch, sameAsUncached, primed, run } = school;
    await primed();
    const steps: { name: string; edit: () => void; changes: boolean }[] = [
      { name: "a record's count changed", edit: () => replaced(T02, "title: 10月听课记录（4节）\n    count: 4", "title: 10月听课记录（4节）\n    count: 14"), changes: true },
      { name: "a record's kind changed", edit: () => replaced(T02, "kind: reflection\n    title: 《一元一次方程》教学反思", "kind: essay\n    title: 《一元一次方程》教学反思"), changes: true },
      { name: "a record's date changed (into the next month)", edit: () => replaced(T02, "date: 2025-10-10\n    kind: observation", "date: 2025-11-10\n    kind: observation"), changes: true },
      { name: "a record added", edit: () => appendFileSync(path(T19), "  - date: 2026-01-05\n    kind: observation\n    title: 1月听课\n    count: 9\n"), changes: true },
      { name: "the record removed", edit: () => replaced(T19, /  - date: 2026-01-05\n    kind: observation\n    title: 1月听课\n    count: 9\n$/, ""), changes: true },
      { name: "a new teacher file", edit: () => write("records/2025-2026-2/t24.yaml", "teacher: t24\nrecords:\n  - date: 2026-03-10\n    kind: observation\n    title: 听课\n    count: 7\n"), changes: true },
      { name: "a file deleted", edit: () => rmSync(path("records/2025-2026-2/t24.yaml")), changes: true },
      { name: "a session's attendance: a member added", edit: () => replaced(ARTS, "      t04: 出勤\n", "      t04: 出勤\n      t01: 出勤\n"), changes: true },
      { name: "a session's attendance: a member removed", edit: () => replaced(ARTS, "      t04: 出勤\n      t01: 出勤\n      t19: 出勤\n", "      t01: 出勤\n      t19: 出勤\n"), changes: true },
      { name: "the attendance put back", edit: () => write(ARTS, school.original(ARTS)), changes: true },
      { name: "broken YAML (the note on files in error)", edit: () => replaced(T02, "records:\n", "records:\n  - date: [2025\n"), changes: true },
      { name: "the YAML fixed", edit: () => replaced(T02, "records:\n  - date: [2025\n", "records:\n"), changes: true },
      { name: "a kind the rules do not define (the note on unknown kinds)", edit: () => replaced(T19, /kind: reflection\n(    title: 教学随笔)/, "kind: daydream\n$1"), changes: true },
      { name: "a record returned (待审核 / 退回)", edit: () => replaced(T01, /status: 审定\n    approver: t06\n/, "status: 退回\n    approver: t06\n    reason: 请补充证明\n"), changes: true },
      { name: "a file touched, not changed", edit: () => touch(T01, 5), changes: false },
      {
        name: "two files at once",
        edit: () => {
          replaced(T19, "kind: daydream\n", "kind: reflection\n");
          write(T01, school.original(T01));
        },
        changes: true,
      },
    ];
    let before = (await run(["score", "--year", "2025-2026", "--format", "json"], true)).seen;
    for (const step of steps) {
      step.edit();
      const traces = await sameAsUncached(step.name);
      expect(incrementally(traces), `${step.name}: ${traces.join("")}`).toBe(true);
      // Not vacuous: the edit shows in the output (or, touched only, does not).
      const now = (await run(["score", "--year", "2025-2026", "--format", "json"], true)).seen;
      expect(now !== before, step.name).toBe(step.changes);
      before = now;
    }
    expect(read(T01)).toBe(school.original(T01));
  });

  it("scores everything when a file other than a record or session file changed", async () => {
    const { sameAsUncached, primed } = school;
    await primed();
    const doubts = wholeRunEdits(school, "score");
    for (const [name, edit, why] of doubts) {
      edit();
      const traces = await sameAsUncached(name);
      expect(wholly(traces, why), `${name}: ${traces.join("")}`).toBe(true);
    }
  });

  it("counts every group's sessions again for group and school requirements", async () => {
    const { path, write, replaced, sameAsUncached, primed, run } = school;
    // Group and school requirements (a share of teachers) on top of the demo's rules, before the first score.
    write("rules/groups.yaml", [
      "requirements:",
      "  - { id: group-prep-month, label: 每月一次集体备课, labelEn: collective preparation a month, subject: group, kinds: [collective-prep], measure: sessions, minimum: 1, per: month }",
      "  - { id: observation-share, label: 八成教师听课达标, labelEn: 80% observe enough, subject: school, share: observation-minimum, minimum: 0.8, per: term }",
      "",
    ].join("\n"));
    replaced("yanxiu.yaml", "  - rules/observation-minimums.yaml\n", "  - rules/observation-minimums.yaml\n  - rules/groups.yaml\n");
    await primed();
    const json = async () => (await run(["score", "--year", "2025-2026", "--format", "json"], true)).seen;
    const first = await json();
    expect(first).toContain('"group-prep-month"');
    // A session of another kind turned into collective preparation: the arts group's month changes.
    replaced(ARTS, "kind: group-discussion\n    title: 组内研讨：读书分享", "kind: collective-prep\n    title: 组内研讨：读书分享");
    expect(incrementally(await sameAsUncached("a group's session changed"))).toBe(true);
    expect(await json()).not.toBe(first);
    // A teacher's record file changed: the groups' sessions are read again all the same.
    appendFileSync(path(T01), "  - date: 2026-03-02\n    kind: observation\n    title: 3月听课\n    count: 30\n");
    expect(incrementally(await sameAsUncached("a record in a school with group requirements"))).toBe(true);
  });
});

describe("the cases compared", () => {
  it("cover every format score writes to stdout, both languages and every period", () => {
    const flat = CASES.map((c) => c.join(" "));
    for (const part of ["--format json", "--format csv", "--format markdown", "--lang en", "--term", "--year", "--cycle", "--teacher", "--group"]) {
      expect(flat.some((c) => c.includes(part)), part).toBe(true);
    }
    expect(TRACE.test("yanxiu: incremental score: 1 changed, 1 teachers scored again, 6 files read\n")).toBe(true);
  });
});
