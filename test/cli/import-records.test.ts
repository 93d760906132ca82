/** `yanxiu import records`: spreadsheet rows into record and session files, all rows or none. */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runBin, runCli } from "../helpers/run-cli.js";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";
import { faultyFs } from "../helpers/faulty-fs.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));
const demo = () => {
  const d = copyDemoSchool();
  made.push(d);
  return d;
};
const T10 = "records/2025-2026-1/t10.yaml";
const T11 = "records/2025-2026-1/t11.yaml";
const read = (dir: string, f: string) => readFileSync(join(dir, f), "utf8");

describe("yanxiu import records", () => {
  it("csv with Chinese headers: teacher by id or name, kind by label, dates as typed; preview with what the rows earn; appended keeping every byte", async () => {
    const dir = demo();
    const before = read(dir, T10);
    writeFileSync(join(dir, "r.csv"), "\uFEFF工号,姓名,日期,类型,名称,字数,数量\r\nt10,张明,2025/10/9,教学反思,三年级英语第五单元教学反思,1500,\r\n,张明,2025年11月5日,observation,11月听课记录,,３\r\n");
    const dry = await runCli(["import", "records", join(dir, "r.csv"), dir, "--dry-run"]);
    // t10's first term (explain): 26 学时 = 师德 6 + 计划 4 + 教学反思 2 records × 1 + 研讨 5 × 3 → cap 8
    // + 主备 (2025-11-27) 4 + 观课议课 7 lessons → 5 − 3×1 = 2.
    // +1 reflection (each 1, cap 8 not reached); the 3 lessons come without their 记录册 page, which 新田
    // needs, so they earn nothing (the tier stays at 7): 26 + 1 = 27.
    expect([dry.code, dry.stdout]).toEqual([0, "张明(t10) 2025—2026学年第一学期:2 条记录,本学期合计 26 → 27 学时(+1) → records/2025-2026-1/t10.yaml\n"]);
    expect(dry.stderr).toBe("预览:2 条记录,1 个文件;未写入(去掉 --dry-run 写入)\n");
    expect(read(dir, T10)).toBe(before);

    const r = await runCli(["import", "records", join(dir, "r.csv"), dir]);
    expect([r.code, r.stderr]).toEqual([0, "已导入 2 条记录,写入 1 个文件\n"]);
    expect(read(dir, T10)).toBe(`${before}  - date: 2025-10-09\n    kind: reflection\n    title: 三年级英语第五单元教学反思\n    words: 1500\n` +
      "  - date: 2025-11-05\n    kind: observation\n    title: 11月听课记录\n    count: 3\n");
    expect((await runCli(["check", dir])).code).toBe(0);
    const s = JSON.parse((await runCli(["score", dir, "--term", "2025-2026-1", "--teacher", "t10", "--format", "json"])).stdout);
    expect(s.teachers[0].total).toBe(27);
  });

  it("every rejected row with its number and reason (reading, resolving and check alike), and nothing written", async () => {
    const dir = demo();
    appendFileSync(join(dir, "roster.yaml"), "  - id: t27\n    name: 张明\n    groups: []\n"); // a second 张明
    const t10 = read(dir, T10);
    const t11 = read(dir, T11);
    writeFileSync(join(dir, "bad.csv"), [
      "工号,姓名,日期,类型,名称,字数,数量,学期",
      "t10,,2025-10-09,教学反思,第五单元反思,abc,", // 2
      ",张明,2025-10-10,教学反思,第六单元反思,,", // 3
      "t11,,2025-13-01,教学反思,x,,", // 4
      "t11,,2027-03-01,教学反思,y,,", // 5
      "t11,,2025-10-01,组内研讨,z,,", // 6
      "t11,,2025-10-01,教学反射,w,,", // 7
      "t10,,2025-09-30,教学反思,三年级英语第四单元教学反思,831,", // 8: already in t10.yaml line 20
      "t11,,2025-10-20,听课/观课议课,10月听课,,", // 9: no count
      "t11,,2025-10-21,教学反思,同一篇,,", // 10
      "t11,,2025-10-21,教学反思,同一篇,,", // 11: row 10 again
      "t11,李四,2025-10-22,教学反思,好的,,", // 12: t11 is not 李四
      "t11,,2025-10-23,教学反思,这一行没问题,,", // 13
      "t11,,2025-10-24,教学反思,学期不对,,,2025-2026-2", // 14
    ].join("\n") + "\n");
    const r = await runCli(["import", "records", join(dir, "bad.csv"), dir]);
    const f = join(dir, "bad.csv");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      `${f}:第 2 行:字数「abc」不是数字`,
      `${f}:第 3 行:名册中有 2 位教师叫「张明」:t10(英语组)、t27;请填工号`,
      `${f}:第 4 行:日期「2025-13-01」不是日期(写成 2025-09-01)`,
      `${f}:第 5 行:日期 2027-03-01 不在任何学期之内(yanxiu.yaml 中的学期)`,
      `${f}:第 6 行:「组内研讨」是教研组的集体活动,填在「集体活动」表(按组一行,含考勤)`,
      `${f}:第 7 行:规则中没有活动类型「教学反射」;是不是「教学反思」?(类型见模板的「类型说明」表)`,
      `${f}:第 8 行:重复记录:t10 在 2025-09-30 的「三年级英语第四单元教学反思」已记录于 records/2025-2026-1/t10.yaml:20(删除其中一条;若确是两次活动,在标题中加以区分)`,
      `${f}:第 9 行:「听课/观课议课」需要填写数量(节/次)(count)(加上 count: …)`,
      `${f}:第 11 行:重复记录:t11 在 2025-10-21 的「同一篇」已记录于 表中第 10 行(删除其中一条;若确是两次活动,在标题中加以区分)`,
      `${f}:第 12 行:工号 t11 是 郑芳,不是「李四」`,
      `${f}:第 14 行:日期 2025-10-24 不在学期「2025-2026-2」之内(它属于 2025-2026-1)`,
      "",
    ].join("\n"));
    expect(r.stderr).toBe("11 行有问题,没有导入任何一行;改正后再导入\n");
    expect([read(dir, T10), read(dir, T11)]).toEqual([t10, t11]);

    const en = await runCli(["import", "records", f, dir, "--lang", "en"]);
    expect(en.stdout.split("\n")[0]).toBe(`${f}: row 2: words 'abc' is not a number`);
    expect(en.stderr).toBe("11 row(s) have problems; nothing was imported. Fix them and import again\n");
  });

  it("the real binary: a preview, and a file that is not a spreadsheet refused with exit 2", () => {
    const dir = demo();
    writeFileSync(join(dir, "r.csv"), "工号,日期,类型,名称,字数\nt10,10月9日,教学反思,三年级英语第五单元教学反思,1500\n");
    // "10月9日" without the year is the latest 9 October not after today (YANXIU_TODAY 2026-11-23)… which is in no term.
    const noTerm = runBin(["import", "records", "r.csv", "--dry-run"], { cwd: dir });
    expect([noTerm.code, noTerm.stdout]).toEqual([1, "r.csv:第 2 行:日期 2026-10-09 不在任何学期之内(yanxiu.yaml 中的学期)\n"]);
    const r = runBin(["import", "records", "r.csv", "--dry-run"], { cwd: dir, env: { YANXIU_TODAY: "2025-11-01" } });
    // +1 reflection on t10's 26 (each 1, under the cap of 8).
    expect([r.code, r.stdout]).toEqual([0, "张明(t10) 2025—2026学年第一学期:1 条记录,本学期合计 26 → 27 学时(+1) → records/2025-2026-1/t10.yaml\n"]);
    writeFileSync(join(dir, "r.xlsx"), "not a zip");
    const bad = runBin(["import", "records", "r.xlsx"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^yanxiu: .*r\.xlsx 不是可读的 Excel 文件\(\.xlsx\)/);
  });

  it("the template: the import's headers, and the kinds as the rules define them; filled in Excel with a session and an unusual header (--map), it imports", async () => {
    const dir = demo();
    const tpl = join(dir, "模板.xlsx");
    const made = await runCli(["import", "--template", "records", "-o", tpl, dir]);
    expect(made.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tpl);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["研修记录", "集体活动", "类型说明"]);
    const row = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    const [records, sessions, kinds] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(row(records, 1)).toEqual(["工号", "姓名", "学期", "日期", "类型", "名称", "学时", "级别", "等次", "角色", "课题阶段", "数量", "字数", "评定分", "证明材料", "关联编号", "备注", "内容", "记录编号", "状态", "审核人", "审核日期", "退回原因", "封签"]);
    expect(row(sessions, 1).slice(0, 6)).toEqual(["教研组", "学期", "日期", "类型", "名称", "学时"]);
    expect(row(sessions, 1).slice(17, 23)).toEqual(["主备/主讲", "出勤", "缺席", "请假", "迟到", "早退"]);
    expect(records.rowCount).toBe(1);
    // The demo's rules/xintian.yaml: 16 kinds; 课题 needs level, stage and role, and its table is by 立项/结题 × 省级及以上/市级/区级/校级.
    expect(kinds.rowCount).toBe(17);
    expect(row(kinds, 9)).toEqual(["课题", "project", "research project", "研修记录", "级别、课题阶段、角色", "省级及以上、市级、区县级、校级", undefined, undefined, "立项、结题"]);
    // 主备 is paid by an activity-role filter (集体备课主备), not a table keyed by role: the role column names it.
    expect(row(kinds, 14)).toEqual(["集体备课", "collective-prep", "collective lesson preparation", "集体活动", undefined, undefined, undefined, "主备"]);

    records.getCell("F1").value = "活动主题"; // not a usual header
    records.addRow(["t16", "", "", new Date(Date.UTC(2025, 9, 15)), "教学反思", "《秋天》教学反思", null, null, null, null, null, null, 1200]);
    sessions.addRow(["语文组", "", "2025-12-16", "集体备课", "集体备课：二年级语文《雾在哪里》", 2, null, null, null, null, null, null, null, null, null, null, null, "黄敏斌", "", "t17"]);
    const file = join(dir, "filled.xlsx");
    await wb.xlsx.writeFile(file);
    const noTitle = await runCli(["import", "records", file, dir]);
    expect([noTitle.code, noTitle.stderr]).toEqual([2, "yanxiu: 研修记录:找不到「名称」列(表头:工号、姓名、学期、日期、类型、活动主题、学时、级别、等次、角色、课题阶段、数量、字数、评定分、证明材料、关联编号、备注、内容、记录编号、状态、审核人、审核日期、退回原因、封签);用 --map 列名=title 指定\n"]);
    const before = read(dir, "sessions/2025-2026-1/chinese.yaml");
    const r = await runCli(["import", "records", file, dir, "--map", "活动主题=title"]);
    expect([r.code, r.stderr]).toEqual([0, "已导入 1 条记录、1 次集体活动,写入 2 个文件\n"]);
    expect(r.stdout.split("\n")[1]).toBe("语文组(chinese) 2025—2026学年第一学期:1 次集体活动 → sessions/2025-2026-1/chinese.yaml");
    // chinese has t01, t06, t13, t16, t17; 黄敏斌 is t01 (roster.yaml); t17 absent, the others present.
    expect(read(dir, "sessions/2025-2026-1/chinese.yaml")).toBe(`${before}  - date: 2025-12-16\n    kind: collective-prep\n    title: 集体备课：二年级语文《雾在哪里》\n    hours: 2\n    lead: t01\n` +
      "    attendance:\n      t01: 出勤\n      t06: 出勤\n      t13: 出勤\n      t16: 出勤\n      t17: 缺席\n");
    expect(read(dir, "records/2025-2026-1/t16.yaml")).toMatch(/  - date: 2025-10-15\n    kind: reflection\n    title: 《秋天》教学反思\n    words: 1200\n$/);
    expect((await runCli(["check", dir])).code).toBe(0);
  });

  it("a workbook with a sheet a month: rows named by their sheet; all of them imported once right", async () => {
    const dir = demo();
    const wb = new ExcelJS.Workbook();
    for (const [name, rows] of [["九月", [["t10", "2025-09-25", "教学反思", "九月反思", 900], ["t10", "2025-09-26", "教学反思", "九月反思", 900]]], ["十月", [["t10", "2025-10-15", "教学反思", "十月反思", ""]]]] as const) {
      const ws = wb.addWorksheet(name);
      ws.addRow(["工号", "日期", "类型", "名称", "字数"]);
      for (const r of rows) ws.addRow([...r]);
    }
    const file = join(dir, "月.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await runCli(["import", "records", file, dir]);
    // Three different activities (十月 has no 字数, which 教学反思 does not need).
    expect([r.code, r.stderr]).toEqual([0, "已导入 3 条记录,写入 1 个文件\n"]);
    // Imported twice: each row is now a duplicate. t10.yaml had 52 lines, so the rows went to lines 53 (4 lines), 57 (4) and 61.
    const again = await runCli(["import", "records", file, dir]);
    expect(again.stdout).toBe([
      `${file}:九月 第 2 行:重复记录:t10 在 2025-09-25 的「九月反思」已记录于 records/2025-2026-1/t10.yaml:53(删除其中一条;若确是两次活动,在标题中加以区分)`,
      `${file}:九月 第 3 行:重复记录:t10 在 2025-09-26 的「九月反思」已记录于 records/2025-2026-1/t10.yaml:57(删除其中一条;若确是两次活动,在标题中加以区分)`,
      `${file}:十月 第 2 行:重复记录:t10 在 2025-10-15 的「十月反思」已记录于 records/2025-2026-1/t10.yaml:61(删除其中一条;若确是两次活动,在标题中加以区分)`,
      "",
    ].join("\n"));
  });

  it("--commit: one commit of exactly the written files", async () => {
    const dir = demo();
    const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@x", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@x" } });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "school");
    writeFileSync(join(dir, "r.csv"), "工号,日期,类型,名称\nt10,2025-10-09,教学反思,张明的反思\nt11,2026-03-09,教学反思,郑芳的反思\n");
    const r = await runCli(["import", "records", join(dir, "r.csv"), dir, "--commit"], { env: { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@x", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@x" } });
    expect([r.code, r.stdout.split("\n").at(-2)]).toEqual([0, "已提交:import: 2 records from r.csv"]);
    expect(git("show", "--name-only", "--format=%s", "HEAD").stdout).toBe("import: 2 records from r.csv\n\nrecords/2025-2026-1/t10.yaml\nrecords/2025-2026-2/t11.yaml\n");
    expect(git("status", "--porcelain").stdout).toBe("?? r.csv\n");
  });

  it("a write failing midway puts back the files already written (a created one removed) and says so", async () => {
    const dir = demo();
    appendFileSync(join(dir, "roster.yaml"), "  - id: t27\n    name: 新老师\n    groups: []\n");
    const t10 = read(dir, T10);
    const t11 = read(dir, T11);
    writeFileSync(join(dir, "r.csv"), "工号,日期,类型,名称\nt27,2025-10-09,教学反思,新老师的反思\nt10,2025-10-09,教学反思,张明的反思\nt11,2025-10-09,教学反思,郑芳的反思\n");
    const fs = faultyFs({ when: (c) => c.op === "renameSync" && (c.path ?? "").endsWith("t11.yaml"), code: "EIO" });
    const r = await runCli(["import", "records", join(dir, "r.csv"), dir], { fs });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("已把此前写入的 2 个文件恢复原样:records/2025-2026-1/t27.yaml、records/2025-2026-1/t10.yaml\n");
    expect([read(dir, T10), read(dir, T11), existsSync(join(dir, "records/2025-2026-1/t27.yaml"))]).toEqual([t10, t11, false]);
    // The files really were written before they were put back.
    expect(fs.calls.filter((c) => c.op === "renameSync").map((c) => c.path!.split("/").slice(-1)[0])).toEqual(["t27.yaml", "t10.yaml", "t11.yaml", "t10.yaml"]);
  });

  it("a record file that is a folder, or unreadable, refuses the import in the user's language, nothing written", async () => {
    const dir = demo();
    const t11 = read(dir, T11);
    rmSync(join(dir, T10));
    mkdirSync(join(dir, T10));
    writeFileSync(join(dir, "r.csv"), "工号,日期,类型,名称\nt11,2025-10-09,教学反思,郑芳的反思\nt10,2025-10-09,教学反思,张明的反思\n");
    const zh = await runCli(["import", "records", join(dir, "r.csv"), dir]);
    expect([zh.code, zh.stderr]).toEqual([2, `yanxiu: ${T10}: 这是文件夹,不是文件\n`]);
    const en = await runCli(["import", "records", join(dir, "r.csv"), dir, "--lang", "en"]);
    expect([en.code, en.stderr]).toEqual([2, `yanxiu: ${T10}: this is a folder, not a file\n`]);
    expect(read(dir, T11)).toBe(t11);

    rmSync(join(dir, T10), { recursive: true });
    writeFileSync(join(dir, T10), "teacher: t10\nterm: 2025-2026-1\nactivities: []\n");
    const fs = faultyFs({ when: (c) => c.op === "readFileSync" && (c.path ?? "").endsWith("t10.yaml"), code: "EACCES" });
    const denied = await runCli(["import", "records", join(dir, "r.csv"), dir], { fs });
    expect([denied.code, denied.stderr]).toEqual([2, `yanxiu: ${T10}: 无法读取文件:EACCES\n`]);
    expect(read(dir, T11)).toBe(t11);
  });
});
