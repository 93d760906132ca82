/**
 * The HTML report rendered by real headless Chromium (scripts/render-html.mjs): one drawn bar
 * per group and per teacher, no script, no network, a PNG and an A4 PDF.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { DEMO_SCHOOL, REPO_ROOT, removeDir, tempDir } from "../helpers/temp-repo.js";
import { hasChromium, hasPoppler, warnMissing } from "../helpers/tools.js";

warnMissing("the HTML rendering tests");

const out = tempDir("yanxiu-html-");
afterAll(() => removeDir(out));

function render(html: string) {
  const png = join(out, "report.png");
  const pdf = join(out, "report.pdf");
  const r = spawnSync(process.execPath, [join(REPO_ROOT, "scripts/render-html.mjs"), html, "--png", png, "--pdf", pdf], { encoding: "utf8", timeout: 60_000 });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return { result: JSON.parse(r.stdout) as { charts: { id: string; bars: number; drawn: number }[]; scripts: number; externalRequests: string[] }, png, pdf };
}

describe.skipIf(!hasChromium)("html report in headless Chromium", () => {
  it("summary: 7 group bars and 26 teacher bars drawn; PNG and A4 PDF written", async () => {
    const html = join(out, "summary.html");
    const r = await runCli(["summary", DEMO_SCHOOL, "--year", "2025-2026", "-o", html]);
    expect(r.code).toBe(0);
    const { result, png, pdf } = render(html);
    // roster.yaml: 5 教研组 + 2 备课组, and (未分组) for t26 司马秀; 26 teachers t01–t26.
    expect(result.charts).toEqual([
      { id: "groups", bars: 8, drawn: 8 },
      { id: "teachers", bars: 26, drawn: 26 },
    ]);
    expect(result.scripts).toBe(0);
    expect(result.externalRequests).toEqual([]);
    expect([...readFileSync(png).subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    const pdfText = readFileSync(pdf).toString("latin1");
    expect(pdfText.startsWith("%PDF-")).toBe(true);
    // A4 landscape is 297 × 210 mm = 841.9 × 595.3 points (Chromium writes 841.92 × 594.96).
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdfText)!;
    expect(Math.abs(Number(box[1]) - 841.9)).toBeLessThan(1);
    expect(Math.abs(Number(box[2]) - 595.3)).toBeLessThan(1);
  });

  it.skipIf(!hasPoppler)("score: the per-teacher chart colours who met (green) and who fell short (red)", async () => {
    const html = join(out, "score.html");
    await runCli(["score", DEMO_SCHOOL, "--year", "2025-2026", "-o", html]);
    const text = readFileSync(html, "utf8");
    // 8 of 26 meet every requirement (test/fixtures/expected/demo-school-score-2025-2026.txt).
    expect(text.match(/<rect class="bar ok"/g)?.length).toBe(8);
    expect(text.match(/<rect class="bar short"/g)?.length).toBe(18);
    expect(text).toContain("@page { size: A4 landscape;");
    expect(text).not.toMatch(/<script|https?:\/\//);
    const { result, pdf } = render(html);
    // Printed, every column of the score table is on the page: each header is in the PDF's text
    // (read in content order; number headers are set vertically, so whitespace is dropped).
    const pdfText = spawnSync("pdftotext", ["-raw", pdf, "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, "");
    const headers = [...text.matchAll(/<table data-table="teachers"[^>]*><thead><tr>(.*?)<\/tr>/g)][0]![1]!.match(/<th[^>]*>([^<]*)<\/th>/g)!.map((x) => x.replace(/<[^>]+>/g, ""));
    // 编号, 姓名, 所在组, the 14 items of xintian.yaml (集体备课主备 among them), 合计学时, 等次, 待审核, 退回, 未达要求
    expect(headers.length).toBe(3 + 14 + 5);
    for (const header of headers) expect(pdfText, header).toContain(header.replace(/\s+/g, ""));
    // and the rows: the last teacher and the 全校 / 平均 rows
    expect(pdfText).toContain("t26司马秀");
    expect(pdfText).toMatch(/全校26人/);
    expect(result.charts).toEqual([
      { id: "groups", bars: 8, drawn: 8 },
      { id: "teachers", bars: 26, drawn: 26 },
    ]);
  });
});
