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
  return { code: r.code, problems: parsed.problems, list: parsed.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.check}`), full: parsed.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.check} ${p.message} | ${p.hint ?? ""}`) };
}

const T02 = "records/2025-2026-1/t02.yaml";

interface Case {
  name: string;
  overlay: Record<string, string>;
  exit: number;
  problems: string[];
  /** The same problems with their Chinese message and hint. */
  messages?: string[];
}

const cases: Case[] = [
  { name: "the fixture is clean", overlay: {}, exit: 0, problems: [] },
  {
    name: "unknown field, with the closest field suggested",
    overlay: { [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 反思\n    word: 1200\n" },
    exit: 1,
    problems: [`${T02}:6:5 unknown-key`],
    messages: [
      "records/2025-2026-1/t02.yaml:6:5 unknown-key 未知的字段「word」 | 是不是「words」?",
    ],
  },
  {
    name: "a date that does not exist",
    overlay: { [T02]: "teacher: t02\nrecords:\n  - date: 2026-02-30\n    kind: reflection\n    title: 反思\n" },
    exit: 1,
    problems: [`${T02}:3:11 date`],
    messages: [
      "records/2025-2026-1/t02.yaml:3:11 date 日期不存在:2026-02-30 | 检查月份和日子(比如 2 月没有 30 日)",
    ],
  },
  {
    name: "unknown kind, still found when another field of the record is wrong",
    overlay: { [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflecton\n    title: 反思\n    hours: -1\n" },
    exit: 1,
    problems: [`${T02}:4:11 unknown-kind`, `${T02}:6:12 field-range`],
    messages: [
      "records/2025-2026-1/t02.yaml:4:11 unknown-kind 规则中没有活动类型「reflecton」 | 是不是「reflection」(教学反思)?",
      "records/2025-2026-1/t02.yaml:6:12 field-range 「hours」应大于 0,实际是 number -1 | 写一个正数",
    ],
  },
  {
    name: "teacher not in the roster",
    overlay: { "records/2025-2026-1/t09.yaml": "teacher: t09\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 反思\n" },
    exit: 1,
    problems: ["records/2025-2026-1/t09.yaml:1:10 unknown-teacher"],
    messages: [
      "records/2025-2026-1/t09.yaml:1:10 unknown-teacher 名册中没有教师「t09」 | 是不是「t01」(张丽)?若是新来的教师,先把他加进 roster.yaml 的 teachers",
    ],
  },
  {
    name: "a teacher named instead of given by id",
    overlay: { "records/2025-2026-1/t02.yaml": "teacher: 王强\nrecords: []\n" },
    exit: 1,
    // One problem, saying which id (and --fix writes it).
    problems: ["records/2025-2026-1/t02.yaml:1:10 unknown-teacher"],
    messages: [
      "records/2025-2026-1/t02.yaml:1:10 unknown-teacher 这里要写教师编号,不是姓名:「王强」的编号是 t02 | 写成 t02(王强)",
    ],
  },
  {
    name: "attendance naming a member of another group",
    overlay: {
      "sessions/2025-2026-1/chinese.yaml":
        "group: chinese\nsessions:\n  - date: 2025-09-18\n    kind: collective-prep\n    title: 备课\n    lead: t01\n    attendance:\n      t01: 出勤\n      t03: 出勤\n",
    },
    exit: 1,
    problems: ["sessions/2025-2026-1/chinese.yaml:9:7 attendance-not-member"],
    messages: [
      "sessions/2025-2026-1/chinese.yaml:9:7 attendance-not-member 李敏(t03)不是「语文教研组」的成员 | 从考勤中删除,或在 roster.yaml 中把 chinese 加入其 groups",
    ],
  },
  {
    name: "session file for an unknown group, attendance value misspelt",
    overlay: {
      "sessions/2025-2026-1/music.yaml":
        "group: music\nsessions:\n  - date: 2025-09-18\n    kind: collective-prep\n    title: 备课\n    attendance:\n      t01: 出席了\n",
    },
    exit: 1,
    problems: ["sessions/2025-2026-1/music.yaml:1:8 unknown-group", "sessions/2025-2026-1/music.yaml:7:12 field-value"],
    messages: [
      "sessions/2025-2026-1/music.yaml:1:8 unknown-group 名册中没有教研组「music」 | 先在 roster.yaml 的 groups 中添加,或改成已有的编号",
      "sessions/2025-2026-1/music.yaml:7:12 field-value 「attendance.t01」的值 \"出席了\" 不在允许范围内 | 是不是「出席」?",
    ],
  },
  {
    name: "the same activity recorded twice, in two files",
    overlay: {
      "records/2025-2026-2/t01.yaml": "teacher: t01\nrecords:\n  - date: 2025-09-15\n    kind: observation\n    title: 听课《荷塘月色》\n    count: 2\n",
    },
    exit: 1,
    // The copy sits in term 2's folder although its date is in term 1: a warning as well, and no
    // move (term 1's file exists): the hint says to cut the entry into it.
    problems: ["records/2025-2026-2/t01.yaml:3:11 term-folder", "records/2025-2026-2/t01.yaml:5:12 duplicate-record"],
    messages: [
      "records/2025-2026-2/t01.yaml:3:11 term-folder 2025-09-15 属于学期 2025-2026-1,但记录放在 2025-2026-2 文件夹中 | records/2025-2026-1/t01.yaml 已经存在,不能整个移过去:把这一条剪切到那个文件的列表里(本文件空了就删掉)",
      "records/2025-2026-2/t01.yaml:5:12 duplicate-record 重复记录:t01 在 2025-09-15 的「听课《荷塘月色》」已记录于 records/2025-2026-1/t01.yaml:4 | 删除其中一条;若确是两次活动,在标题中加以区分",
    ],
  },
  {
    name: "dates outside every term and in the future",
    overlay: { [T02]: "teacher: t02\nrecords:\n  - date: 2024-12-01\n    kind: reflection\n    title: 反思\n  - date: 2026-11-24\n    kind: reflection\n    title: 明天\n" },
    exit: 1,
    problems: [`${T02}:3:11 date-outside-term`, `${T02}:6:11 date-outside-term`, `${T02}:6:11 future-date`],
    messages: [
      "records/2025-2026-1/t02.yaml:3:11 date-outside-term 日期 2024-12-01 不在任何学期之内 | 检查日期,或在 yanxiu.yaml 中定义这个学期(已有 2025-2026-1: 2025-09-01~2026-01-31; 2025-2026-2: 2026-02-01~2026-08-31)",
      "records/2025-2026-1/t02.yaml:6:11 date-outside-term 日期 2026-11-24 不在任何学期之内 | 检查日期,或在 yanxiu.yaml 中定义这个学期(已有 2025-2026-1: 2025-09-01~2026-01-31; 2025-2026-2: 2026-02-01~2026-08-31)",
      "records/2025-2026-1/t02.yaml:6:11 future-date 日期 2026-11-24 在今天(2026-11-23)之后 | 活动结束后再记录,或改正日期",
    ],
  },
  {
    name: "evidence missing, absolute and outside the repository",
    overlay: {
      [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 反思\n    evidence: [evidence/none.pdf, /etc/passwd, ../../x.txt]\n",
    },
    exit: 1,
    problems: [`${T02}:6:15 evidence`, `${T02}:6:15 evidence`, `${T02}:6:15 evidence`],
    // Problems at one place come in the order of their message ids (evidence.absolute, .missing, .outside), whatever the language.
    messages: [
      "records/2025-2026-1/t02.yaml:6:15 evidence 证明材料用了绝对路径:/etc/passwd | 把文件复制到仓库的 evidence/ 下,写相对路径如 evidence/t01/证书.pdf",
      "records/2025-2026-1/t02.yaml:6:15 evidence 找不到证明材料:evidence/none.pdf | 把文件放进 evidence/ 并提交,或改正路径(相对于仓库根目录)",
      "records/2025-2026-1/t02.yaml:6:15 evidence 证明材料在仓库之外:../../x.txt | 把文件复制到仓库的 evidence/ 下,写相对路径如 evidence/t01/证书.pdf",
    ],
  },
  {
    name: "a kind's required fields",
    overlay: { [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: paper\n    title: 论文\n    level: 市级\n" },
    exit: 1,
    problems: [`${T02}:3:5 kind-fields`],
    messages: [
      "records/2025-2026-1/t02.yaml:3:5 kind-fields 「论文」需要填写等次(award) | 加上 award: …",
    ],
  },
  {
    name: "a group session written in a teacher's own file, a paper written as a group session",
    overlay: {
      [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: collective-prep\n    title: 自己记的集体备课\n",
      "sessions/2025-2026-1/chinese.yaml":
        "group: chinese\nsessions:\n  - date: 2025-09-18\n    kind: paper\n    title: 全组论文\n    level: 市级\n    award: 一等奖\n    attendance:\n      t01: 出勤\n      t02: 出勤\n",
    },
    exit: 1,
    problems: [`${T02}:4:11 kind-place`, "sessions/2025-2026-1/chinese.yaml:4:11 kind-place"],
    messages: [
      `${T02}:4:11 kind-place 「集体备课」是教研组活动,要由组长记在 sessions/ 中并登记考勤 | 请组长用 yanxiu add --group <组> 记录,删除这一条`,
      "sessions/2025-2026-1/chinese.yaml:4:11 kind-place 「论文」是个人活动,不能记在教研组活动文件里(会给全组每人计学时) | 把它移到本人的记录文件 records/<学期>/<教师编号>.yaml",
    ],
  },
  {
    name: "a record file holding another teacher's records is an error",
    overlay: { [T02]: "teacher: t03\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 反思\n" },
    exit: 1,
    problems: [`${T02}:1:10 record-file-owner`],
    messages: [
      "records/2025-2026-1/t02.yaml:1:10 record-file-owner 文件名是 t02,但 teacher 写的是 t03 | 把这些记录移到 records/2025-2026-1/t03.yaml(已有则并入其中),或改正 teacher",
    ],
  },
  {
    name: "YAML syntax error in one file, the other files still checked",
    overlay: {
      [T02]: 'teacher: t02\nrecords:\n  - date: "2025-09-16\n',
      "records/2025-2026-1/t01.yaml": "teacher: t01\nrecords:\n  - date: 2025-09-15\n    kind: observaton\n    title: 听课\n",
    },
    exit: 1,
    problems: ["records/2025-2026-1/t01.yaml:4:11 unknown-kind", `${T02}:3:11 yaml-syntax`],
    messages: [
      "records/2025-2026-1/t01.yaml:4:11 unknown-kind 规则中没有活动类型「observaton」 | 是不是「observation」(听课)?",
      "records/2025-2026-1/t02.yaml:3:11 yaml-syntax YAML 语法错误:这里的 \" 没有闭合 | 在值的末尾补上 \"",
    ],
  },
  {
    name: "roster: ids equal but for case or full width, an unknown group",
    overlay: {
      "roster.yaml":
        "groups:\n  - { id: chinese, name: 语文组 }\n  - { id: math, name: 数学组 }\nteachers:\n  - { id: t01, name: 张, groups: [chinese] }\n  - { id: t02, name: 王, groups: [chinese] }\n  - { id: t03, name: 李, groups: [maths] }\n  - { id: T01, name: 赵 }\n",
    },
    exit: 1,
    problems: ["roster.yaml:7:34 unknown-group", "roster.yaml:8:11 roster-duplicate"],
    messages: [
      "roster.yaml:7:34 unknown-group 名册中没有教研组「maths」 | 是不是「math」?",
      "roster.yaml:8:11 roster-duplicate 教师编号「T01」与「t01」只差大小写或全角,容易混淆 | 每位教师用一个不同的编号",
    ],
  },
];

describe("yanxiu check: CLI table", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { code, list, full } = await problemsOf(school(c.overlay));
      expect(list).toEqual(c.problems);
      if (c.messages) expect(full).toEqual(c.messages);
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
      `::error file=${T02},line=6,endLine=6,col=5,endColumn=9,title=unknown-key::unknown field 'word' (did you mean 'words'?)\n`,
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
      messageId: "unknown-key",
      data: { key: "word" },
    });
  });

  it("--format json names the catalogue message by id and data, the same in both languages", async () => {
    const dir = school({ [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: 教学反思\n    title: x\n" });
    const pick = (p: JsonProblem & { messageId?: string; data?: unknown }) => [p.check, p.messageId, p.data, p.message, p.hint];
    const zh = JSON.parse((await runCli(["check", dir, "--format", "json"])).stdout).problems.filter((p: JsonProblem) => p.check === "unknown-kind");
    const en = JSON.parse((await runCli(["check", dir, "--format", "json", "--lang", "en"])).stdout).problems.filter((p: JsonProblem) => p.check === "unknown-kind");
    expect(zh.map(pick)).toEqual([["unknown-kind", "unknown-kind.label", { label: "教学反思", id: "reflection" },
      "「教学反思」是活动类型的名称,文件里要写它的编号 reflection", "写成 kind: reflection"]]);
    expect(en.map(pick)).toEqual([["unknown-kind", "unknown-kind.label", { label: "教学反思", id: "reflection" },
      "'教学反思' is a kind's label; files give the kind's id, reflection", "write kind: reflection"]]);
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
    expect((await problemsOf(school(overlay), ["--disable", "future-date,date-outside-term"])).list).toEqual([]);
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
    expect(r.stderr).toMatch(/^错误:没有选项 --bogus\n/);
    expect((await runCli(["check", MINI, "--bogus", "--lang", "en"])).stderr).toMatch(/^error: unknown option '--bogus'\n/);
  });
  it("an unknown check name for --disable, with a suggestion", async () => {
    const r = await runCli(["check", MINI, "--disable", "future-dates", "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("yanxiu: there is no check named future-dates; did you mean future-date? (see docs/check.md)\n");
  });
  it("--disable knows the typing checks too: a tab in the indentation, switched off, is read as spaces and not reported", async () => {
    const dir = school({ [T02]: "teacher: t02\nrecords:\n  - date: 2025-09-16\n\tkind: reflection\n    title: 第一单元教学反思\n" });
    expect((await problemsOf(dir)).list).toEqual([`${T02}:4:1 tab-indent`]);
    const off = await runCli(["check", dir, "--disable", "tab-indent,full-width-syntax,unquoted-colon,line-endings", "--format", "json"]);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).problems).toEqual([]);
  });
  it("--disable does not swallow the paths after it", async () => {
    const r = await runCli(["check", "--disable", "future-date", MINI]);
    expect(r.code).toBe(0);
  });
  it("a bad --format value", async () => {
    const r = await runCli(["check", MINI, "--format", "xml"]);
    expect(r.code).toBe(2);
  });
});
