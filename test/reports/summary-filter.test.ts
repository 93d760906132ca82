/**
 * `summary --teacher/--group` in every format, JSON included, as score's filters. Expectations
 * from the demo school's 2025-2026 score table (test/fixtures/expected/demo-school-score-2025-2026.txt):
 * 英语组 is t03 55, t08 62, t09 60, t10 37 (short), t14 60.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { DEMO_SCHOOL, removeDir, tempDir } from "../helpers/temp-repo.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));
const year = [DEMO_SCHOOL, "--year", "2025-2026"];

describe("summary --group / --teacher", () => {
  it("JSON: only the group's teachers and the group's row", async () => {
    const r = await runCli(["summary", ...year, "--group", "english", "--format", "json"]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    // (55 + 62 + 60 + 37 + 60) / 5 = 274 / 5 = 54.8; 4 of 5 met = 0.8; all five in 37–72.
    expect([s.teachers, s.averageTotal, s.met, s.notMet, s.metRate]).toEqual([5, 54.8, 4, 1, 0.8]);
    expect(s.groups.map((g: { id: string }) => g.id)).toEqual(["english"]);
    expect(s.bands.map((b: { count: number }) => b.count)).toEqual([0, 5, 0, 0]);
    expect(s.short.map((x: { teacher: string }) => x.teacher)).toEqual(["t10"]);
    expect(s.filter).toEqual({ group: "english", label: "英语组" });
  });

  it("JSON: one teacher, and the groups that teacher is in", async () => {
    const s = JSON.parse((await runCli(["summary", ...year, "--teacher", "t10", "--format", "json"])).stdout);
    expect([s.teachers, s.averageTotal, s.met, s.metRate]).toEqual([1, 37, 0, 0]);
    expect(s.groups.map((g: { id: string; members: number }) => [g.id, g.members])).toEqual([["english", 1]]);
    expect(s.filter.label).toBe("张明(t10)");
  });

  it("text, markdown, html, csv and xlsx show the group alone, its footer a 合计 of the selection", async () => {
    const text = (await runCli(["summary", ...year, "--group", "english"])).stdout;
    expect(text).toContain("范围:英语组\n");
    // 待审核 63 = 3 of the group's records without a review + 12 unreviewed sessions × 5 members on their lists; 退回 0.
    expect(text).toMatch(/\n合计 +5 +54\.8 +4 +0 +1 +80% +63 +0 +张明\n/);
    for (const format of ["text", "markdown", "html", "csv"]) {
      const out = (await runCli(["summary", ...year, "--group", "english", "--format", format])).stdout;
      expect(out, format).toContain("英语组");
      expect(out, format).not.toContain("语文组");
      expect(out, format).not.toContain("韩薇博、"); // no other group's list of names
    }
    const csv = (await runCli(["summary", ...year, "--group", "english", "--format", "csv"])).stdout;
    expect(csv.split("\r\n").slice(1)).toEqual(["英语组,教研组,5,54.8,4,0,1,80,63,0,张明", ""]);
    const dir = tempDir();
    made.push(dir);
    const file = join(dir, "s.xlsx");
    expect((await runCli(["summary", ...year, "--group", "english", "-o", file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => cells.push(...(row.values as unknown[]).slice(1)));
    expect(cells).toContain("英语组");
    expect(cells).toContain("合计");
    expect(cells).not.toContain("语文组");
    expect(cells).not.toContain("全校");
  });

  it("an unknown group or teacher is refused with a suggestion", async () => {
    const r = await runCli(["summary", ...year, "--group", "englsh"]);
    expect([r.code, r.stderr]).toEqual([2, "yanxiu: 没有教研组 englsh;是不是 english?\n"]);
  });
});
