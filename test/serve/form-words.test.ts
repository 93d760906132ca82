/**
 * The add and edit forms as someone typing on a phone meets them: dates typed the way
 * `yanxiu add` reads them, check's messages in the form's words, and chosen files that a form
 * sent back with errors no longer holds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { derivedRef } from "../../src/approval/ref.js";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

let root: string;
let t16: Client;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3]);
const T16 = "records/2025-2026-2/t16.yaml";
const photo = () => new File([JPEG], "听课照片.jpg", { type: "image/jpeg" });
/** The texts of the form's messages beside the evidence input. */
const evidenceErrors = (page: string) => [...page.slice(page.indexOf('id="evidence"')).matchAll(/<p class="err"[^>]*>([^<]+)<\/p>/g)].map((m) => m[1]);

beforeEach(async () => {
  root = makeSchool();
  await withPasswords(root, ["t16"]);
  const { app } = start(root);
  t16 = new Client(app);
  await t16.login("t16");
  await t16.get("/add?kind=observation");
});

describe("the add form", () => {
  it("takes 2026年4月15日 as 2026-04-15: in the file, the evidence's name and the commit", async () => {
    const r = await t16.post("/add", { kind: "observation", date: "2026年4月15日", title: "听课:识字教学", count: "２", evidence: photo() });
    expect(r.status, r.text).toBe(200);
    const file = readFileSync(join(root, T16), "utf8");
    expect(file).toContain("  - date: 2026-04-15\n    kind: observation\n    title: 听课:识字教学\n    count: 2\n    evidence: evidence/t16/2026-04-15-听课照片.jpg\n");
    expect(git(root, "log", "-1", "--format=%s").trim()).toBe("records: t16 听课:识字教学 2026-04-15 (web)");
  });

  it("names the field by its label and the value as typed in check's messages", async () => {
    const before = readFileSync(join(root, T16), "utf8");
    const r = await t16.post("/add", { kind: "observation", date: "2026-04-15", title: "听课", count: "100000" });
    expect(r.status).toBe(400);
    expect(r.text).toContain("「数量(节/次)」应不大于 10000,实际是 100000");
    expect(r.text).not.toContain("number 100000");
    const half = await t16.post("/add", { kind: "observation", date: "2026-04-15", title: "听课", count: "２．５" }, { csrf: t16.csrf() });
    expect(half.text).toContain("「数量(节/次)」应为整数,实际是 2.5");
    expect(readFileSync(join(root, T16), "utf8")).toBe(before);
  });

  it("a form sent back with errors says the chosen file must be chosen again; without a file, nothing is said", async () => {
    const r = await t16.post("/add", { kind: "observation", date: "2026-04-15", title: "听课", count: "abc", evidence: photo() });
    expect(r.status).toBe(400);
    expect(evidenceErrors(r.text)).toEqual(["所选的 1 个文件没有保存:请重新选择"]);
    // The value typed is kept, and no file was written.
    expect(r.text).toContain('value="abc"');
    expect(git(root, "status", "--porcelain", "--untracked-files=all").trim()).toBe("");
    const bare = await t16.post("/add", { kind: "observation", date: "2026-04-15", title: "听课", count: "abc" }, { csrf: t16.csrf() });
    expect(evidenceErrors(bare.text)).toEqual([]);
  });

  it("a future date is said to be in the future, even past the term's end", async () => {
    const r = await t16.post("/add", { kind: "observation", date: "2026-09-20", title: "听课", count: "1" });
    expect(r.status).toBe(400);
    expect(r.text).toContain("日期 2026-09-20 在今天(2026-04-20)之后(活动结束后再记录,或改正日期)");
    expect(r.text).not.toContain("不在任何学期之内");
  });
});

describe("evidence the rules ask for by name", () => {
  it("has its own box on the form, and a phone photo put there counts where the same photo elsewhere does not", async () => {
    const form = (await t16.get("/add?kind=observation")).text;
    expect(form).toContain('<label for="evidence-0">记录册</label><input id="evidence-0" name="evidence:记录册" type="file"');
    const phone = () => new File([JPEG], "IMG_0001.jpg", { type: "image/jpeg" });
    expect((await t16.post("/add", { kind: "observation", date: "2026-04-15", title: "听课甲", count: "1", "evidence:记录册": phone() })).status).toBe(200);
    expect((await t16.post("/add", { kind: "observation", date: "2026-04-16", title: "听课乙", count: "1", evidence: phone() }, { csrf: t16.csrf() })).status).toBe(200);
    const file = readFileSync(join(root, T16), "utf8");
    expect(file).toContain("    title: 听课甲\n    count: 1\n    evidence: evidence/t16/2026-04-15-记录册-IMG_0001.jpg\n");
    expect(file).toContain("    title: 听课乙\n    count: 1\n    evidence: evidence/t16/2026-04-16-IMG_0001.jpg\n");
    // 我的研修's 学时说明: 乙 is left out for its evidence, 甲 is not.
    const explain = (await t16.get("/")).text.split("学时说明")[1]!;
    const line = (title: string) => explain.split("</div>").find((l) => l.includes(title)) ?? "";
    expect(line("听课乙")).toMatch(/2026-04-16 {2}听课乙 {2}不计:缺少证明材料$/);
    expect(line("听课甲")).toMatch(/2026-04-15 {2}听课甲 {2}计入 1 节$/);
  });
});

describe("the page after a save", () => {
  it("says why a record earns nothing or less than it is worth", async () => {
    await t16.get("/add?kind=paper");
    // 区县级 一等奖 is 5 for a paper, but 论文 already holds 7 of its cap of 10 this year: 3.
    const capped = await t16.post("/add", { kind: "paper", date: "2026-04-10", title: "识字教学论文", level: "区县级", award: "一等奖" });
    expect(capped.text).toContain("识字教学论文 · <b>计 3 学时</b> <span class=\"short\">(原为 5,按本项上限只计 3)</span>");
    const full = await t16.post("/add", { kind: "paper", date: "2026-04-11", title: "第二篇论文", level: "区县级", award: "一等奖" }, { csrf: t16.csrf() });
    expect(full.text).toContain("第二篇论文 · <b>计 0 学时</b> <span class=\"short\">(已达本项上限,不计)</span>");
    await t16.get("/add?kind=study-plan");
    const plan = await t16.post("/add", { kind: "study-plan", date: "2026-04-12", title: "研修计划", score: "6", evidence: new File([JPEG], "IMG_0009.jpg", { type: "image/jpeg" }) }, { csrf: t16.csrf() });
    expect(plan.text).toContain("研修计划 · <b>计 0 学时</b> <span class=\"short\">(缺少证明材料)</span>");
  });
});

describe("the edit form", () => {
  it("says so too when a save with a chosen file is refused", async () => {
    expect((await t16.post("/add", { kind: "observation", date: "2026-04-15", title: "听课", count: "1" })).status).toBe(200);
    const ref = derivedRef("record", "t16", "2026-04-15", "observation", "听课");
    await t16.get(`/records/edit?ref=${encodeURIComponent(ref)}`);
    const r = await t16.post("/records/edit", { ref, version: t16.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课", count: "-3", evidence: photo() });
    expect(r.status).toBe(400);
    expect(r.text).toContain("不能是负数:「-3」");
    expect(evidenceErrors(r.text)).toEqual(["所选的 1 个文件没有保存:请重新选择"]);
  });
});
