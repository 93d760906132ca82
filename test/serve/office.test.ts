import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/run-cli.js";
import { Client, makeSchool, start, TODAY, withPasswords } from "./helpers.js";

let root: string;
let app: ReturnType<typeof start>["app"];
beforeAll(async () => {
  root = makeSchool();
  await withPasswords(root, ["t01", "t06", "t16"]);
  ({ app } = start(root));
});

describe("教务处", () => {
  it("the office sees every teacher, the summary with its charts, check's problems and the accounts", async () => {
    const c = new Client(app);
    await c.login("t06");
    const r = await c.get("/office");
    expect(r.status).toBe(200);
    expect(r.text).toContain("<svg");
    expect(r.text).toContain("黄敏斌");
    expect(r.text).toContain("检查发现的问题");
    expect(r.text).toMatch(/<td>t01<\/td><td>黄敏斌<\/td><td>已启用<\/td>/);
  });

  it("a teacher (or a leader) is refused the office page and its downloads", async () => {
    const c = new Client(app);
    await c.login("t01");
    expect((await c.get("/office")).status).toBe(403);
    expect((await c.get("/office/download?report=score&format=csv&period=year:2025-2026")).status).toBe(403);
  });

  it("the score download is `yanxiu score`'s, 待审核 and 退回 and the 全校 row included, and the page shows them", async () => {
    const c = new Client(app);
    await c.login("t06");
    const res = await c.request("/office/download?report=score&format=csv&period=year:2025-2026");
    expect(res.status).toBe(200);
    const web = (await res.text()).replace(/^\uFEFF/, "");
    const cli = await runCli(["score", root, "--year", "2025-2026", "--format", "csv"], { env: { YANXIU_TODAY: TODAY } });
    expect(cli.code, cli.stderr).toBe(0);
    expect(web).toBe(cli.stdout.replace(/^\uFEFF/, ""));
    const header = web.split("\n").find((line) => line.startsWith("编号,"))!;
    expect(header).toContain("待审核");
    expect(header).toContain("退回");
    const md = await (await c.request("/office/download?report=score&format=markdown&period=year:2025-2026")).text();
    const cliMd = await runCli(["score", root, "--year", "2025-2026", "--format", "markdown"], { env: { YANXIU_TODAY: TODAY } });
    expect(md).toBe(cliMd.stdout);
    // The printable one ends as the CLI's does: the day made and the signature lines.
    const printable = await (await c.request("/office/download?report=score&format=html&period=year:2025-2026")).text();
    const cliHtml = await runCli(["score", root, "--year", "2025-2026", "--format", "html"], { env: { YANXIU_TODAY: TODAY } });
    expect(printable).toBe(cliHtml.stdout);
    expect(printable).toContain('<footer class="signatures"><span>制表:</span><span>审核:</span><span>校长:</span></footer>');
    const summary = await (await c.request("/office/download?report=summary&format=markdown&period=year:2025-2026")).text();
    expect(summary).toBe((await runCli(["summary", root, "--year", "2025-2026", "--format", "markdown"], { env: { YANXIU_TODAY: TODAY } })).stdout);
    expect(summary).toContain("待审核");
    expect(md).toMatch(/^\| 全校 \| \d+ 人 \|/m);
    const page = (await c.get("/office?period=year:2025-2026")).text;
    expect(page).toContain("<th>待审核</th>");
    expect(page).toContain("<th>退回</th>");
    // The 全校 and 平均 rows under the teachers, and 全校 under the groups, as the reports have them.
    expect(page).toMatch(/<tfoot><tr><td><b>全校<\/b><\/td><td><b>26 人<\/b><\/td>/);
    expect(page).toMatch(/<tr><td><b>平均<\/b><\/td>/);
  });

  it("the office opens the 学时证明 `yanxiu certificate` writes, for everyone or one teacher; a teacher opens only her own", async () => {
    const c = new Client(app);
    await c.login("t06");
    const office = (await c.get("/office?period=year:2025-2026")).text;
    expect(office).toContain('<form method="get" action="/office/certificates" target="_blank"');
    expect(office).toContain('<option value="t16">刘娟(t16)</option>');
    const all = await c.request("/office/certificates?period=year%3A2025-2026&teacher=all");
    expect(all.status).toBe(200);
    expect(all.headers.get("content-disposition")).toBe('inline; filename="certificates-2025-2026.html"');
    const html = await all.text();
    const file = join(mkdtempSync(join(tmpdir(), "yanxiu-cert-")), "certificates.html");
    const cli = await runCli(["certificate", "--all", "-C", root, "--year", "2025-2026", "-o", file], { env: { YANXIU_TODAY: TODAY } });
    expect(cli.code, cli.stderr).toBe(0);
    expect(html).toBe(readFileSync(file, "utf8"));
    const one = await (await c.request("/office/certificates?period=year%3A2025-2026&teacher=t16")).text();
    expect(one).toContain("刘娟");
    expect(one).not.toContain("黄敏斌");
    expect((await c.request("/office/certificates?period=year%3A2025-2026&teacher=nobody")).status).toBe(404);

    const teacher = new Client(app);
    await teacher.login("t16");
    expect((await teacher.request("/office/certificates?period=year%3A2025-2026&teacher=t16")).status).toBe(403);
    expect((await teacher.get("/")).text).toContain('<a class="button secondary" href="/certificate" target="_blank">打印本人学时(核对用)</a>');
    const mine = await teacher.request("/certificate");
    expect(mine.status).toBe(200);
    const own = await mine.text();
    // Her copy to check: the same records and numbers, but not a certificate — no signature boxes, no
    // place for the seal, and it says it may count records not yet reviewed.
    expect(own).toContain("<h1>校本研修学时(本人核对用)</h1>");
    expect(own).toContain("<title>刘娟 本人学时(核对用)</title>");
    expect(own).not.toMatch(/证明<\/title>|<div class="signs">/);
    expect(mine.headers.get("content-disposition")).toBe('inline; filename="hours-t16-2025-2026.html"');
    expect(own).toContain("本页供本人核对(2026-04-20),不作证明:可能含未经审核的记录;学时证明由教务处打印、签字盖章。");
    expect(own).not.toContain('class="seal"');
    expect(one).toContain('class="seal"');
    const body = (html: string) => html.slice(html.indexOf('<table><thead>'), html.indexOf('<p class="total">'));
    expect(body(own)).toBe(body(one));
    expect(own.slice(own.indexOf('<p class="total">')).split("</p>")[0]).toBe(one.slice(one.indexOf('<p class="total">')).split("</p>")[0]);
    expect((await new Client(app).request("/certificate")).status).not.toBe(200);
  });

  it("the xlsx download reads back with the same total as the page", async () => {
    const c = new Client(app);
    await c.login("t06");
    const res = await c.request("/office/download?report=score&format=xlsx&period=year:2025-2026");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="score-2025-2026.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = wb.worksheets[0]!;
    let totalCol = -1;
    let t01Total: unknown;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === "编号") totalCol = (row.values as unknown[]).findIndex((h) => h === "合计学时");
      if (row.getCell(1).value === "t01") t01Total = row.getCell(totalCol).value;
    });
    // yanxiu explain t01 --year 2025-2026 says 合计 61 学时: 师德 6 + 评选 6 (one public lesson in one term
    // earns nothing: 两学期) + 反思 4 + 命好题 5 + 研讨 8 + 主备 3 × 4 = 12 + 备课上课与观课议课 9 + 20 → 20
    // (the study plan lacks 计划/笔记/总结: 0).
    expect(t01Total).toBe(61);
  });
});
