/** Exports read back the way the office's tools read them: exceljs for xlsx, bytes for csv. */
import { readFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { renderCsv } from "../../src/format/report-csv.js";
import type { ReportDoc } from "../../src/reports/document.js";
import { runBin, runCli } from "../helpers/run-cli.js";
import { copyDemoSchool, DEMO_SCHOOL, removeDir, tempDir } from "../helpers/temp-repo.js";

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

  it("yanxiu summary -o summary.csv: one flat table a file, rates as numbers with their unit, no title or summary rows", async () => {
    const file = join(out, "summary.csv");
    const r = await runCli(["summary", DEMO_SCHOOL, "--year", "2025-2026", "-o", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const bands = join(out, "summary-学时分段.csv");
    const short = join(out, "summary-未达标明细.csv");
    expect(r.stderr).toBe(`已写入 ${file}\n已写入 ${bands}\n已写入 ${short}\n`);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("组,类型,人数,人均学时,已达标,进行中,未达标,达标率(%),待审核,退回,未达标教师");
    // English group: 韩薇博 59, 孙旭宁 70, 魏永晶 63, 张明 45, 贺安娟 68 → 305 / 5 = 61; 3 of 5 met = 60 %
    // (魏永晶's study plan lacks 计划/笔记/总结, 张明 is 3 short of 42); 待审核 63 = 3 records + 12 sessions × 5 members
    expect(lines).toContain("英语组,教研组,5,61,3,0,2,60,63,0,魏永晶、张明");
    // 7 groups and (未分组): 8 rows, no 全校 row (it is a sum, not a record), then the final line end
    expect(lines.length).toBe(1 + 8 + 1);
    expect(lines.some((l) => l.startsWith("全校"))).toBe(false);
    const bandLines = readFileSync(bands, "utf8").slice(1).split("\r\n");
    // nobody ≤36 (the lowest is t22's 42); 37–72: all but t02 84, t04 77, t05 84, t23 74 = 22 of 26
    // = 84.615… % → 84.6, rounded once; 73–108: those 4 = 15.384… → 15.4
    expect(bandLines.slice(0, 4)).toEqual(["学时段,人数,占比(%)", "≤36,0,0", "37–72,22,84.6", "73–108,4,15.4"]);
    expect(readFileSync(short, "utf8")).toContain("t10,张明,每学期听课节数,2025-2026-1,7,15,8\r\n");
  });

  it("to stdout: the first table, or the one --table names; the others are named on stderr", async () => {
    const r = await runCli(["summary", DEMO_SCHOOL, "--year", "2025-2026", "--format", "csv"]);
    expect(r.stdout.split("\r\n")[0]).toBe("\uFEFF组,类型,人数,人均学时,已达标,进行中,未达标,达标率(%),待审核,退回,未达标教师");
    expect(r.stderr).toBe("");
    // at a terminal, stderr names the other tables
    const stdout = { text: "", isTTY: false, write(x: string) { this.text += x; return true; } };
    const stderr = { text: "", isTTY: true, write(x: string) { this.text += x; return true; } };
    await main({ argv: ["summary", DEMO_SCHOOL, "--year", "2025-2026", "--format", "csv"], cwd: out, stdout, stderr, env: { YANXIU_TODAY: "2026-11-23" } });
    // (after the progress line, which a terminal also gets)
    expect(stderr.text.endsWith("(只输出了表格 groups;其余用 --table 选:bands、short)\n")).toBe(true);
    const b = await runCli(["summary", DEMO_SCHOOL, "--year", "2025-2026", "--format", "csv", "--table", "bands"]);
    expect(b.stdout.split("\r\n").slice(0, 3)).toEqual(["\uFEFF学时段,人数,占比(%)", "≤36,0,0", "37–72,22,84.6"]);
    const c = await runCli(["summary", DEMO_SCHOOL, "--year", "2025-2026", "--format", "csv", "--table", "学时分段"]);
    expect(c.stdout).toBe(b.stdout);
    const bad = await runCli(["summary", DEMO_SCHOOL, "--format", "csv", "--table", "x"]);
    expect([bad.code, bad.stderr]).toEqual([2, "yanxiu: 没有表格 x;可选:groups, bands, short\n"]);
  });

  it("guards cells a spreadsheet would run as a formula; 8/26 is 30.8 in csv as in text and xlsx", async () => {
    const dir = copyDemoSchool();
    writeFileSync(join(dir, "roster.yaml"), readFileSync(join(dir, "roster.yaml"), "utf8").replace("name: 张明", "name: '=HYPERLINK(\"http://x.invalid\",\"点我\")'").replace("name: 王林", "name: '@SUM(1)'").replace("name: 刘娟", "name: '-2+3'"));
    const r = await runCli(["score", dir, "--year", "2025-2026", "--format", "csv"]);
    const lines = r.stdout.split("\r\n");
    expect(lines.find((l) => l.startsWith("t10,"))).toMatch(/^t10,"'=HYPERLINK\(""http:\/\/x\.invalid"",""点我""\)",/);
    expect(lines.find((l) => l.startsWith("t19,"))).toMatch(/^t19,'@SUM\(1\),/);
    expect(lines.find((l) => l.startsWith("t16,"))).toMatch(/^t16,'-2\+3,/);
    const groups = await runCli(["score", dir, "--year", "2025-2026", "--format", "csv", "--table", "groups"]);
    // 8 of 26 met: 30.769… → 30.8, once; 1622 / 26 = 62.384… → 62.38
    const text = await runCli(["score", DEMO_SCHOOL, "--year", "2025-2026"], { env: { COLUMNS: "120" } });
    expect(text.stdout).toMatch(/^全校\s+26\s+62\.38\s+8\s+30\.8%\s+\d+\s+\d+$/m);
    expect(groups.stdout.split("\r\n")[0]).toBe("\uFEFF组,人数,人均学时,达标人数,达标率(%),待审核,退回,未达标教师及差额");
    removeDir(dir);
  });
});

describe("xlsx", () => {
  it("yanxiu score -o scores.xlsx: title rows, A4 landscape one page wide, header repeated, page x / y, 全校 and 平均 rows, signatures", async () => {
    const file = join(out, "scores.xlsx");
    const r = await runCli(["score", DEMO_SCHOOL, "--year", "2025-2026", "-o", file]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["教师学时", "各组汇总"]);
    const ws = wb.getWorksheet("教师学时")!;
    // title rows: school and report, then period · scheme · the day it was made
    expect(ws.getRow(1).getCell(1).value).toBe("明德实验学校 研修学时 · 教师学时");
    expect(ws.getRow(1).font?.bold).toBe(true);
    // The demo's 公开课与评选 (10) and 备课上课与观课议课 (20) caps cut totals: the title says so, as the rows' items add up to more.
    expect(ws.getRow(2).getCell(1).value).toBe("学年 2025-2026(2025-09-01 至 2026-08-31) · 宣州区新田中心小学校本研修考核办法 · 合计按类别上限计(「公开课与评选」上限 10 学时、「备课上课与观课议课」上限 20 学时),所以各项之和可能大于合计 · 制表日期 2026-11-23");
    // printing: A4 (paper 9), landscape, fitted to one page wide, header row 3 on every page
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3" });
    expect(ws.headerFooter.oddFooter).toBe("&C第 &P 页 / 共 &N 页");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(ws.getRow(3).font?.bold).toBe(true);
    expect(header.slice(0, 4)).toEqual(["编号", "姓名", "所在组", "师德学习"]);
    expect(header.slice(-5)).toEqual(["合计学时", "等次", "待审核", "退回", "未达要求"]);
    // t10 张明 is the tenth teacher: row 3 + 10.
    const t10 = ws.getRow(13);
    expect([t10.getCell(1).value, t10.getCell(2).value]).toEqual(["t10", "张明"]);
    const totalCol = header.indexOf("合计学时") + 1;
    expect(t10.getCell(totalCol).value).toBe(45);
    expect(t10.getCell(1).border?.left?.style).toBe("thin");
    // the long 未达要求 column wraps in a bounded width (it was 60 wide)
    const unmet = ws.getColumn(header.length);
    expect(unmet.width).toBeLessThanOrEqual(36);
    expect(t10.getCell(header.length).alignment?.wrapText).toBe(true);
    // after the 26 teachers (rows 4–29): 全校 with the sum of totals (1622, as the summary's 26 × 62.38), then 平均 1622 / 26
    const school = ws.getRow(30);
    expect([school.getCell(1).value, school.getCell(totalCol).value]).toEqual(["全校", 1622]);
    expect(school.font?.bold).toBe(true);
    const average = ws.getRow(31);
    expect(average.getCell(1).value).toBe("平均");
    expect(average.getCell(totalCol).value).toBeCloseTo(1622 / 26, 10);
    // a blank row, then the signature line (default: 制表 / 审核 / 校长)
    expect(String(ws.getRow(33).getCell(1).value)).toMatch(/^制表:_+ +审核:_+ +校长:_+$/);
    const groups = wb.getWorksheet("各组汇总")!;
    expect((groups.getRow(3).values as unknown[]).slice(1)).toEqual(["组", "人数", "人均学时", "达标人数", "达标率", "待审核", "退回", "未达标教师及差额"]);
    expect(groups.getRow(6).getCell(1).value).toBe("英语组");
    expect(groups.getRow(6).getCell(3).value).toBe(61);
    expect(groups.getRow(6).getCell(5).value).toBe(0.6);
    expect(groups.getRow(6).getCell(5).numFmt).toBe("0.0%");
    // 7 groups, (未分组), then 全校: 26 teachers, 8 met, 8/26 stored unrounded, shown 30.8%
    const all = groups.getRow(3 + 8 + 1);
    expect([all.getCell(1).value, all.getCell(2).value, all.getCell(4).value]).toEqual(["全校", 26, 8]);
    expect(all.getCell(5).value).toBeCloseTo(8 / 26, 12);
  });

  it("the signature line comes from yanxiu.yaml", async () => {
    const dir = copyDemoSchool();
    writeFileSync(join(dir, "yanxiu.yaml"), readFileSync(join(dir, "yanxiu.yaml"), "utf8") + "reports:\n  signatures: [经办人, 教务主任]\n");
    const file = join(out, "signed.xlsx");
    expect((await runCli(["summary", dir, "--year", "2025-2026", "-o", file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(ws.rowCount).getCell(1).value)).toMatch(/^经办人:_+ +教务主任:_+$/);
    removeDir(dir);
  });

  it("yanxiu explain -o t10.xlsx: requirements, items and records sheets", async () => {
    const file = join(out, "t10.xlsx");
    const r = await runCli(["explain", "t10", DEMO_SCHOOL, "--year", "2025-2026", "-o", file]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["要求", "项目", "记录明细"]);
    const rec = wb.getWorksheet("记录明细")!;
    const row = rec.getRows(4, rec.rowCount - 3)!.find((x) => x.getCell(3).value === "sessions/2025-2026-1/english.yaml" && x.getCell(4).value === 36)!;
    expect([row.getCell(1).value, row.getCell(8).value, row.getCell(9).value, row.getCell(11).value, row.getCell(12).value]).toEqual(["组内研讨与集体备课", 3, 2, "rules/xintian.yaml", 113]);
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
    expect(r.stdout).toContain("| 组 | 类型 | 人数 | 人均学时 | 已达标 | 进行中 | 未达标 | 达标率 | 待审核 | 退回 | 未达标教师 |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    // the year is over: nobody in progress; 魏永晶 (study plan without its papers) and 张明 fall short
    expect(r.stdout).toContain("| 英语组 | 教研组 | 5 | 61 | 3 | 0 | 2 | 60% | 63 | 0 | 魏永晶、张明 |");
  });

  it("--format json: the documented summary schema", async () => {
    const r = await runCli(["summary", DEMO_SCHOOL, "--year", "2025-2026", "--format", "json"]);
    const data = JSON.parse(r.stdout);
    expect(data.schema).toBe("yanxiu.summary/1");
    // 1622 hours over 26 teachers = 62.384… → 62.38; 8 meet everything: 8 / 26 = 0.30769… → 0.3077.
    expect([data.teachers, data.averageTotal, data.met, data.metRate]).toEqual([26, 62.38, 8, 0.3077]);
    // nobody ≤36 (lowest t22 42); 73–108: t02 84, t04 77, t05 84, t23 74; the other 22 in 37–72.
    expect(data.bands).toEqual([
      { id: "le36", label: "≤36", count: 0 },
      { id: "37-72", label: "37–72", count: 22 },
      { id: "73-108", label: "73–108", count: 4 },
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
