/**
 * 待审核 / 退回 counts in score and summary, every format, worked out by hand on the small
 * approval school (test/approval/school.ts, an approvedOnly scheme) and on the demo school.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { DEMO_SCHOOL, removeDir, tempDir, writeFiles } from "../helpers/temp-repo.js";
import { CHINESE, CHINESE_TEXT, schoolDir, T01, T01_TEXT, T02, T02_TEXT } from "../approval/school.js";
import { CONFIG, RULES, ROSTER, T02 as GIT_T02, recordFile, record } from "../git/fixture.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/**
 * The approval school after some reviews. Records of term 2026-2027-1:
 *   t01: 听课《春》 count 1 (录入); the 集体备课 session (lead, 出勤)
 *   t02: 听课《背影》 count 2 (审定 by t01); 第一单元反思 (退回); the session (出勤)
 *   t04: 跨组反思 (录入); the session (请假)
 *   t03, a01: nothing
 * and the session is 审定 by the office (a01).
 * 待审核: t01 1, t02 0, t04 1; 退回: t02 1. Groups: 语文组 (t01, t02, t04) 2 / 1; 数学组 (t03, t04) 1 / 0;
 * 全校 (each teacher once) 2 / 1. Under approvedOnly those 3 records are exactly what is not scored:
 * t01 = the session 3; t02 = 2 lessons × 1 + the session 3 = 5; t04 = 0 (excused: the session earns nothing).
 */
function reviewedSchool(): string {
  const t02 = T02_TEXT
    .replace("    count: 2\n", "    count: 2\n    status: 审定\n    approver: t01\n")
    .replace("    title: 第一单元反思\n", "    title: 第一单元反思\n    status: 退回\n    approver: t01\n    reason: 缺少反思正文\n");
  const chinese = CHINESE_TEXT.replace("    lead: t01\n", "    lead: t01\n    status: 审定\n    approver: a01\n");
  const t01 = T01_TEXT.replace("title: 听课《春》 }", "title: 听课《春》, count: 1 }");
  const dir = schoolDir({ [T01]: t01, [T02]: t02, [CHINESE]: chinese });
  dirs.push(dir);
  return dir;
}

const TERM = ["--term", "2026-2027-1"];
const ENV = { YANXIU_TODAY: "2027-02-10" };
const cli = (...argv: string[]) => runCli(argv, { env: ENV });

