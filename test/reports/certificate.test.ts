/**
 * `yanxiu certificate`: 学时证明 for print, as HTML and as a PDF from the system Chromium.
 * t10 张明's numbers are those worked out by hand in test/cli/score-e2e.test.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { DEMO_SCHOOL, removeDir, tempDir } from "../helpers/temp-repo.js";
import { hasChromium, hasPoppler, warnMissing } from "../helpers/tools.js";

const canReadPdf = hasChromium && hasPoppler;
warnMissing("the certificate PDF test");
const out = tempDir("yanxiu-cert-");
afterAll(() => removeDir(out));

describe("yanxiu certificate", () => {
  it("HTML: one section per teacher with records, items, requirements, total, grade, signatures and the seal", async () => {
    const file = join(out, "t10.html");
    const r = await runCli(["certificate", "张明", "-C", DEMO_SCHOOL, "--year", "2025-2026", "-o", file]);
    expect([r.code, r.stderr]).toEqual([0, `已写入 ${file}(1 位教师)\n`]);
    const html = readFileSync(file, "utf8");
    expect(html.match(/<section class="certificate"/g)?.length).toBe(1);
    // 6 + 39 = 45, short of 48: 不合格; the group sessions item: 30 before its cap of 8; 主备 2 × 4 = 8 outside it
    expect(html).toContain("合计 45 学时,等次:不合格");
    expect(html).toContain("组内研讨与集体备课(上限 8)</td><td class=\"num\">8</td>");
    expect(html).toContain("<td>全年 48 学时</td><td class=\"name\">2025-2026</td><td class=\"num\">45</td><td class=\"num\">48</td><td class=\"short\">差 3</td>");
    for (const s of ["本人", "制表", "审核", "校长", "(学校盖章)"]) expect(html).toContain(`${s}`);
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it("each record's line says what it counted for, after its item's cap; a tallied lesson its lessons; an unreviewed one 待审核", async () => {
    const file = join(out, "t16.html");
    expect((await runCli(["certificate", "t16", "-C", DEMO_SCHOOL, "--year", "2025-2026", "-o", file])).code).toBe(0);
    const lines = readFileSync(file, "utf8").split("\n").filter((l) => l.startsWith('<tr><td class="name">')).map((l) => l.replace(/<\/td><td[^>]*>/g, " | ").replace(/<[^>]*>/g, ""));
    // 教学反思: 1 each up to the item's cap of 8: the ninth and tenth count 0, as the item's 8 adds up.
    expect(lines).toContain("2026-05-11 | 教学反思 | 《爬山虎的脚》教学反思 | 1");
    expect(lines).toContain("2026-05-15 | 教学反思 | 四年级语文第七单元教学反思 | 0");
    // 听课 records count lessons toward the term's tier; the tier pays the item.
    expect(lines).toContain("2025-09-09 | 听课/观课议课 | 9月听课记录（5节） | 5 节");
    // The demo school reviews records: its sessions, never approved, say so; approved records do not.
    expect(lines).toContain("2025-09-23 | 组内研讨 | 组内研讨：学困生辅导经验交流(待审核) | 3");
    expect(lines).toContain("2026-05-13 | 命好题 | 命好题：五年级语文第八单元检测卷 | 5");
  });

  it("--all: every scored teacher, one file; unknown names and missing -o are usage errors", async () => {
    const file = join(out, "all.html");
    expect((await runCli(["certificate", "--all", "-C", DEMO_SCHOOL, "--year", "2025-2026", "-o", file])).code).toBe(0);
    expect(readFileSync(file, "utf8").match(/<section class="certificate"/g)?.length).toBe(26);
    const bad = await runCli(["certificate", "张名", "-C", DEMO_SCHOOL, "-o", join(out, "x.html")]);
    expect([bad.code, bad.stderr]).toEqual([2, "yanxiu: 名册里没有教师「张名」;是不是 张明(t10)?\n"]);
    const noOut = await runCli(["certificate", "t10", "-C", DEMO_SCHOOL]);
    expect(noOut.code).toBe(2);
  });

  it("PDF without Chromium: a clear message, exit 2, no file", async () => {
    const file = join(out, "none.pdf");
    const r = await runCli(["certificate", "t10", "-C", DEMO_SCHOOL, "-o", file], { env: { CHROMIUM: "/nonexistent/chromium" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("生成 PDF 需要 Chromium 浏览器(/nonexistent/chromium 不存在)");
    expect(existsSync(file)).toBe(false);
  });

  it.skipIf(!canReadPdf)("PDF from the system Chromium: A4, one page for t10, the numbers in its text", async () => {
    const file = join(out, "t10.pdf");
    const r = await runCli(["certificate", "t10", "-C", DEMO_SCHOOL, "--year", "2025-2026", "-o", file]);
    expect(r.code).toBe(0);
    const info = spawnSync("pdfinfo", [file], { encoding: "utf8" }).stdout;
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = spawnSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, "");
    expect(text).toContain("校本研修学时证明");
    expect(text).toContain("合计45学时,等次:不合格");
  });
});
