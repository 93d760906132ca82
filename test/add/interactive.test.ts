/** The prompts, driven by typing into @inquirer's input stream as a teacher would at a terminal. */
import { afterEach, describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { removeDir } from "../helpers/temp-repo.js";
import { git, GIT_ENV, makeSchool, T01_FILE, T01_TEXT } from "./school.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const ENTER = "\r";
const DOWN = "\u001b[B";
const UP = "\u001b[A";

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

/** Position of a kind in the rule file's order (the order the prompt lists them). */
function kindIndex(dir: string, id: string | undefined): number {
  const rules = parse(readFileSync(join(dir, "rules/xintian.yaml"), "utf8")).kinds.filter((k: { session?: boolean }) => !k.session);
  return rules.findIndex((k: { id: string }) => k.id === id);
}
