import { afterEach, describe, expect, it } from "vitest";
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../helpers/run-cli.js";
import { removeDir, writeFiles } from "../helpers/temp-repo.js";
import { git, GIT_ENV, makeSchool, T01_FILE, T01_TEXT } from "./school.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function school() {
  const d = makeSchool();
  dirs.push(d);
  return d;
}

const OBSERVE = ["--teacher", "t01", "--kind", "observation", "--date", "2026-04-09", "--title", "听课《荷塘月色》", "--count", "2"];
const add = (dir: string, args: string[], env: Record<string, string> = {}) => runCli(["add", dir, ...args], { env: { ...GIT_ENV, ...env } });

describe("yanxiu add", () => {
  it("adds the record after the existing ones, keeping every original line byte for byte", async () => {
    const dir = school();
    const r = await add(dir, OBSERVE);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const after = readFileSync(join(dir, T01_FILE), "utf8");
    expect(after).toBe(T01_TEXT + ["  - date: 2026-04-09", "    kind: observation", "    title: 听课《荷塘月色》", "    count: 2", ""].join("\n"));
    expect(r.stdout).toContain(["已写入 records/2025-2026-2/t01.yaml:", "- date: 2026-04-09", "  kind: observation", "  title: 听课《荷塘月色》", "  count: 2", ""].join("\n"));
    expect(r.stdout).toContain("黄敏斌(t01) 2025—2026学年第二学期:");
    expect(r.stdout).toMatch(/每学期听课节数 \d+\/20/);
    expect(r.stdout).toMatch(/本学期合计 [\d.]+ 学时/);
    // The file passes check as written.
    const check = await runCli(["check", join(dir, T01_FILE)]);
    expect(check.stdout).toContain("没有发现问题");
  });

  it("reads full-width digits typed with a Chinese input method as the number, and writes 12", async () => {
    const dir = school();
    const args = OBSERVE.slice(0, -1).concat("１２");
    const r = await add(dir, args);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(T01_TEXT + ["  - date: 2026-04-09", "    kind: observation", "    title: 听课《荷塘月色》", "    count: 12", ""].join("\n"));
  });

  it("takes the kind by its Chinese label too, and writes its id", async () => {
    const dir = school();
    const r = await add(dir, ["--teacher", "t01", "--kind", "教学反思", "--date", "2026-04-09", "--title", "《春》教学反思", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  kind: reflection\n");
  });

  it("a date that does not exist is named as such", async () => {
    const r = await add(school(), ["--teacher", "t01", "--kind", "reflection", "--date", "2026-02-30", "--title", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("yanxiu: 日期不存在:2026-02-30(检查月份和日子,比如 2 月没有 30 日)\n");
  });

  it("keeps CRLF line endings and a BOM", async () => {
    const dir = school();
    const crlf = "\uFEFF" + T01_TEXT.replace(/\n/g, "\r\n");
    writeFileSync(join(dir, T01_FILE), crlf);
    expect((await add(dir, OBSERVE)).code).toBe(0);
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(
      crlf + "  - date: 2026-04-09\r\n    kind: observation\r\n    title: 听课《荷塘月色》\r\n    count: 2\r\n",
    );
  });

  it("creates the teacher's file for a new term with a header", async () => {
    const dir = school();
    rmSync(join(dir, T01_FILE));
    writeFiles(dir, { "evidence/t01/a.txt": "教案", "evidence/t01/b.txt": "反思" });
    const r = await add(dir, ["--teacher", "黄敏斌", "--kind", "reflection", "--date", "2026-03-20", "--title", "《春》教学反思", "--evidence", "evidence/t01/a.txt", "--evidence", "evidence/t01/b.txt"], {});
    expect(r.stdout).not.toContain("错误");
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe([
      "# 黄敏斌（t01） 2025—2026学年第二学期 研修记录",
      "teacher: t01",
      "records:",
      "  - date: 2026-03-20",
      "    kind: reflection",
      "    title: 《春》教学反思",
      "    evidence: [evidence/t01/a.txt, evidence/t01/b.txt]",
      "",
    ].join("\n"));
  });

  it("--dry-run prints the YAML and writes nothing", async () => {
    const dir = school();
    const r = await add(dir, [...OBSERVE, "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "(试运行,未写入)将在 records/2025-2026-2/t01.yaml 中添加:\n- date: 2026-04-09\n  kind: observation\n  title: 听课《荷塘月色》\n  count: 2\n",
    );
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(T01_TEXT);
    expect(existsSync(join(dir, ".yanxiu-cache/locks"))).toBe(false);
    expect(git(dir, "status", "--porcelain", "--", "records", "sessions").stdout).toBe("");
  });

  it("--commit commits just that file with a clear message", async () => {
    const dir = school();
    writeFileSync(join(dir, "roster.yaml"), readFileSync(join(dir, "roster.yaml"), "utf8") + "# staged, not ours\n");
    git(dir, "add", "roster.yaml");
    const r = await add(dir, [...OBSERVE, "--commit"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("已提交:records: t01 听课《荷塘月色》 2026-04-09\n");
    expect(git(dir, "log", "-1", "--format=%s").stdout).toBe("records: t01 听课《荷塘月色》 2026-04-09\n");
    expect(git(dir, "show", "--name-only", "--format=", "HEAD").stdout).toBe(`${T01_FILE}\n`);
    expect(git(dir, "status", "--porcelain").stdout).toBe("M  roster.yaml\n");
  });

  it("refuses a duplicate, in the problem format, and leaves the file alone", async () => {
    const dir = school();
    const r = await add(dir, ["--teacher", "t01", "--kind", "observation", "--date", "2026-03-05", "--title", "听课《春》(七年级)", "--count", "1"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      "records/2025-2026-2/t01.yaml:18:12: 错误[duplicate-record]: 重复记录:t01 在 2026-03-05 的「听课《春》(七年级)」已记录于 records/2025-2026-2/t01.yaml:6",
      "   |",
      "18 |     title: 听课《春》(七年级)",
      "   |            ^^^^^^^^^^^^^^^^^^",
      "  建议: 删除其中一条;若确是两次活动,在标题中加以区分",
      "",
      "1 个错误,0 个警告",
      "",
    ].join("\n"));
    expect(r.stderr).toBe("yanxiu: 记录未写入 records/2025-2026-2/t01.yaml\n");
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(T01_TEXT);
  });

  it("refuses an unknown teacher, suggesting the closest one by name and id", async () => {
    const dir = school();
    const r = await add(dir, ["--teacher", "t1", "--kind", "observation", "--date", "2026-04-09", "--title", "x", "--count", "1"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, "", "yanxiu: --teacher t1:名册里没有教师「t1」;是不是 黄敏斌(t01)?\n"]);
    expect(git(dir, "status", "--porcelain").stdout).toBe("");
  });

  it("refuses a value the schema rejects, pointing at the would-be line", async () => {
    const dir = school();
    const r = await add(dir, ["--teacher", "t01", "--kind", "paper", "--date", "2026-04-09", "--title", "论文", "--level", "镇级", "--award", "一等奖"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^records\/2025-2026-2\/t01\.yaml:19:12: 错误\[field-value\]/);
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(T01_TEXT);
  });

  it("without a terminal, names the missing flags and exits 2", async () => {
    const dir = school();
    const r = await add(dir, ["--kind", "observation", "--title", "x"]);
    expect(r).toEqual({ code: 2, stdout: "", stderr: "yanxiu: 缺少参数 --teacher、--date、--count(在终端中运行可逐项填写)\n" });
    const en = await add(dir, ["--lang", "en", "--teacher", "t01"]);
    expect(en.stderr).toBe("yanxiu: missing --kind, --date, --title (run it in a terminal to be asked for them)\n");
  });

  it("refuses a file that does not parse rather than overwrite it", async () => {
    const dir = school();
    const broken = "teacher: t01\nrecords:\n  - date: 2026-03-05\n   kind: observation\n";
    writeFileSync(join(dir, T01_FILE), broken);
    const r = await add(dir, OBSERVE);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("yanxiu: records/2025-2026-2/t01.yaml 无法解析,不会覆盖它;先修正上面的问题\n");
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(broken);
  });

  it("never writes into a file that holds another teacher's records", async () => {
    const dir = school();
    const other = T01_TEXT.replace("teacher: t01", "teacher: t02");
    writeFileSync(join(dir, T01_FILE), other);
    const r = await add(dir, OBSERVE);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("yanxiu: records/2025-2026-2/t01.yaml 中的 teacher 是「t02」而不是「t01」,不会写入别人的文件\n");
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(other);
  });

  it("leaves a read-only file untouched", async () => {
    const dir = school();
    chmodSync(join(dir, T01_FILE), 0o444);
    const r = await add(dir, OBSERVE);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("yanxiu: records/2025-2026-2/t01.yaml 是只读文件,未写入\n");
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(T01_TEXT);
  });

  it("a date in no term is refused", async () => {
    const dir = school();
    const r = await add(dir, [...OBSERVE.slice(0, 4), "--date", "2024-05-01", ...OBSERVE.slice(6)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("yanxiu.yaml: 错误[date-outside-term]: 日期 2024-05-01 不在任何学期之内");
  });

  it("records a group session with attendance into sessions/<term>/<group>.yaml", async () => {
    const dir = school();
    const file = join(dir, "sessions/2025-2026-2/science.yaml");
    rmSync(file, { force: true });
    const r = await add(dir, ["--group", "science", "--kind", "collective-prep", "--date", "2026-04-10", "--title", "《浮力》集体备课", "--lead", "t05", "--absent", "t23"]);
    expect(r.stdout).not.toContain("错误");
    expect(r.code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^# 科学组 2025—2026学年第二学期 教研活动\ngroup: science\nsessions:\n  - date: 2026-04-10\n    kind: collective-prep\n    title: 《浮力》集体备课\n    lead: t05\n    attendance:\n/);
    expect(text).toContain("      t05: 出勤\n");
    expect(text).toContain("      t23: 缺席\n");
  });

  it("reads dates as teachers type them and writes YYYY-MM-DD", async () => {
    // YANXIU_TODAY is unset here, so "4月9日" needs the year: only the full forms are tried through the CLI.
    for (const typed of ["2026/4/9", "2026年4月9日", "２０２６－０４－０９", "2026.04.09"]) {
      const r = await add(school(), [...OBSERVE.slice(0, 4), "--date", typed, ...OBSERVE.slice(6), "--dry-run"]);
      expect([r.code, r.stderr], typed).toEqual([0, ""]);
      expect(r.stdout, typed).toContain("- date: 2026-04-09\n");
    }
    const md = await add(school(), [...OBSERVE.slice(0, 4), "--date", "4月9日", ...OBSERVE.slice(6), "--dry-run"], { YANXIU_TODAY: "2026-04-20" });
    expect(md.stdout).toContain("- date: 2026-04-09\n");
    const bad = await add(school(), [...OBSERVE.slice(0, 4), "--date", "上周二", ...OBSERVE.slice(6)]);
    expect([bad.code, bad.stderr]).toEqual([2, "yanxiu: 日期应写成 2026-11-12(也可以 2026/11/12、2026年11月12日、11-12、11月12日),而不是「上周二」\n"]);
  });

  it("takes names wherever an id is expected: --group by the group's name, --lead and --late by a teacher's name", async () => {
    const dir = school();
    const file = join(dir, "sessions/2025-2026-2/science.yaml");
    rmSync(file, { force: true });
    // 科学教研组: the group is called 科学组 in the roster; 周娟博 is t05, 李鹏伟 is t23.
    const r = await add(dir, ["--group", "科学教研组", "--kind", "collective-prep", "--date", "2026-04-10", "--title", "《浮力》集体备课", "--lead", "周娟博", "--late", "李鹏伟"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("group: science\n");
    expect(text).toContain("    lead: t05\n");
    expect(text).toContain("      t05: 出勤\n");
    expect(text).toContain("      t23: 迟到\n");
  });

  it("an attendance name that is not in the roster is refused with the closest one, and nothing is written", async () => {
    const dir = school();
    const r = await add(dir, ["--group", "science", "--kind", "collective-prep", "--date", "2026-04-10", "--title", "x", "--absent", "t05,李鹏"]);
    expect([r.code, r.stderr]).toEqual([2, "yanxiu: --absent 李鹏:名册里没有教师「李鹏」;是不是 李鹏伟(t23)?\n"]);
    expect(git(dir, "status", "--porcelain").stdout).toBe("");
  });

  it("warns when the record will earn nothing under the rules, and still writes it", async () => {
    const dir = school();
    // The rules credit papers from 区级 up: a 校级 paper has no entry in the table.
    const r = await add(dir, ["--teacher", "t01", "--kind", "paper", "--level", "校级", "--award", "一等奖", "--date", "2026-04-09", "--title", "论文《群文阅读》"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("yanxiu: 注意:按现行规则这条记录不计学时(规则表中没有这个级别/等次);仍可以写入\n");
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toContain("    level: 校级\n");
    // A record that earns credit says nothing of the kind.
    const paid = await add(dir, ["--teacher", "t01", "--kind", "paper", "--level", "区级", "--award", "一等奖", "--date", "2026-04-10", "--title", "论文《整本书阅读》"]);
    expect([paid.code, paid.stderr]).toEqual([0, ""]);
  });
});
