/** `yanxiu import roster`: a spreadsheet's teachers into roster.yaml, all rows or none. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));
const demo = () => {
  const d = copyDemoSchool();
  made.push(d);
  return d;
};

describe("yanxiu import roster", () => {
  it("csv with Chinese headers: ids assigned after t26, group names resolved, comments kept; scored as any teacher", async () => {
    const dir = demo();
    const before = readFileSync(join(dir, "roster.yaml"), "utf8");
    writeFileSync(join(dir, "new.csv"), "\uFEFF姓名,教研组,角色,邮箱,入职日期\r\n李新,数学组,青年教师,lixin@x.cn,2025/9/1\r\n陈一,\"语文组、低年级语文备课组\",,,\r\n");
    const dry = await runCli(["import", "roster", join(dir, "new.csv"), dir, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe("将导入 t27 李新 [math] (青年教师)\n将导入 t28 陈一 [chinese, chinese-lower]\n");
    expect(readFileSync(join(dir, "roster.yaml"), "utf8")).toBe(before);
    const r = await runCli(["import", "roster", join(dir, "new.csv"), dir]);
    expect([r.code, r.stderr]).toEqual([0, "已导入 2 位教师到 roster.yaml\n"]);
    const after = readFileSync(join(dir, "roster.yaml"), "utf8");
    expect(after.startsWith(before.trimEnd().split("\n")[0]!)).toBe(true); // the leading comment is kept
    expect(after).toContain("  - id: t27\n    name: 李新\n    groups:\n      - math\n    roles:\n      - 青年教师\n    emails:\n      - lixin@x.cn\n    joined: 2025-09-01\n");
    expect((await runCli(["check", dir])).code).toBe(0);
    const s = JSON.parse((await runCli(["summary", dir, "--year", "2025-2026", "--format", "json"])).stdout);
    // two teachers without records: 28 scored, 1622 / 28 = 57.928… → 57.93; the demo's 8 who met all still do
    expect([s.teachers, s.averageTotal, s.met]).toEqual([28, 57.93, 8]);
  });

  it("every rejected row with its number and reason, and nothing imported", async () => {
    const dir = demo();
    const before = readFileSync(join(dir, "roster.yaml"), "utf8");
    writeFileSync(join(dir, "bad.csv"), "工号,姓名,教研组,入职日期\nt90,好人,数学组,2025-09-01\nt01,重名,数学组,\nt91,,物理组,2025-13-01\n");
    const r = await runCli(["import", "roster", join(dir, "bad.csv"), dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${join(dir, "bad.csv")}:第 3 行:编号 t01 已在名册中或在表中重复\n` +
      `${join(dir, "bad.csv")}:第 4 行:姓名为空;没有教研组「物理组」(先在 roster.yaml 的 groups 里加上它);入职日期「2025-13-01」不是日期(写成 2024-09-01)\n`,
    );
    expect(r.stderr).toBe("2 行有问题,没有导入任何一行;改正后再导入\n");
    expect(readFileSync(join(dir, "roster.yaml"), "utf8")).toBe(before);
  });

  it("xlsx, --map for an unusual header, and the template's headers", async () => {
    const dir = demo();
    const tpl = join(dir, "模板.xlsx");
    expect((await runCli(["import", "--template", "roster", "-o", tpl])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tpl);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(["工号", "姓名", "教研组", "角色", "邮箱", "入职日期", "离职日期"]);
    const ws = wb.worksheets[0]!;
    ws.getCell("B1").value = "老师"; // not a usual header: --map names it
    ws.getCell("B2").value = "周新";
    ws.getCell("A2").value = "z01";
    ws.getCell("C2").value = "科学组";
    ws.getCell("F2").value = new Date(Date.UTC(2024, 8, 1));
    const file = join(dir, "in.xlsx");
    await wb.xlsx.writeFile(file);
    const noName = await runCli(["import", "roster", file, dir]);
    expect(noName.code).toBe(2);
    const r = await runCli(["import", "roster", file, dir, "--map", "老师=name"]);
    expect([r.code, r.stdout]).toEqual([0, "导入 z01 周新 [science]\n"]);
    expect(readFileSync(join(dir, "roster.yaml"), "utf8")).toContain("  - id: z01\n    name: 周新\n    groups:\n      - science\n    joined: 2024-09-01\n");
  });
});
