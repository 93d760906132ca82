/**
 * The whole story of issue 13 in a real browser (playwright-core driving the system Chromium)
 * at a phone's viewport: the office invites → a teacher sets her password and logs in → adds a
 * record with an evidence photo → sees it in 我的研修 with its credit → the leader records a
 * session with attendance and approves the record → the office downloads the xlsx with the new
 * numbers; git log shows each commit with the right author. SERVE_SCREENSHOTS=1 writes the
 * screenshots of docs/serve.md into docs/img/.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/run-cli.js";
import { listen, type Running } from "../../src/serve/listen.js";
import { git, makeSchool, TODAY } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = process.env.SERVE_SCREENSHOTS ? join(import.meta.dirname, "../../docs/img") : undefined;
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

let root: string;
let run: Running;
let browser: Browser;

beforeAll(async () => {
  root = makeSchool();
  run = await listen({ root, today: () => TODAY, watch: false }, "127.0.0.1", 0);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  await run?.close();
});

async function phone(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: "zh-CN", acceptDownloads: true });
  return ctx.newPage();
}
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `serve-${name}.png`), fullPage: false });
}
async function login(page: Page, id: string, password: string) {
  await page.goto(`${run.url}login`);
  await page.fill("#who", id);
  await page.fill("#password", password);
  await page.click("main button[type=submit]");
  await page.waitForURL(run.url);
}
async function xlsxTotal(page: Page, teacher: string): Promise<number> {
  await page.goto(`${run.url}office`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('a[href*="report=score&format=xlsx"]')]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await download.path())!) as never);
  let col = -1;
  let total = NaN;
  wb.worksheets[0]!.eachRow((row) => {
    if (row.getCell(1).value === "编号") col = (row.values as unknown[]).findIndex((h) => h === "合计学时");
    if (row.getCell(1).value === teacher) total = Number(row.getCell(col).value);
  });
  return total;
}

describe.skipIf(!existsSync(CHROMIUM))("the story in a browser, on a phone", () => {
  it("invite → password → add with a photo → 我的研修 → session and approval → xlsx; every commit by its author", async () => {
    // The office invites three teachers and gets the sheet with their codes.
    const invited = await runCli(["accounts", "invite", "t16", "t01", "t06", "--dir", root, "--url", run.url], { env: { YANXIU_TODAY: TODAY } });
    expect(invited.code, invited.stderr).toBe(0);
    const sheet = readFileSync(join(root, ".yanxiu-serve", `invite-${TODAY}.html`), "utf8");
    const codes = new Map([...sheet.matchAll(/编号 <b>(t\d+)<\/b>\)<\/div>\n<div>邀请码:<span class="code">([^<]+)</g)].map((m) => [m[1]!, m[2]!]));
    expect([...codes.keys()].sort()).toEqual(["t01", "t06", "t16"]);
    expect(git(root, "status", "--porcelain").trim()).toBe("");

    const office = await phone();
    for (const id of ["t01", "t06"]) {
      await office.goto(`${run.url}welcome?id=${id}`);
      await office.fill("#who", id);
      await office.fill("#code", codes.get(id)!);
      await office.fill("#password", `password-${id}`);
      await office.fill("#password2", `password-${id}`);
      const [resp] = await Promise.all([office.waitForResponse((r) => r.request().method() === "POST"), office.click("main button[type=submit]")]);
      if (resp.status() !== 303) throw new Error(`welcome ${id}: ${resp.status()} ${(await resp.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 400)}`);
      await office.waitForURL(run.url);
      if (office.url() !== run.url) throw new Error(`welcome ${id}: ${office.url()} ${(await office.textContent("main"))?.slice(0, 300)}`);
      await office.context().clearCookies();
    }
    await login(office, "t06", "password-t06");
    const before = await xlsxTotal(office, "t16");

    // The teacher sets her password on her phone.
    const teacher = await phone();
    await teacher.goto(`${run.url}welcome?id=t16`);
    await teacher.fill("#who", "t16");
    await teacher.fill("#code", codes.get("t16")!);
    await teacher.fill("#password", "my own secret");
    await teacher.fill("#password2", "my own secret");
    await shot(teacher, "welcome");
    await teacher.click("main button[type=submit]");
    await teacher.waitForURL(run.url);
    await shot(teacher, "me");

    // She adds a published paper with a photo of the certificate.
    await teacher.click("text=新增记录");
    await shot(teacher, "kinds");
    await teacher.click("text=论文");
    await teacher.fill("#date", "2026-04-10");
    await teacher.fill("#title", "《低年级识字教学的游戏化设计》");
    await teacher.selectOption("#level", "区县级");
    await teacher.selectOption("#award", "一等奖");
    await teacher.setInputFiles("#evidence", { name: "证书.jpg", mimeType: "image/jpeg", buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]) });
    await shot(teacher, "add");
    const [addResp] = await Promise.all([teacher.waitForResponse((r) => r.request().method() === "POST"), teacher.click("main button[type=submit]")]);
    expect(addResp.status(), `${addResp.url()} ${(await addResp.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 400)}`).toBe(200);
    const saved = await teacher.textContent("main");
    expect(saved).toContain("已保存");
    const credit = Number(/计 ([\d.]+) 学时/.exec(saved ?? "")?.[1]);
    // 区县级 一等奖 is 5 for a paper, but 论文 already holds 7 of its cap of 10 this year: 3.
    expect(credit).toBe(3);
    await shot(teacher, "saved");
    await teacher.click("text=查看我的研修");
    const item = teacher.locator("li", { hasText: "低年级识字教学的游戏化设计" });
    await expect.poll(() => item.textContent()).toContain(`+${credit}`);
    expect(await item.textContent()).toContain("录入");

    // Not approved yet, so she may still edit it: the add form comes filled in; the save keeps it 录入.
    // It was a teaching competition, not a paper: she retitles it, then changes the kind (the
    // chooser posts the form, no script); the new kind's fields come back with what she typed.
    await item.locator("text=编辑").click();
    expect(await teacher.inputValue("#title")).toBe("《低年级识字教学的游戏化设计》");
    expect(await teacher.inputValue("#date")).toBe("2026-04-10");
    await teacher.fill("#title", "《低年级识字教学的游戏化设计与实践》");
    await teacher.selectOption("#newkind", "lesson-award");
    await teacher.click("text=换成这个类型");
    expect(await teacher.textContent("main h1")).toContain("编辑记录: 课堂教学评选获奖");
    expect(await teacher.textContent("main")).toContain("类型将由「论文」改为「课堂教学评选获奖」,保存后生效");
    expect(await teacher.inputValue("#title")).toBe("《低年级识字教学的游戏化设计与实践》");
    expect(await teacher.inputValue("#level")).toBe("区县级");
    expect(await teacher.inputValue("#award")).toBe("一等奖");
    await shot(teacher, "edit");
    await teacher.click("main form[method=post] button[type=submit]");
    expect(await teacher.textContent(".flash")).toContain("已修改");
    const edited = teacher.locator("li", { hasText: "低年级识字教学的游戏化设计与实践" });
    expect(await edited.textContent()).toContain("2026-04-10 · 课堂教学评选获奖");
    // 区县级 一等奖 earns 7 as a teaching award (公开课与评选 holds 3 of its cap of 10): more than the paper's 3 under 论文's cap.
    expect(await edited.textContent()).toContain("+7");
    expect(await edited.textContent()).toContain("录入");
    await shot(teacher, "edited");

    // The leader of 语文组 records a session (t16 late) and approves the paper.
    const leader = await phone();
    await login(leader, "t01", "password-t01");
    await leader.click("text=组长");
    await leader.selectOption("#kind", "group-discussion");
    await leader.fill("#date", "2026-04-14");
    await leader.fill("#title", "组内研讨:识字教学");
    await leader.fill("#hours", "2");
    await leader.selectOption("#att-t16", "迟到");
    await shot(leader, "leader");
    await leader.click("main button[type=submit]");
    expect(await leader.textContent(".flash")).toContain("已保存");
    await leader.click("text=审核");
    await leader.locator("li", { hasText: "低年级识字教学的游戏化设计" }).locator("input[type=checkbox]").check();
    await shot(leader, "review");
    await leader.click("text=通过所选");
    expect(await leader.textContent(".flash")).toContain("已处理 1 条");

    await teacher.reload();
    expect(await teacher.locator("li", { hasText: "低年级识字教学的游戏化设计" }).textContent()).toContain("审定");

    // The office downloads the xlsx with the new numbers.
    const after = await xlsxTotal(office, "t16");
    await shot(office, "office");
    expect(after).toBeGreaterThan(before);

    const log = git(root, "log", "-5", "--format=%an <%ae>|%cn|%s").trim().split("\n");
    expect(log[0]).toMatch(/^黄敏斌 <huangminbin@mdsy\.edu\.cn>\|yanxiu serve\|approve: [0-9a-f]{12} in records\/2025-2026-2\/t16\.yaml \(web\)$/);
    expect(log[1]).toBe("黄敏斌 <huangminbin@mdsy.edu.cn>|yanxiu serve|sessions: chinese 组内研讨:识字教学 2026-04-14 (web)");
    expect(log[2]).toBe("刘娟 <liujuan@mdsy.edu.cn>|yanxiu serve|edit: t16 《低年级识字教学的游戏化设计与实践》 2026-04-10 (web)");
    expect(log[3]).toMatch(/^\S+ <[^>]+>\|yanxiu serve\|records: t16 《低年级识字教学的游戏化设计》 2026-04-10 \(web\)$/);
    expect(git(root, "show", "--name-only", "--format=", "HEAD~2").trim()).toBe("records/2025-2026-2/t16.yaml");
    expect(git(root, "show", "--name-only", "--format=", "HEAD~3").trim().split("\n").sort()).toEqual(["evidence/t16/2026-04-10-证书.jpg", "records/2025-2026-2/t16.yaml"]);
  });
});
