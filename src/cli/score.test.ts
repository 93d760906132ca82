import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";

const project = fileURLToPath(new URL("../..", import.meta.url));

async function run(cwd: string, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main({
    argv,
    cwd,
    env: { YANXIU_TODAY: "2025-11-01" },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

function makeRepo(extraRules = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "yanxiu-score-"));
  mkdirSync(join(dir, "rules"));
  // The demo school's rules (the shipped presets, byte for byte): this tests the command; the presets' numbers are pinned by their rule tests.
  for (const f of ["xintian.yaml", "observation-minimums.yaml"]) copyFileSync(join(project, "examples", "demo-school", "rules", f), join(dir, "rules", f));
  if (extraRules) writeFileSync(join(dir, "rules", "extra.yaml"), extraRules);
  writeFileSync(
    join(dir, "yanxiu.yaml"),
    `school: 测试小学
rules: [rules/xintian.yaml, rules/observation-minimums.yaml${extraRules ? ", rules/extra.yaml" : ""}]
years:
  - id: 2025-2026
    start: 2025-09-01
    end: 2026-08-31
    terms:
      - { id: 2025-2026-1, start: 2025-09-01, end: 2026-01-31 }
      - { id: 2025-2026-2, start: 2026-02-01, end: 2026-07-15 }
`,
  );
  writeFileSync(
    join(dir, "roster.yaml"),
    `groups:
  - { id: math, name: 数学组 }
teachers:
  - { id: t01, name: 张丽, groups: [math], roles: [青年教师] }
  - { id: t02, name: 王强, groups: [math] }
`,
  );
  mkdirSync(join(dir, "records", "2025-2026-1"), { recursive: true });
  writeFileSync(
    join(dir, "records", "2025-2026-1", "t01.yaml"),
    `teacher: t01
records:
  - { date: 2025-09-10, kind: observation, title: 听课, count: 16, evidence: evidence/t01/记录册.pdf }
  - { date: 2025-10-10, kind: reflection, title: 反思, count: 9 }
  - { date: 2025-10-20, kind: ethics-reflection, title: 师德心得, words: 3200 }
`,
  );
  mkdirSync(join(dir, "evidence", "t01"), { recursive: true });
  writeFileSync(join(dir, "evidence", "t01", "记录册.pdf"), "%PDF-1.4\n");
  return dir;
}

describe("yanxiu score", () => {
  const repo = makeRepo();

  it("prints per-teacher and per-group tables for the current term", async () => {
    const r = await run(repo, "score");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("测试小学 · 宣州区新田中心小学校本研修考核办法 · 学期 2025-2026-1");
    // t01: ethics 6; reflections 9 → 8 (9); observation 16 (with its 记录册) → 10; total 6 + 8 + 10 = 24
    // by default the top-level categories: 师德学习 6, 业务研修 8 + 10 = 18; total 24; group by name
    expect(r.stdout).toMatch(/^张丽  t01   数学组         6        18    24  不合格  /m);
    // the year's requirements are measured so far (the term is not the year): progress, not a shortfall
    expect(r.stdout).toContain("全年 48 学时(2025-2026,至今) 进行中 24/48(50%)");
    // young teacher: 16 of 20 observed lessons in the term, which has ended → short by 4, so 不合格
    expect(r.stdout).toContain("每学期听课节数 差 4");
    // the group: (24 + 0) / 2 = 12, nobody meets everything; the 全校 row the same
    expect(r.stdout).toMatch(/^数学组     2    12     0      0%  /m);
    expect(r.stdout).toMatch(/^全校       2    12     0      0%$/m);
  });

  it("one teacher in English", async () => {
    const r = await run(repo, "--lang", "en", "score", "--teacher", "t01", "--term", "2025-2026-1");
    expect(r.code).toBe(0);
    // numbers right-aligned: before the cap 9, counted 8, cap 8
    expect(r.stdout).toMatch(/│ reflections\s+│\s+9 │\s+8 │\s+8 │/);
    expect(r.stdout).toContain("Total 24 hours, grade: fail");
  });

  it("the full result as JSON", async () => {
    const r = await run(repo, "score", "--year", "2025-2026", "--format", "json");
    expect((await run(repo, "score", "--year", "2025-2026", "--json")).stdout).toBe(r.stdout);
    const json = JSON.parse(r.stdout);
    expect(json.period).toEqual({ type: "year", id: "2025-2026", start: "2025-09-01", end: "2026-08-31" });
    expect(json.teachers.map((x: { teacher: string; total: number }) => [x.teacher, x.total])).toEqual([["t01", 24], ["t02", 0]]);
    expect(json.trace.some((e: { step: string; item: string }) => e.step === "cap" && e.item === "reflection")).toBe(true);
  });

  it("usage errors exit 2 with a suggestion", async () => {
    const a = await run(repo, "score", "--teacher", "t0l");
    expect([a.code, a.stderr]).toEqual([2, "yanxiu: 没有教师 t0l;是不是 t01?\n"]);
    const b = await run(repo, "--lang", "en", "score", "--term", "2025-2026-3");
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("no term 2025-2026-3 in the config; did you mean 2025-2026-1?");
    const c = await run(repo, "score", "--term", "2025-2026-1", "--cycle");
    expect(c.code).toBe(2);
  });

  it("broken rules: the problems, and exit 1", async () => {
    const broken = makeRepo("items:\n  - { id: x, kinds: [nope], each: 1 }\n");
    const r = await run(broken, "--lang", "en", "score");
    expect(r.code).toBe(1);
    // "  - { id: x, kinds: [nope], each: 1 }": "[" is column 21, the kind starts at 22
    expect(r.stderr).toContain("rules/extra.yaml:2:22");
    expect(r.stderr).toContain("kind 'nope' is not defined");
  });
});

describe("yanxiu rules test", () => {
  it("runs the presets' tests", async () => {
    const r = await run(project, "--lang", "en", "rules", "test");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("rules/xintian.test.yaml");
    expect(r.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
  });

  it("takes a school folder and runs the rule tests in its rules/", async () => {
    const r = await run(project, "--lang", "en", "rules", "test", "examples/demo-school");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("examples/demo-school/rules/xintian.test.yaml");
    // the demo school runs the presets: their 64 cases (rules/xintian.test.yaml)
    expect(r.stdout).toMatch(/\n64 passed, 0 failed\n$/);
  });

  it("shows a readable diff and exits 1 on failure", async () => {
    const dir = makeRepo();
    writeFileSync(
      join(dir, "rules", "bad.test.yaml"),
      `rules: [xintian.yaml]\ncases:\n  - name: wrong on purpose\n    records: [{ date: 2025-10-10, kind: reflection, count: 9 }]\n    expect: { items: { reflection: 9 } }\n`,
    );
    const r = await run(dir, "--lang", "en", "rules", "test", "rules/bad.test.yaml");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL  wrong on purpose  (rules/bad.test.yaml:3)");
    expect(r.stdout).toContain("items.reflection: expected 9, got 8");
    expect(r.stdout).toContain("0 passed, 1 failed");
  });
});
