/**
 * End to end: the real binary scores the example school. The numbers of two teachers are
 * worked out by hand from their record files below; the whole report is pinned against a
 * stored expected report (regenerate deliberately, and review the diff, when rules change).
 */
import { readFileSync } from "node:fs";
import stringWidth from "string-width";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBin, runCli } from "../helpers/run-cli.js";
import { copyDemoSchool, DEMO_SCHOOL, REPO_ROOT, removeDir, writeFiles } from "../helpers/temp-repo.js";

const expected = (f: string) => readFileSync(join(REPO_ROOT, "test/fixtures/expected", f), "utf8");

interface TeacherJson {
  teacher: string;
  total: number;
  met: boolean;
  items: { id: string; raw: number; credited: number }[];
  requirements: { id: string; window: string; actual: number; shortBy: number; met: boolean }[];
}

async function teacher(id: string): Promise<TeacherJson> {
  const r = await runCli(["score", DEMO_SCHOOL, "--year", "2025-2026", "--format", "json"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).teachers.find((x: TeacherJson) => x.teacher === id);
}

const item = (t: TeacherJson, id: string) => t.items.find((i) => i.id === id)!;

describe("score the example school (2025-2026)", () => {
  it("t10 张明 (年级组长), by hand from records/*/t10.yaml and sessions/*/english.yaml", async () => {
    const t10 = await teacher("t10");
    // ethics notes 5700 字 ≥ 5000 → 6
    expect(item(t10, "ethics")).toEqual({ id: "ethics", raw: 6, credited: 6 });
    // observed lessons, each record with its 记录册 page: term 1 2+2+3 = 7 → 5 − (10 − 7) = 2; term 2 3+3+2 = 8 → 5 − 2 = 3; year 5
    expect(item(t10, "observation").credited).toBe(5);
    // 12 sessions attended; the 2 集体备课 he led (11-27, 06-04) are 主备: the other 10 × 3 = 30, capped at 8;
    // 主备 "直接认定 4学时" outside that cap: 2 × 4 = 8
    expect(item(t10, "group-sessions")).toEqual({ id: "group-sessions", raw: 30, credited: 8 });
    expect(item(t10, "main-preparer")).toEqual({ id: "main-preparer", raw: 8, credited: 8 });
    // 4 reflections × 1; one 命好题 × 5; study plan scored 4 (with 计划, 笔记 and 总结); lesson prep scored 5
    expect([item(t10, "reflection").credited, item(t10, "good-works").credited, item(t10, "study-plan").credited, item(t10, "lesson-prep").credited]).toEqual([4, 5, 4, 5]);
    // 业务 4 + 8 + 8 + 4 + 5 + (5 + 5) = 39; total 6 + 39 = 45
    expect(t10.total).toBe(45);
    const short = Object.fromEntries(t10.requirements.filter((r) => !r.met).map((r) => [`${r.id}@${r.window}`, r.shortBy]));
    // 42 − 39 = 3; 48 − 45 = 3; plan 2 raises the minimum to 20 for a 年级主任, but the roster calls him
    // 年级组长, so every teacher's 15 applies: 15 − 7 = 8, 15 − 8 = 7. His study plan meets 全员参与.
    expect(short).toEqual({
      "business@2025-2026": 3,
      "total@2025-2026": 3,
      "observation-minimum@2025-2026-1": 8,
      "observation-minimum@2025-2026-2": 7,
    });
  });

  it("the demo school runs the shipped presets, byte for byte", () => {
    for (const f of ["xintian.yaml", "xintian.test.yaml", "observation-minimums.yaml"]) {
      expect(readFileSync(join(DEMO_SCHOOL, "rules", f), "utf8"), f).toBe(readFileSync(join(REPO_ROOT, "rules", f), "utf8"));
    }
  });

  it("the terminal report, Chinese and English, matches the stored expected report", () => {
    const zh = runBin(["score", DEMO_SCHOOL, "--year", "2025-2026"], { env: { COLUMNS: "120" } });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe(expected("demo-school-score-2025-2026.txt"));
    const en = runBin(["score", DEMO_SCHOOL, "--year", "2025-2026", "--lang", "en"], { env: { COLUMNS: "120" } });
    expect(en.stdout).toBe(expected("demo-school-score-2025-2026.en.txt"));
  });

  // The table's fitting, not the process: in-process, with COLUMNS in the environment main() is given
  // (the test above runs the real binary with it).
  it("at COLUMNS=120 no line is wider than 120 display columns; at 80, none wider than 80", async () => {
    for (const columns of [120, 80]) {
      for (const args of [["--year", "2025-2026"], ["--term", "2025-2026-1"], ["--year", "2025-2026", "--lang", "en"], ["--term", "2025-2026-1", "--lang", "en"]]) {
        const r = await runCli(["score", DEMO_SCHOOL, ...args], { env: { COLUMNS: String(columns), NO_COLOR: "1" } });
        expect(r.code).toBe(0);
        expect(Math.max(...r.stdout.split("\n").map((l) => stringWidth(l))), `${columns} ${args.join(" ")}`).toBeLessThanOrEqual(columns);
      }
    }
    // the demo's item-by-item table is far wider: --wide shows it whole
    const wide = await runCli(["score", DEMO_SCHOOL, "--year", "2025-2026", "--wide"], { env: { COLUMNS: "120", NO_COLOR: "1" } });
    expect(wide.stdout).toContain("校本培训工作会议");
    expect(Math.max(...wide.stdout.split("\n").map((l) => stringWidth(l)))).toBeGreaterThan(120);
  });

  it("is deterministic: two runs print the same bytes", () => {
    const a = runBin(["score", DEMO_SCHOOL, "--year", "2025-2026", "--format", "json"]);
    const b = runBin(["score", DEMO_SCHOOL, "--year", "2025-2026", "--format", "json"]);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe("reports never leave records out silently", () => {
  it("score and summary say on stderr how many records were not counted, and why", async () => {
    const dir = copyDemoSchool();
    writeFiles(dir, {
      "records/2025-2026-1/t02.yaml":
        "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: obsrvation\n    title: x\n    count: 3\n  - date: 2025-09-17\n    kind: observation\n    title: y\n    count: ３\n",
    });
    const note = "注意:1 个记录文件有错误,其中有错的记录未计入;1 条记录的活动类型规则中没有定义,未计入。运行 yanxiu check 查看并修正。\n";
    const score = await runCli(["score", dir, "--year", "2025-2026"]);
    expect(score.stderr).toBe(note);
    expect(score.code).toBe(0);
    expect((await runCli(["summary", dir, "--year", "2025-2026"])).stderr).toBe(note);
    expect((await runCli(["score", DEMO_SCHOOL, "--year", "2025-2026"])).stderr).toBe("");
    removeDir(dir);
  });
});
