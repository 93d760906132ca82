/** Exports read back the way the office's tools read them: exceljs for xlsx, bytes for csv. */
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { renderCsv } from "../../src/format/report-csv.js";
import type { ReportDoc } from "../../src/reports/document.js";
import { runBin, runCli } from "../helpers/run-cli.js";
import { DEMO_SCHOOL, removeDir, tempDir } from "../helpers/temp-repo.js";

const out = tempDir("yanxiu-reports-");
afterAll(() => removeDir(out));

const doc = (rows: (string | number | null)[][]): ReportDoc => ({
  kind: "test",
  lang: "zh",
  title: "t",
  meta: [],
  sections: [],
  charts: [],
  data: {},
  tables: [{ id: "a", title: "表", sheet: "表", columns: [{ header: "姓名", type: "text" }, { header: "备注", type: "text" }, { header: "学时", type: "number" }], rows }],
});

describe("csv", () => {
  it("starts with a UTF-8 BOM, ends lines with CRLF and quotes per RFC 4180", () => {
    const csv = renderCsv(doc([["张明", 'say "hi", then go', 37], ["王林", "line one\nline two", 66.5], ["赵静", null, 0]]));
    expect(csv).toBe('\uFEFF姓名,备注,学时\r\n张明,"say ""hi"", then go",37\r\n王林,"line one\nline two",66.5\r\n赵静,,0\r\n');
  });

  it("yanxiu summary -o summary.csv: BOM, Chinese intact, one titled block per table", async () => {
    const file = join(out, "summary.csv");
    const r = await runCli(["summary", DEMO_SCHOOL, "--year", "2025-2026", "-o", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`已写入 ${file}\n`);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("各组汇总");
    expect(lines[1]).toBe("组,类型,人数,人均学时,已达标,进行中,未达标,达标率,未达标教师");
    // English group: 韩薇博 55, 孙旭宁 62, 魏永晶 60, 张明 37, 贺安娟 60 → 274 / 5 = 54.8; 4 of 5 met.
    expect(lines).toContain("英语组,教研组,5,54.8,4,0,1,0.8,张明");
    expect(lines).toContain("学时分段(教基4068)");
    expect(lines).toContain("≤36,1,0.0385");
    expect(lines).toContain("t10,张明,每学期听课节数,2025-2026-1,7,20,13");
  });
});

describe("xlsx", () => {
  it("yanxiu score -o scores.xlsx: Chinese sheet names, frozen bold header, numbers as numbers", async () => {
    const file = join(out, "scores.xlsx");
    const r = await runCli(["score", DEMO_SCHOOL, "--year", "2025-2026", "-o", file]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["教师学时", "各组汇总"]);
    const ws = wb.getWorksheet("教师学时")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getRow(1).font?.bold).toBe(true);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(["编号", "姓名", "所在组", "师德学习"]);
    expect(header.slice(-3)).toEqual(["合计学时", "等次", "未达要求"]);
    // t10 张明 is the tenth teacher: row 11.
    const t10 = ws.getRow(11);
    expect(t10.getCell(1).value).toBe("t10");
    expect(t10.getCell(2).value).toBe("张明");
    const total = t10.getCell(header.indexOf("合计学时") + 1).value;
    expect(total).toBe(37);
    expect(typeof total).toBe("number");
    expect(ws.getColumn(3).width).toBeGreaterThan(10);
    const groups = wb.getWorksheet("各组汇总")!;
    expect((groups.getRow(1).values as unknown[]).slice(1)).toEqual(["组", "人数", "人均学时", "达标人数", "达标率", "未达标教师及差额"]);
    expect(groups.getRow(4).getCell(1).value).toBe("英语组");
    expect(groups.getRow(4).getCell(3).value).toBe(54.8);
    expect(groups.getRow(4).getCell(5).value).toBe(0.8);
    expect(groups.getRow(4).getCell(5).numFmt).toBe("0.0%");
  });

  it("yanxiu explain -o t10.xlsx: requirements, items and records sheets", async () => {
    const file = join(out, "t10.xlsx");
    const r = await runCli(["explain", "t10", DEMO_SCHOOL, "--year", "2025-2026", "-o", file]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["要求", "项目", "记录明细"]);
    const rec = wb.getWorksheet("记录明细")!;
    const row = rec.getRows(2, rec.rowCount - 1)!.find((x) => x.getCell(3).value === "sessions/2025-2026-1/english.yaml" && x.getCell(4).value === 36)!;
    expect([row.getCell(1).value, row.getCell(8).value, row.getCell(9).value, row.getCell(11).value, row.getCell(12).value]).toEqual(["组内研讨与集体备课", 3, 2, "rules/xintian.yaml", 99]);
  });

  it("refuses to write xlsx to a terminal: exit 2, nothing on stdout", async () => {
    const stdout = { text: "", isTTY: true, write(s: string) { this.text += s; return true; } };
    const stderr = { text: "", isTTY: true, write(s: string) { this.text += s; return true; } };
    const code = await main({ argv: ["summary", DEMO_SCHOOL, "--format", "xlsx"], cwd: out, stdout, stderr, env: { YANXIU_TODAY: "2026-11-23" } });
    expect(code).toBe(2);
    expect(stdout.text).toBe("");
    expect(stderr.text).toBe("yanxiu: xlsx 是二进制文件,不能直接输出到终端:用 -o 报表.xlsx 写入文件,或重定向到文件\n");
  });
});

