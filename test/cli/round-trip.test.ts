/**
 * The round trip: the demo school's records exported to xlsx and imported into an empty
 * repository with the same config, roster, rules and evidence score the same for 2025-2026.
 */
import { cpSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { DEMO_SCHOOL, removeDir, tempDir } from "../helpers/temp-repo.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** The score JSON without the trace's line numbers: the imported files are laid out anew (no comments), so lines differ. */
const withoutLines = (json: string) => JSON.stringify(JSON.parse(json), (k, v) => (k === "line" ? undefined : v));

describe("export records → import records", () => {
  it("the demo school through xlsx into an empty repository scores the same", async () => {
    const work = tempDir();
    made.push(work);
    const xlsx = join(work, "记录.xlsx");
    const out = await runCli(["export", "records", DEMO_SCHOOL, "-o", xlsx]);
    expect([out.code, out.stderr]).toEqual([0, `已导出 612 条记录、71 次集体活动到 ${xlsx}\n`]);

    // Read back: the import's own headers, one row per record (the demo holds 612 records and 71 sessions).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const [records, sessions] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect([records.name, records.rowCount, sessions.name, sessions.rowCount]).toEqual(["研修记录", 613, "集体活动", 72]);
    const values = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    // records/2025-2026-1/t01.yaml's first record, and the first session of sessions/2025-2026-1/arts.yaml (files in path order).
    expect(values(records, 2)).toEqual(["t01", "黄敏斌", "2025-2026-1", "2025-09-03", "听课/观课议课", "9月听课记录（2节）", undefined, undefined, undefined, undefined, undefined, 2, undefined, undefined, undefined, undefined, undefined, undefined, undefined, "审定", "t06"]);
    expect(values(sessions, 2)).toEqual(["综合组（音体美）", "2025-2026-1", "2025-09-22", "集体备课", "集体备课：五年级美术《京剧脸谱》", 2,
      undefined, undefined, undefined, undefined, undefined, undefined, undefined, "evidence/groups/arts/2025-09-22-minutes.txt", undefined, undefined, undefined, "t19", "t04、t19"]);

    const empty = join(work, "school");
    mkdirSync(empty);
    for (const f of ["yanxiu.yaml", "roster.yaml", "rules", "evidence"]) cpSync(join(DEMO_SCHOOL, f), join(empty, f), { recursive: true });
    const imp = await runCli(["import", "records", xlsx, empty]);
    expect([imp.code, imp.stderr]).toEqual([0, "已导入 612 条记录、71 次集体活动,写入 65 个文件\n"]);
    expect((await runCli(["check", empty])).code).toBe(0);

    const a = await runCli(["score", DEMO_SCHOOL, "--year", "2025-2026", "--format", "json"]);
    const b = await runCli(["score", empty, "--year", "2025-2026", "--format", "json"]);
    expect(JSON.parse(b.stdout).teachers.length).toBe(26);
    expect(withoutLines(b.stdout) === withoutLines(a.stdout)).toBe(true); // (a diff of two 300 kB texts says little)
    // t10's year total, as test/cli/score-e2e.test.ts works it out from the files.
    expect(JSON.parse(b.stdout).teachers.find((x: { teacher: string }) => x.teacher === "t10").total).toBe(JSON.parse(a.stdout).teachers.find((x: { teacher: string }) => x.teacher === "t10").total);
    expect(readFileSync(join(empty, "records/2025-2026-1/t10.yaml"), "utf8")).toMatch(/^# 张明（t10） 2025—2026学年第一学期 研修记录\nteacher: t10\nrecords:\n  - date: 2025-09-11\n/);
  });

  it("through CSV too: two files, the sessions beside the records", async () => {
    const work = tempDir();
    made.push(work);
    const csv = join(work, "记录.csv");
    const out = await runCli(["export", "records", DEMO_SCHOOL, "-o", csv]);
    expect(out.code).toBe(0);
    const sessionsCsv = join(work, "记录-集体活动.csv");
    expect(out.stderr).toMatch(new RegExp(`到 ${csv}、${sessionsCsv}\\n$`));
    const header = readFileSync(csv, "utf8").split("\r\n")[0];
    expect(header).toBe("\uFEFF工号,姓名,学期,日期,类型,名称,学时,级别,等次,角色,课题阶段,数量,字数,评定分,证明材料,关联编号,备注,内容,记录编号,状态,审核人,审核日期,退回原因,封签");
    const empty = join(work, "school");
    mkdirSync(empty);
    for (const f of ["yanxiu.yaml", "roster.yaml", "rules", "evidence"]) cpSync(join(DEMO_SCHOOL, f), join(empty, f), { recursive: true });
    expect((await runCli(["import", "records", csv, empty])).code).toBe(0);
    expect((await runCli(["import", "records", sessionsCsv, empty])).code).toBe(0);
    const a = await runCli(["score", DEMO_SCHOOL, "--year", "2025-2026", "--format", "json"]);
    const b = await runCli(["score", empty, "--year", "2025-2026", "--format", "json"]);
    expect(withoutLines(b.stdout) === withoutLines(a.stdout)).toBe(true);
  });
});
