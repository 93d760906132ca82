/**
 * CLI table for `yanxiu check`: each case overlays files on the mini-school fixture, runs
 * main() in-process and pins exit code and every problem as "file:line:col check".
 */
import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { REPO_ROOT, removeDir, tempDir, writeFiles } from "../helpers/temp-repo.js";

const MINI = join(REPO_ROOT, "test/fixtures/mini-school");
const made: string[] = [];
afterAll(() => made.forEach(removeDir));

function school(overlay: Record<string, string | Uint8Array> = {}): string {
  const dir = tempDir();
  made.push(dir);
  cpSync(MINI, dir, { recursive: true });
  writeFiles(dir, overlay);
  return dir;
}

interface JsonProblem {
  check: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

async function problemsOf(dir: string, args: string[] = []) {
  const r = await runCli(["check", dir, "--format", "json", ...args]);
  const parsed = JSON.parse(r.stdout) as { problems: JsonProblem[] };
  return { code: r.code, problems: parsed.problems, list: parsed.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.check}`) };
}

const T02 = "records/2025-2026-1/t02.yaml";

interface Case {
  name: string;
  overlay: Record<string, string>;
  exit: number;
  problems: string[];
}

const cases: Case[] = [
  { name: "the fixture is clean", overlay: {}, exit: 0, problems: [] },
  {
    name: "unknown field, with the closest field suggested",
    overlay: { [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 反思\n    word: 1200\n" },
    exit: 1,
    problems: [`${T02}:6:5 unknown-key`],
  },
  {
    name: "a date that does not exist",
    overlay: { [T02]: "teacher: t02\nrecords:\n  - date: 2026-02-30\n    kind: reflection\n    title: 反思\n" },
    exit: 1,
    problems: [`${T02}:3:11 date`],
  },
  {
    name: "unknown kind, still found when another field of the record is wrong",
    overlay: { [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflecton\n    title: 反思\n    hours: -1\n" },
    exit: 1,
    problems: [`${T02}:4:11 unknown-kind`, `${T02}:6:12 field-range`],
  },
  {
    name: "teacher not in the roster",
    overlay: { "records/2025-2026-1/t09.yaml": "teacher: t09\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 反思\n" },
    exit: 1,
    problems: ["records/2025-2026-1/t09.yaml:1:10 unknown-teacher"],
  },
  {
    name: "attendance naming a member of another group",
    overlay: {
      "sessions/2025-2026-1/chinese.yaml":
        "group: chinese\nsessions:\n  - date: 2025-09-18\n    kind: collective-prep\n    title: 备课\n    lead: t01\n    attendance:\n      t01: 出勤\n      t03: 出勤\n",
    },
    exit: 1,
    problems: ["sessions/2025-2026-1/chinese.yaml:9:7 attendance-not-member"],
  },
  {
    name: "session file for an unknown group, attendance value misspelt",
    overlay: {
      "sessions/2025-2026-1/music.yaml":
        "group: music\nsessions:\n  - date: 2025-09-18\n    kind: collective-prep\n    title: 备课\n    attendance:\n      t01: 出席了\n",
    },
    exit: 1,
    problems: ["sessions/2025-2026-1/music.yaml:1:8 unknown-group", "sessions/2025-2026-1/music.yaml:7:12 field-value"],
  },
  {
    name: "the same activity recorded twice, in two files",
    overlay: {
      "records/2025-2026-2/t01.yaml": "teacher: t01\nrecords:\n  - date: 2025-09-15\n    kind: observation\n    title: 听课《荷塘月色》\n    count: 2\n",
    },
    exit: 1,
    // The copy sits in term 2's folder although its date is in term 1: a warning as well.
    problems: ["records/2025-2026-2/t01.yaml:3:11 term-folder", "records/2025-2026-2/t01.yaml:5:12 duplicate-record"],
  },
  {
    name: "dates outside every term and in the future",
    overlay: { [T02]: "teacher: t02\nrecords:\n  - date: 2024-12-01\n    kind: reflection\n    title: 反思\n  - date: 2026-11-24\n    kind: reflection\n    title: 明天\n" },
    exit: 1,
    problems: [`${T02}:3:11 date-outside-term`, `${T02}:6:11 date-outside-term`, `${T02}:6:11 future-date`],
  },
  {
    name: "evidence missing, absolute and outside the repository",
    overlay: {
      [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 反思\n    evidence: [evidence/none.pdf, /etc/passwd, ../../x.txt]\n",
    },
    exit: 1,
    problems: [`${T02}:6:15 evidence`, `${T02}:6:15 evidence`, `${T02}:6:15 evidence`],
  },
  {
    name: "a kind's required fields",
    overlay: { [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: paper\n    title: 论文\n    level: 市级\n" },
    exit: 1,
    problems: [`${T02}:3:5 kind-fields`],
  },
  {
    name: "a record file holding another teacher's records is a warning only",
    overlay: { [T02]: "teacher: t03\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 反思\n" },
    exit: 0,
    problems: [`${T02}:1:10 record-file-owner`],
  },
  {
    name: "YAML syntax error in one file, the other files still checked",
    overlay: {
      [T02]: 'teacher: t02\nrecords:\n  - date: "2025-09-16\n',
      "records/2025-2026-1/t01.yaml": "teacher: t01\nrecords:\n  - date: 2025-09-15\n    kind: observaton\n    title: 听课\n",
    },
    exit: 1,
    problems: ["records/2025-2026-1/t01.yaml:4:11 unknown-kind", `${T02}:3:11 yaml-syntax`],
  },
  {
    name: "roster: ids equal but for case or full width, an unknown group",
    overlay: {
      "roster.yaml":
        "groups:\n  - { id: chinese, name: 语文组 }\n  - { id: math, name: 数学组 }\nteachers:\n  - { id: t01, name: 张, groups: [chinese] }\n  - { id: t02, name: 王, groups: [chinese] }\n  - { id: t03, name: 李, groups: [maths] }\n  - { id: T01, name: 赵 }\n",
    },
    exit: 1,
    problems: ["roster.yaml:7:34 unknown-group", "roster.yaml:8:11 roster-duplicate"],
  },
];

describe("yanxiu check: CLI table", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { code, list } = await problemsOf(school(c.overlay));
      expect(list).toEqual(c.problems);
      expect(code).toBe(c.exit);
    });
  }
});

describe("yanxiu check: messages and formats", () => {
  it("prints file:line:col, the source line, a caret under the place and a hint, in Chinese", async () => {
    const dir = school({ [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflecton\n    title: 反思\n" });
    const r = await runCli(["check", dir]);
    expect(r.stdout).toContain(
      [
        `${T02}:4:11: 错误[unknown-kind]: 规则中没有活动类型「reflecton」`,
        "  |",
        "4 |     kind: reflecton",
        "  |           ^^^^^^^^^",
        "  建议: 是不是「reflection」(教学反思)?",
      ].join("\n"),
    );
    expect(r.stdout).toContain("1 个错误,0 个警告");
  });

  it("speaks English with --lang en", async () => {
    const dir = school({ [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflecton\n    title: x\n" });
    const r = await runCli(["check", dir, "--lang", "en"]);
    expect(r.stdout).toContain(`${T02}:4:11: error[unknown-kind]: the rules define no activity kind 'reflecton'`);
    expect(r.stdout).toContain("hint: did you mean 'reflection' (teaching reflection)?");
  });

  it("puts the caret under CJK text by display width", async () => {
    const dir = school({ [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 反思\n    level: 特级\n" });
    const r = await runCli(["check", dir]);
    expect(r.stdout).toContain("6 |     level: 特级\n  |            ^^^^\n");
  });

  it("--format github writes workflow annotations", async () => {
    const dir = school({ [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: x\n    word: 1\n" });
    const r = await runCli(["check", dir, "--format", "github", "--lang", "en"]);
    expect(r.stdout).toBe(
      `::error file=${T02},line=6,col=5,title=unknown-key::unknown field 'word' (did you mean 'words'?)\n`,
    );
    expect(r.code).toBe(1);
  });

  it("--format json is the documented stable shape", async () => {
    const dir = school({ [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: x\n    word: 1\n" });
    const r = await runCli(["check", dir, "--format", "json", "--lang", "en"]);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ version: 1, errors: 1, warnings: 0 });
    expect(json.problems[0]).toEqual({
      check: "unknown-key",
      severity: "error",
      file: T02,
      line: 6,
      column: 5,
      endLine: 6,
      endColumn: 9,
      message: "unknown field 'word'",
      hint: "did you mean 'words'?",
      sourceLine: "    word: 1",
    });
  });

  it("checks only the files given, but against the whole repository", async () => {
    const dir = school({
      "records/2025-2026-2/t02.yaml": "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 第一单元教学反思\n",
      "records/2025-2026-2/t03.yaml": "teacher: t03\nrecords:\n  - date: 2026-03-01\n    kind: nothing\n    title: x\n",
    });
    const { list } = await problemsOf(dir);
    expect(list).toContain("records/2025-2026-2/t03.yaml:4:11 unknown-kind");
    const only = await runCli(["check", join(dir, "records/2025-2026-2/t02.yaml"), "--format", "json"]);
    const problems = JSON.parse(only.stdout).problems.map((p: JsonProblem) => `${p.file}:${p.line} ${p.check}`);
    // The duplicate's first copy is in records/2025-2026-1/t02.yaml, which was not named.
    expect(problems).toEqual(["records/2025-2026-2/t02.yaml:3 term-folder", "records/2025-2026-2/t02.yaml:5 duplicate-record"]);
  });

  it("switches checks off by flag and by config", async () => {
    const overlay = { "records/2025-2026-2/t02.yaml": "teacher: t02\nrecords:\n  - date: 2026-11-24\n    kind: reflection\n    title: 明天\n" };
    expect((await problemsOf(school(overlay), ["--disable", "future-date", "date-outside-term"])).list).toEqual([]);
    const cfg = school(overlay);
    writeFiles(cfg, { "yanxiu.yaml": (await import("node:fs")).readFileSync(join(MINI, "yanxiu.yaml"), "utf8").replace("checks: {}", "checks: { future-date: warning, date-outside-term: off }") });
    const r = await problemsOf(cfg);
    expect(r.problems.map((p) => `${p.check} ${p.severity}`)).toEqual(["future-date warning"]);
    expect(r.code).toBe(0);
  });
});

describe("yanxiu check: exit 2 when the tool cannot run", () => {
  it("no repository", async () => {
    const dir = tempDir();
    made.push(dir);
    const r = await runCli(["check", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^yanxiu: 找不到研修记录仓库/);
  });
  it("a path that does not exist", async () => {
    const r = await runCli(["check", "/nonexistent/place"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("路径不存在");
  });
  it("an unknown flag", async () => {
    const r = await runCli(["check", MINI, "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });
  it("a bad --format value", async () => {
    const r = await runCli(["check", MINI, "--format", "xml"]);
    expect(r.code).toBe(2);
  });
});