describe("choosing the output", () => {
  it("the real binary writes xlsx bytes to a pipe", () => {
    const r = runBin(["summary", DEMO_SCHOOL, "--year", "2025-2026", "--format", "xlsx"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("PK")).toBe(true);
    expect(r.stderr).toBe("");
  });

  it("an -o file with an unknown extension is exit 2 and writes nothing", async () => {
    const r = await runCli(["summary", DEMO_SCHOOL, "-o", join(out, "report.pdf")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`yanxiu: 无法从文件名 ${join(out, "report.pdf")} 判断格式:用 .xlsx .csv .json .md .html .txt 结尾,或加 --format\n`);
    expect(existsSync(join(out, "report.pdf"))).toBe(false);
  });

  it("--format markdown writes to stdout; the tables are pipe tables", async () => {
    const r = await runCli(["summary", DEMO_SCHOOL, "--year", "2025-2026", "--format", "markdown"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("# 明德实验学校 校本研修汇总");
    expect(r.stdout).toContain("| 组 | 类型 | 人数 | 人均学时 | 已达标 | 进行中 | 未达标 | 达标率 | 未达标教师 |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    // the year is over: nobody in progress; 张明 alone falls short
    expect(r.stdout).toContain("| 英语组 | 教研组 | 5 | 54.8 | 4 | 0 | 1 | 80% | 张明 |");
  });

  it("--format json: the documented summary schema", async () => {
    const r = await runCli(["summary", DEMO_SCHOOL, "--year", "2025-2026", "--format", "json"]);
    const data = JSON.parse(r.stdout);
    expect(data.schema).toBe("yanxiu.summary/1");
    // 1550 hours over 26 teachers = 59.615… → 59.62; 14 meet everything.
    expect([data.teachers, data.averageTotal, data.met, data.metRate]).toEqual([26, 59.62, 14, 0.5385]);
    // ≤36: t22 (36); 73–108: t02 80, t12 78, t16 73; the other 22 in 37–72.
    expect(data.bands).toEqual([
      { id: "le36", label: "≤36", count: 1 },
      { id: "37-72", label: "37–72", count: 22 },
      { id: "73-108", label: "73–108", count: 3 },
      { id: "ge109", label: "≥109", count: 0 },
    ]);
    expect(data.cycle).toMatchObject({ id: "2021-2026", start: "2021-09-01", end: "2026-08-31", elapsed: 1 });
  });

  it("-o leaves no temporary files behind", async () => {
    const dir = tempDir("yanxiu-o-");
    await runCli(["explain", "t10", DEMO_SCHOOL, "-o", join(dir, "t10.md")]);
    expect(readdirSync(dir)).toEqual(["t10.md"]);
    expect(readFileSync(join(dir, "t10.md"), "utf8").split("\n")[0]).toBe("# 张明(t10)研修学时说明");
    removeDir(dir);
  });
});

describe("progress", () => {
  const run = async (stderrTTY: boolean, env: Record<string, string>) => {
    const stdout = { text: "", isTTY: false, write(s: string) { this.text += s; return true; } };
    const stderr = { text: "", isTTY: stderrTTY, write(s: string) { this.text += s; return true; } };
    await main({ argv: ["summary", DEMO_SCHOOL, "--year", "2025-2026", "--format", "json"], cwd: out, stdout, stderr, env: { YANXIU_TODAY: "2026-11-23", ...env } });
    return stderr.text;
  };

  it("shows on a terminal's stderr, then clears its line", async () => {
    const err = await run(true, {});
    expect(err).toContain("\r正在计算 8/52 位教师…\x1b[K");
    expect(err.endsWith("\r\x1b[K")).toBe(true);
  });

  it("shows nothing in a pipe or in CI", async () => {
    expect(await run(false, {})).toBe("");
    expect(await run(true, { CI: "true" })).toBe("");
  });
});
