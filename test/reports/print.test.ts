/**
 * The score report printed by a real browser (the system Chromium, A4 landscape as the report's
 * @page asks), read back with pdftotext: the 全校 / 平均 rows print once, after the last teacher
 * (not at the foot of every page, where they read as that page's totals), and the number
 * headers, set vertically, end above the first row instead of running into it.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import { runCli } from "../helpers/run-cli.js";
import { DEMO_SCHOOL, removeDir, tempDir } from "../helpers/temp-repo.js";
import { CHROMIUM, hasChromium, hasPoppler, warnMissing } from "../helpers/tools.js";

warnMissing("the printed score report test");
const out = tempDir("yanxiu-print-");
afterAll(() => removeDir(out));

interface Word { x: number; top: number; bottom: number; text: string; page: number }

/** Every word of the PDF with its box (pdftotext -bbox), page by page. */
function words(pdf: string): Word[] {
  const xml = spawnSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" }).stdout;
  const found: Word[] = [];
  for (const [n, page] of xml.split("<page ").slice(1).entries()) {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<\/word>/g)) {
      found.push({ x: Number(m[1]), top: Number(m[2]), bottom: Number(m[3]), text: m[4]!, page: n + 1 });
    }
  }
  return found;
}

describe.skipIf(!hasChromium || !hasPoppler)("the score report on paper", () => {
  it("prints its totals once and its headers above the rows", async () => {
    const html = join(out, "score.html");
    const r = await runCli(["score", DEMO_SCHOOL, "--year", "2025-2026", "--format", "html", "-o", html], { env: { YANXIU_TODAY: "2026-07-10" } });
    expect(r.code, r.stderr).toBe(0);
    const pdf = join(out, "score.pdf");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${html}`);
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    } finally {
      await browser.close();
    }
    const all = words(pdf);
    // 26 teachers do not fit one page: the table goes on over two, and its 平均 row is printed once, on the last.
    const t01 = all.find((w) => w.text === "t01")!;
    const t26 = all.find((w) => w.text === "t26")!;
    expect(t26.page).toBeGreaterThan(t01.page);
    const averages = all.filter((w) => w.text === "平均");
    expect(averages.map((w) => w.page)).toEqual([t26.page]);
    expect(averages[0]!.top).toBeGreaterThan(t26.top);
    // The headers of the number columns (set vertically, one glyph a word) end above t01's row.
    const header = all.filter((w) => w.page === t01.page && w.top < t01.top && w.x > t01.x + 100 && w.top > 40);
    expect(header.length).toBeGreaterThan(30);
    expect(Math.max(...header.map((w) => w.bottom))).toBeLessThanOrEqual(t01.top);
  });
});
