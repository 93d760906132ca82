#!/usr/bin/env node
/**
 * Render a yanxiu HTML report in headless Chromium: a full-page PNG screenshot and an A4 PDF,
 * and a JSON line on stdout saying, per chart, how many bars there are and how many were
 * drawn with a non-zero width. Offline: every request the page makes is refused.
 *
 *   node scripts/render-html.mjs report.html [--png report.png] [--pdf report.pdf] [--screen 1280x800]
 *
 * --screen WxH: the window size (default 820 wide, the whole page); with it the PNG is what that
 * window shows, as the screenshots in docs/reports.md; --from CSS scrolls that element (its heading
 * just above it) to the top of the window first.
 *
 * Uses Debian's chromium (/usr/bin/chromium, or $CHROMIUM) through playwright-core.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const input = args.find((a, i) => !a.startsWith("--") && !["--png", "--pdf", "--screen", "--from"].includes(args[i - 1]));
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

if (!input) {
  process.stderr.write("usage: node scripts/render-html.mjs report.html [--png out.png] [--pdf out.pdf]\n");
  process.exit(2);
}
if (!existsSync(executablePath)) {
  process.stderr.write(`no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM)\n`);
  process.exit(3);
}

const browser = await chromium.launch({
  executablePath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const screen = /^(\d+)x(\d+)$/.exec(opt("--screen") ?? "");
  const page = await browser.newPage({ viewport: screen ? { width: Number(screen[1]), height: Number(screen[2]) } : { width: 820, height: 1100 } });
  const requests = [];
  // The report must be self-contained: note and refuse anything but the file itself.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(resolve(input)).href, { waitUntil: "load" });
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll("svg.chart")].map((svg) => {
      const bars = [...svg.querySelectorAll("rect.bar")];
      return {
        id: svg.getAttribute("data-chart"),
        bars: bars.length,
        drawn: bars.filter((r) => r.getBoundingClientRect().width > 0 && r.getBoundingClientRect().height > 0).length,
      };
    }),
  );
  const scripts = await page.evaluate(() => document.querySelectorAll("script").length);
  const png = opt("--png");
  const from = opt("--from");
  if (from) await page.evaluate((css) => {
    const el = document.querySelector(css);
    if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 60);
  }, from);
  if (png) await page.screenshot({ path: png, fullPage: !screen });
  const pdf = opt("--pdf");
  if (pdf) {
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true, printBackground: true });
  }
  process.stdout.write(`${JSON.stringify({ charts, scripts, externalRequests: requests })}\n`);
} finally {
  await browser.close();
}
