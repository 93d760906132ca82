/**
 * 撤回 in a real browser (playwright-core driving the system Chromium) on a phone: the link can
 * be seen (its colour is not its card's), it asks first and names the record, "keep it" changes
 * nothing, and confirming takes the record out in a commit by the teacher.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { listen, type Running } from "../../src/serve/listen.js";
import { git, makeSchool, withPasswords } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const T16 = "records/2025-2026-2/t16.yaml";

let root: string;
let run: Running;
let browser: Browser;

beforeAll(async () => {
  root = makeSchool();
  await withPasswords(root, ["t16"]);
  run = await listen({ root, today: () => "2026-04-20", watch: false }, "127.0.0.1", 0);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  await run?.close();
});

/** The colour a person sees behind an element: the first ancestor's that is not transparent. */
function colours(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((el) => {
    let bg = "rgba(0, 0, 0, 0)";
    for (let at: Element | null = el; at && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); at = at.parentElement) bg = getComputedStyle(at).backgroundColor;
    return { color: getComputedStyle(el).color, background: bg };
  });
}

/** WCAG's contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/\d+/g)!.slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.skipIf(!existsSync(CHROMIUM))("撤回 on a phone", () => {
  it("can be seen, asks first naming the record, and is done only when confirmed", async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: "zh-CN" });
    const page = await ctx.newPage();
    await page.goto(`${run.url}login`);
    await page.fill("#who", "t16");
    await page.fill("#password", "correct horse");
    await page.click("main button[type=submit]");
    await page.waitForURL(run.url);

    await page.goto(`${run.url}add?kind=observation`);
    await page.fill("#date", "2026-04-15");
    await page.fill("#title", "记错的一条听课");
    await page.fill("#count", "2");
    await page.click("main button[type=submit]");
    expect(await page.textContent("main")).toContain("已保存");
    const saved = readFileSync(join(root, T16), "utf8");
    expect(saved).toContain("title: 记错的一条听课");

    await page.goto(run.url);
    const item = page.locator("li", { hasText: "记错的一条听课" });
    const link = item.locator("a", { hasText: "撤回" });
    // Seen: on the white card, the link's colour has the contrast WCAG asks of text (4.5:1).
    const seen = await colours(page, 'li:has-text("记错的一条听课") a:has-text("撤回")');
    expect(seen.background).toBe("rgb(255, 255, 255)");
    expect(contrast(seen.color, seen.background)).toBeGreaterThanOrEqual(4.5);
    expect(await link.isVisible()).toBe(true);
    // The header's log-out stays white on the brand's blue.
    const logout = await colours(page, "header.top button.link");
    expect(logout.color).toBe("rgb(255, 255, 255)");
    expect(contrast(logout.color, logout.background)).toBeGreaterThanOrEqual(4.5);

    // Asked first, by the record's date, kind and title; keeping it changes nothing.
    await link.click();
    expect(await page.textContent("main h1")).toBe("撤回这条记录?");
    expect(await page.textContent("main .card")).toContain("2026-04-15 · 听课");
    expect(await page.textContent("main .card b")).toBe("记错的一条听课");
    await page.click("text=不撤回,回到我的研修");
    await page.waitForURL(run.url);
    expect(readFileSync(join(root, T16), "utf8")).toBe(saved);

    await page.locator("li", { hasText: "记错的一条听课" }).locator("a", { hasText: "撤回" }).click();
    await page.click("text=确认撤回");
    await page.waitForURL(`${run.url}?done=withdrawn`);
    expect(await page.textContent(".flash")).toContain("已撤回");
    expect(await page.locator("li", { hasText: "记错的一条听课" }).count()).toBe(0);
    expect(readFileSync(join(root, T16), "utf8")).not.toContain("记错的一条听课");
    expect(git(root, "log", "-1", "--format=%an|%s").trim()).toBe("刘娟|withdraw: t16 记错的一条听课 2026-04-15 (web)");
    await ctx.close();
  });
});
