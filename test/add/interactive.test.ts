/** The prompts, driven by typing into @inquirer's input stream as a teacher would at a terminal. */
import { afterEach, describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { removeDir } from "../helpers/temp-repo.js";
import { git, GIT_ENV, makeSchool, T01_FILE, T01_TEXT } from "./school.js";
import { writeFiles } from "../helpers/temp-repo.js";
import { runCli } from "../helpers/run-cli.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const ENTER = "\r";
const DOWN = "\u001b[B";
const UP = "\u001b[A";
const CTRL_C = "\u0003";
const BACKSPACE = "\u007f";

/**
 * A fake terminal. Each answer waits for the previous prompt to finish (its "✔" line), then
 * types; the transcript shows what was asked.
 */
function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  // Like process.stdout, the screen cannot be closed: each prompt ends its output stream when done.
  const stdout = Object.assign(new PassThrough(), { isTTY: true, end: () => stdout });
  let screen = "";
  let answered = 0;
  stdout.on("data", (d) => (screen += d));
  const plain = () => screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
  return {
    stdin,
    stdout,
    text: plain,
    async answer(...keys: string[]) {
      const end = Date.now() + 20_000;
      while ((plain().match(/✔/g)?.length ?? 0) < answered) {
        if (Date.now() > end) throw new Error(`prompt ${answered} did not finish:\n${plain().slice(-400)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      // The prompt listens for keys only once it is set up; give it a moment.
      await new Promise((r) => setTimeout(r, 50));
      answered++;
      for (const k of keys) stdin.write(k);
    },
    /** Types once `text` is on the screen: for a prompt asked again, or the confirmation after the check. */
    async when(text: string, ...keys: string[]) {
      const end = Date.now() + 20_000;
      while (!plain().includes(text)) {
        if (Date.now() > end) throw new Error(`'${text}' never shown:\n${plain().slice(-400)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, 50));
      if (text.startsWith("?") || text.includes("写入这条记录")) answered++;
      for (const k of keys) stdin.write(k);
    },
  };
}

function run(dir: string, argv: string[], term: ReturnType<typeof terminal>) {
  let stderr = "";
  const code = main({
    argv: ["add", dir, ...argv],
    cwd: dir,
    stdin: term.stdin,
    stdout: term.stdout,
    stderr: { write: (s: string) => (stderr += s) },
    env: { ...GIT_ENV, NO_COLOR: "1", YANXIU_TODAY: "2026-04-20" },
  });
  return code.then((c) => ({ code: c, stderr }));
}

describe("yanxiu add at a terminal", () => {
  it("asks for what the flags left out, with the teacher from git's e-mail and earlier answers as defaults", async () => {
    const dir = makeSchool();
    dirs.push(dir);
    const email = parse(readFileSync(join(dir, "roster.yaml"), "utf8")).teachers.find((x: { id: string }) => x.id === "t01").emails[0];
    git(dir, "config", "user.email", email);
    const term = terminal();
    const done = run(dir, ["--kind", "observation"], term);
    await term.answer(ENTER); // teacher: the roster teacher with git's e-mail
    await term.answer(ENTER); // date: today
    await term.answer("听课《雷雨》", ENTER); // title: replaces the suggested earlier one
    await term.answer(ENTER); // count: 2, as in the earlier observation record
    await term.answer(ENTER); // evidence: none
    await term.when("? 写入这条记录?", ENTER); // write it? yes
    const r = await done;
    expect(r).toEqual({ code: 0, stderr: "" });
    const shown = term.text();
    expect(shown).toContain("✔ 教师 黄敏斌(t01)");
    expect(shown).toContain("✔ 日期 2026-04-20");
    expect(shown).toContain("标题 (听课《春》(七年级))"); // the earlier title offered as default
    expect(shown).toContain("✔ 标题 听课《雷雨》");
    expect(shown).toContain("✔ 数量(节/次) 2");
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(
      T01_TEXT + "  - date: 2026-04-20\n    kind: observation\n    title: 听课《雷雨》\n    count: 2\n",
    );
  });

  it("offers the kinds and the vocabulary of the fields a kind needs", async () => {
    const dir = makeSchool();
    dirs.push(dir);
    const term = terminal();
    const done = run(dir, ["--teacher", "t01", "--date", "2026-04-18", "--title", "论文《群文阅读》"], term);
    // The kind prompt opens on the teacher's latest kind (reflection); arrow down to paper.
    const steps = kindIndex(dir, "paper") - kindIndex(dir, "reflection");
    await term.answer(...Array(steps < 0 ? -steps : steps).fill(steps < 0 ? UP : DOWN), ENTER);
    await term.answer(DOWN, DOWN, ENTER); // level: 校级 → 片级 → 区县级
    await term.answer(ENTER); // award: 一等奖
    await term.answer(ENTER); // evidence: none
    await term.when("? 写入这条记录?", ENTER); // write it? yes
    expect(await done).toEqual({ code: 0, stderr: "" });
    expect(term.text()).toContain("❯ 教学反思(reflection)");
    expect(term.text()).toContain("✔ 活动类型 论文(paper)");
    expect(term.text()).toContain("✔ 级别 区县级");
    const records = parse(readFileSync(join(dir, T01_FILE), "utf8")).records;
    expect(records.at(-1)).toEqual({ date: "2026-04-18", kind: "paper", title: "论文《群文阅读》", level: "区县级", award: "一等奖" });
  });

  it("asks one attendance answer per member for a group session", async () => {
    const dir = makeSchool();
    dirs.push(dir);
    const term = terminal();
    const done = run(dir, ["--group", "science", "--kind", "collective-prep", "--date", "2026-04-16", "--title", "《电路》集体备课"], term);
    await term.answer(DOWN, ENTER); // lead: (无) → the first member
    await term.answer(ENTER); // first member: 出勤
    await term.answer(DOWN, DOWN, ENTER); // second member: 出勤 → 缺席 → 请假
    await term.when("? 写入这条记录?", ENTER); // write it? yes
    expect(await done).toEqual({ code: 0, stderr: "" });
    const sessions = parse(readFileSync(join(dir, "sessions/2025-2026-2/science.yaml"), "utf8")).sessions;
    const members = parse(readFileSync(join(dir, "roster.yaml"), "utf8")).teachers
      .filter((x: { groups?: string[] }) => x.groups?.includes("science")).map((x: { id: string }) => x.id);
    expect(sessions.at(-1)).toEqual({
      date: "2026-04-16", kind: "collective-prep", title: "《电路》集体备课", lead: members[0],
      attendance: { [members[0]]: "出勤", [members[1]]: "请假" },
    });
  });
});

describe("yanxiu add at a terminal: mistakes, Ctrl-C and the confirmation", () => {
  it("a wrong evidence path after six answers asks for the path again, nothing else, and keeps every other answer", async () => {
    const dir = makeSchool();
    dirs.push(dir);
    writeFiles(dir, { "evidence/t01/听课记录.txt": "听课记录" });
    const term = terminal();
    const done = run(dir, [], term);
    await term.answer(ENTER); // 1 teacher: the first, 黄敏斌(t01)
    const steps = kindIndex(dir, "observation") - kindIndex(dir, "reflection");
    await term.answer(...Array(Math.abs(steps)).fill(steps < 0 ? UP : DOWN), ENTER); // 2 kind: observation
    await term.answer("2026年4月18日", ENTER); // 3 date, as typed with a Chinese input method
    await term.answer("听课《背影》", ENTER); // 4 title
    await term.answer(BACKSPACE, "３", ENTER); // 5 count: the suggested 2 replaced by a full-width 3
    await term.answer("evidence/t01/听课记录.pdf", ENTER); // 6 evidence: no such file
    // Asked again: the path, put back on the line to be corrected (.pdf → .txt).
    await term.when("请重新填写", ...Array(3).fill(BACKSPACE), "txt", ENTER);
    await term.when("? 写入这条记录?", ENTER); // write it? yes
    expect(await done).toEqual({ code: 0, stderr: "" });
    const shown = term.text();
    expect(shown).toContain("✔ 日期 2026-04-18");
    expect(shown).toContain("✔ 数量(节/次) 3");
    expect(shown).toContain("请重新填写:证明材料(其他回答都保留)");
    expect(shown).toContain("✔ 证明材料路径(可留空) evidence/t01/听课记录.txt");
    // Every other question was asked once, the path twice.
    for (const asked of ["✔ 教师", "✔ 活动类型", "✔ 日期", "✔ 标题", "✔ 数量"]) expect(shown.split(asked).length - 1, asked).toBe(1);
    expect(shown.split("✔ 证明材料路径").length - 1).toBe(2);
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(
      T01_TEXT + "  - date: 2026-04-18\n    kind: observation\n    title: 听课《背影》\n    count: 3\n    evidence: evidence/t01/听课记录.txt\n",
    );
  });

  it("a wrong answer at a prompt is said on the spot and asked again: a date that does not exist, a name not in the roster", async () => {
    const dir = makeSchool();
    dirs.push(dir);
    const term = terminal();
    const done = run(dir, ["--teacher", "黄敏", "--kind", "reflection", "--title", "《背影》教学反思"], term);
    await term.answer(ENTER); // the teacher, asked since 黄敏 is nobody: the first, 黄敏斌(t01)
    await term.answer("2026/2/30", ENTER); // no such day: the prompt stays open
    await term.when("日期不存在", ...Array(9).fill(BACKSPACE), "4/18", ENTER); // 4月18日 of this year
    await term.answer(ENTER); // evidence: none
    await term.when("? 写入这条记录?", ENTER); // write it? yes
    expect(await done).toEqual({ code: 0, stderr: "" });
    expect(term.text()).toMatch(/^yanxiu: --teacher 黄敏:名册里没有教师「黄敏」;是不是 黄敏斌\(t01\)\?\n\? 教师/);
    expect(term.text()).toContain("日期不存在:2026/2/30(检查月份和日子,比如 2 月没有 30 日)");
    expect(term.text()).toContain("✔ 日期 2026-04-18");
    expect(parse(readFileSync(join(dir, T01_FILE), "utf8")).records.at(-1)).toEqual({ date: "2026-04-18", kind: "reflection", title: "《背影》教学反思" });
  });

  it("shows the record and the credit it will earn before writing; declining writes nothing", async () => {
    const dir = makeSchool();
    dirs.push(dir);
    const before = JSON.parse((await runCli(["score", dir, "--term", "2025-2026-2", "--teacher", "t01", "--format", "json"], { env: { YANXIU_TODAY: "2026-04-20" } })).stdout);
    const total = before.teachers[0].total as number;
    const term = terminal();
    // Every field given: nothing is asked but whether to write it.
    const done = run(dir, ["--teacher", "t01", "--kind", "reflection", "--date", "2026-04-18", "--title", "《背影》教学反思"], term);
    await term.when("? 写入这条记录?", "n", ENTER); // write it? no
    const r = await done;
    expect(r).toEqual({ code: 1, stderr: "yanxiu: 已取消,未写入\n" });
    // A reflection earns 1 学时 (each: 1; t01 has 3 this year, under the cap of 8).
    expect(term.text()).toContain([
      "将写入 records/2025-2026-2/t01.yaml:",
      "- date: 2026-04-18",
      "  kind: reflection",
      "  title: 《背影》教学反思",
      `学时:黄敏斌(t01) 本学期 ${total} → ${total + 1} 学时(+1)`,
    ].join("\n"));
    // …and the year's requirements it moves, each by the same 1 (both count business hours).
    for (const [label, goal] of [["业务研修至少 42 学时", 42], ["全年 48 学时", 48]] as const) {
      const m = new RegExp(`\n  ${label} (\\d+) → (\\d+)/${goal}\n`).exec(term.text());
      expect(m, label).not.toBeNull();
      expect(Number(m![2]) - Number(m![1]), label).toBe(1);
    }
    expect(term.text()).not.toContain("注意");
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(T01_TEXT);
  });

  it("warns before writing a record that earns nothing (a level the rules do not credit), and writes it when the teacher says so", async () => {
    const dir = makeSchool();
    dirs.push(dir);
    const term = terminal();
    const done = run(dir, ["--teacher", "t01", "--kind", "paper", "--level", "校级", "--award", "一等奖", "--date", "2026-04-18", "--title", "论文《群文阅读》"], term);
    await term.when("? 写入这条记录?", ENTER); // write it? yes, even so
    expect(await done).toEqual({ code: 0, stderr: "" });
    expect(term.text()).toMatch(/学时:黄敏斌\(t01\) 本学期 ([\d.]+) → \1 学时\(\+0\)\n注意:按现行规则这条记录不计学时\(规则表中没有这个级别\/等次\);仍可以写入\n/);
    expect(parse(readFileSync(join(dir, T01_FILE), "utf8")).records.at(-1)).toMatchObject({ kind: "paper", level: "校级" });
  });

  it("Ctrl-C at a prompt is 已取消 with exit 130, not an internal error, and the file is left as it was", async () => {
    const dir = makeSchool();
    dirs.push(dir);
    const term = terminal();
    const done = run(dir, ["--teacher", "t01", "--kind", "reflection", "--date", "2026-04-18"], term);
    await term.answer("《背影》", CTRL_C);
    expect(await done).toEqual({ code: 130, stderr: "yanxiu: 已取消,未写入\n" });
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(T01_TEXT);
    expect(git(dir, "status", "--porcelain").stdout).toBe("");
  });
});

/** Position of a kind in the rule file's order (the order the prompt lists them). */
function kindIndex(dir: string, id: string | undefined): number {
  const rules = parse(readFileSync(join(dir, "rules/xintian.yaml"), "utf8")).kinds.filter((k: { session?: boolean }) => !k.session);
  return rules.findIndex((k: { id: string }) => k.id === id);
}
