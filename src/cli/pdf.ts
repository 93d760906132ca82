/**
 * HTML to PDF through the system Chromium (Debian's /usr/bin/chromium, or $CHROMIUM), driven by
 * playwright-core. Why Chromium and not a PDF library: the certificate is already HTML, and a
 * browser lays out Chinese text, tables and page breaks exactly as the print preview shows,
 * with the system's CJK fonts; PDF libraries (pdfkit, pdf-lib) would need a CJK font embedded
 * (10+ MB) and our own line breaking and table layout. playwright-core is a small, maintained
 * driver that downloads no browser. Both are optional: without them, a clear message.
 */
import { existsSync } from "node:fs";
import { t, type Lang } from "../i18n.js";
import { UsageError } from "./io.js";

export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export function chromiumPath(env: Record<string, string | undefined>): string {
  return env.CHROMIUM ?? "/usr/bin/chromium";
}

export async function htmlToPdf(html: string, env: Record<string, string | undefined>, lang: Lang): Promise<Uint8Array> {
  const executablePath = chromiumPath(env);
  const missing = t(lang,
    `生成 PDF 需要 Chromium 浏览器(${executablePath} 不存在)。请安装(Debian/Ubuntu:apt-get install chromium)或设置 CHROMIUM=浏览器路径;也可以用 -o 证明.html 写出网页,再用浏览器打印为 PDF`,
    `writing PDF needs the Chromium browser (${executablePath} does not exist). Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM to its path; or write -o certificate.html and print it to PDF from a browser`);
  if (!existsSync(executablePath)) throw new UsageError(missing);
  let chromium: typeof import("playwright-core").chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    throw new UsageError(t(lang, "生成 PDF 需要 playwright-core 包:npm install -g playwright-core,或用 -o 证明.html", "writing PDF needs the playwright-core package: npm install -g playwright-core, or use -o certificate.html"));
  }
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    // Self-contained HTML: nothing may be fetched while printing.
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") || route.request().url() === "about:blank" ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    return new Uint8Array(await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true }));
  } finally {
    await browser.close();
  }
}