describe("score: 待审核 / 退回 per teacher, per group and for the school", () => {
  it("check passes on the fixture, so every record is in play", async () => {
    const r = await cli("check", reviewedSchool());
    expect(r.stdout.split("\n").filter((l) => /错误|error/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("json: the engine's result plus review counts; the counted records are exactly those not scored", async () => {
    const dir = reviewedSchool();
    const r = await cli("score", dir, ...TERM, "--format", "json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.review).toEqual({
      approvedOnly: true,
      teachers: { a01: { pending: 0, returned: 0 }, t01: { pending: 1, returned: 0 }, t02: { pending: 0, returned: 1 }, t03: { pending: 0, returned: 0 }, t04: { pending: 1, returned: 0 } },
    });
    const totals = Object.fromEntries(json.teachers.map((x: { teacher: string; total: number }) => [x.teacher, x.total]));
    expect(totals).toEqual({ a01: 0, t01: 3, t02: 5, t03: 0, t04: 0 });
    // explain's trace says the same records were left out for their status
    for (const [id, left] of [["t01", 1], ["t02", 1], ["t04", 1]] as const) {
      const e = JSON.parse((await cli("explain", id, dir, ...TERM, "--format", "json")).stdout);
      const byStatus = e.items.flatMap((i: { records: { reason?: string }[] }) => i.records).filter((x: { reason?: string }) => x.reason === "status");
      expect(byStatus.length, id).toBe(left);
    }
  });

  it("text: two columns in each table and the approvedOnly footnote", async () => {
    const r = await runCli(["score", reviewedSchool(), ...TERM], { env: { ...ENV, COLUMNS: "120" } });
    const lines = r.stdout.split("\n");
    const row = (start: string) => lines.find((l) => l.startsWith(start))!.replace(/ +/g, " ").trim();
    expect(row("教师 ")).toBe("教师 编号 教研组 obs refl prep 合计 等级 待审核 退回 未达标");
    expect(row("张老师")).toBe("张老师 t01 语文教研组 0 0 3 3 — 1");
    expect(row("李老师")).toBe("李老师 t02 语文教研组 2 0 3 5 — 1");
    expect(row("钱老师")).toMatch(/^钱老师 t04 语文教研组、数学教研组 0 0 0 0 — 1$/);
    expect(row("教研组 ")).toBe("教研组 人数 人均 达标 达标率 待审核 退回 未达标教师");
    expect(row("语文教研组 ")).toBe("语文教研组 3 2.67 3 100% 2 1");
    expect(row("数学教研组 ")).toBe("数学教研组 2 0 2 100% 1");
    expect(row("(未分组)")).toBe("(未分组) 1 0 1 100%");
    expect(row("全校")).toBe("全校 5 1.6 5 100% 2 1");
    expect(lines.at(-2)).toBe("注:本方案只计已审定或验证的记录;待审核 2 条、退回 1 条未计入学时。");
    const en = await runCli(["score", reviewedSchool(), ...TERM, "--lang", "en"], { env: { ...ENV, COLUMNS: "120" } });
    expect(en.stdout).toContain("Note: this scheme counts approved or verified records only; 2 awaiting review and 1 returned are not counted in the hours.\n");
    const one = await runCli(["score", reviewedSchool(), ...TERM, "--teacher", "t02"], { env: ENV });
    expect(one.stdout).toContain("待审核 0 条,退回 1 条\n注:本方案只计已审定或验证的记录;待审核 0 条、退回 1 条未计入学时。\n");
  });

  it("csv, markdown and html carry the columns; xlsx has them as numbers with the 全校 sums", async () => {
    const dir = reviewedSchool();
    const csv = (await cli("score", dir, ...TERM, "--format", "csv")).stdout.slice(1).split("\r\n");
    expect(csv[0]).toBe("编号,姓名,所在组,obs,refl,prep,合计学时,等次,待审核,退回,未达要求");
    expect(csv).toContain("t02,李老师,语文教研组,2,0,3,5,—,0,1,");
    const groups = (await cli("score", dir, ...TERM, "--format", "csv", "--table", "groups")).stdout.slice(1).split("\r\n");
    expect(groups[0]).toBe("组,人数,人均学时,达标人数,达标率(%),待审核,退回,未达标教师及差额");
    expect(groups).toContain("语文教研组,3,2.67,3,100,2,1,");
    const md = (await cli("score", dir, ...TERM, "--format", "markdown")).stdout;
    expect(md).toContain("| t01 | 张老师 | 语文教研组 | 0 | 0 | 3 | 3 | — | 1 | 0 |  |");
    expect(md).toContain("注:本方案只计已审定或验证的记录;待审核 2 条、退回 1 条未计入学时。");
    const html = (await cli("score", dir, ...TERM, "--format", "html")).stdout;
    expect(html).toContain(`<th class="num">待审核</th><th class="num">退回</th><th>未达要求</th>`);
    expect(html).toContain("注:本方案只计已审定或验证的记录;待审核 2 条、退回 1 条未计入学时。");

    const out = tempDir("yanxiu-review-xlsx-");
    dirs.push(out);
    const file = join(out, "scores.xlsx");
    expect((await cli("score", dir, ...TERM, "-o", file)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("教师学时")!;
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    const col = (h: string) => header.indexOf(h) + 1;
    expect(header.slice(-3)).toEqual(["待审核", "退回", "未达要求"]);
    // rows 4–8: a01, t01, t02, t03, t04; then 全校 with the sums
    expect([ws.getRow(5).getCell(col("待审核")).value, ws.getRow(6).getCell(col("退回")).value]).toEqual([1, 1]);
    expect([ws.getRow(9).getCell(1).value, ws.getRow(9).getCell(col("待审核")).value, ws.getRow(9).getCell(col("退回")).value]).toEqual(["全校", 2, 1]);
    expect(String(ws.getRow(2).getCell(1).value)).toContain("待审核 2 条、退回 1 条未计入学时");
    const gs = wb.getWorksheet("各组汇总")!;
    const gh = (gs.getRow(3).values as unknown[]).slice(1);
    expect(gh).toEqual(["组", "人数", "人均学时", "达标人数", "达标率", "待审核", "退回", "未达标教师及差额"]);
    expect((gs.getRow(4).values as unknown[]).slice(1, 8)).toEqual(["语文教研组", 3, 2.67, 3, 1, 2, 1]);
  });

  it("summary: per group and for the school, in json, text and csv", async () => {
    const dir = reviewedSchool();
    const json = JSON.parse((await cli("summary", dir, ...TERM, "--format", "json")).stdout);
    expect(json.review).toEqual({ pending: 2, returned: 1, approvedOnly: true });
    expect(json.groups.map((g: { id: string; review: unknown }) => [g.id, g.review])).toEqual([
      ["chinese", { pending: 2, returned: 1 }],
      ["math", { pending: 1, returned: 0 }],
      ["-", { pending: 0, returned: 0 }],
    ]);
    const text = (await cli("summary", dir, ...TERM)).stdout;
    expect(text).toContain("注:本方案只计已审定或验证的记录;待审核 2 条、退回 1 条未计入学时。");
    const csv = (await cli("summary", dir, ...TERM, "--format", "csv")).stdout.slice(1).split("\r\n");
    expect(csv[0]).toBe("组,类型,人数,人均学时,已达标,进行中,未达标,达标率(%),待审核,退回,未达标教师");
    expect(csv[1]).toBe("语文教研组,教研组,3,2.67,3,0,0,100,2,1,");
  });

  it("a school that reviews nothing (no status anywhere, not approvedOnly) gets no columns", async () => {
    const dir = tempDir("yanxiu-no-review-");
    dirs.push(dir);
    writeFiles(dir, { "yanxiu.yaml": CONFIG, "rules/school.yaml": RULES, "roster.yaml": ROSTER, [GIT_T02]: recordFile("t02", [record("听课《背影》")]) });
    const r = await runCli(["score", dir, ...TERM], { env: { ...ENV, COLUMNS: "120" } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("待审核");
    const json = JSON.parse((await cli("score", dir, ...TERM, "--format", "json")).stdout);
    expect(json.review).toBeUndefined();
    expect(JSON.parse((await cli("summary", dir, ...TERM, "--format", "json")).stdout).review).toBeUndefined();
  });
});

describe("the demo school", () => {
  it("t10 张明: 14 records of his own, all 审定, and 12 英语组 sessions nobody has reviewed: 12 待审核, 0 退回", async () => {
    const json = JSON.parse((await cli("score", DEMO_SCHOOL, "--year", "2025-2026", "--format", "json")).stdout);
    expect(json.review.approvedOnly).toBe(false);
    expect(json.review.teachers.t10).toEqual({ pending: 12, returned: 0 });
    // by hand: records/2025-2026-{1,2}/t10.yaml hold 7 + 7 records, each `status: 审定`
    for (const term of ["2025-2026-1", "2025-2026-2"]) {
      const text = readFileSync(join(DEMO_SCHOOL, "records", term, "t10.yaml"), "utf8");
      expect([(text.match(/^ {2}- /gm) ?? []).length, (text.match(/status: 审定/g) ?? []).length]).toEqual([7, 7]);
    }
  });
});
