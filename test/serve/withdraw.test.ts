import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { derivedRef } from "../../src/approval/ref.js";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

let root: string;
let app: ReturnType<typeof start>["app"];
const T01 = "records/2025-2026-2/t01.yaml";
const file = () => readFileSync(join(root, T01), "utf8");
const head = () => git(root, "rev-parse", "HEAD");
const A = "  - date: 2026-04-15\n    kind: observation\n    title: 记错了A\n    count: 1\n";
const B = "  - date: 2026-04-16\n    kind: observation\n    title: 记错了B\n    count: 2\n";
const refA = derivedRef("record", "t01", "2026-04-15", "observation", "记错了A");
const refB = derivedRef("record", "t01", "2026-04-16", "observation", "记错了B");
let original: string;

beforeEach(async () => {
  root = makeSchool();
  await withPasswords(root, ["t01", "t02"]);
  ({ app } = start(root));
  original = file();
});

/** t01 adds A then B (appended in that order) and opens 我的研修. */
async function addBoth(): Promise<Client> {
  const c = new Client(app);
  await c.login("t01");
  await c.get("/add?kind=observation");
  expect((await c.post("/add", { kind: "observation", date: "2026-04-15", title: "记错了A", count: "1" })).status).toBe(200);
  expect((await c.post("/add", { kind: "observation", date: "2026-04-16", title: "记错了B", count: "2" }, { csrf: c.csrf() })).status).toBe(200);
  expect(file()).toBe(original + A + B);
  await c.get("/");
  return c;
}

/** 我的研修's 撤回 link of a record, followed: the page that asks before withdrawing it. */
async function askPage(c: Client, ref: string): Promise<string> {
  const link = `/records/withdraw?ref=${encodeURIComponent(ref)}`;
  expect((await c.get("/")).text).toContain(`href="${link}"`);
  const r = await c.get(link);
  expect(r.status, r.text).toBe(200);
  return r.text;
}

/** The hidden fields of the withdraw form on a page that asks. */
function withdrawForm(page: string, ref: string): Record<string, string> {
  const form = new RegExp(`<form method="post" action="/records/withdraw"[^>]*>\\s*<input type="hidden" name="_csrf" value="([^"]+)"><input type="hidden" name="ref" value="${ref}"><input type="hidden" name="version" value="([0-9a-f]+)">`).exec(page);
  if (!form) throw new Error(`no withdraw form for ${ref}`);
  return { _csrf: form[1]!, ref, version: form[2]! };
}

describe("withdraw my own record by its ref, while it is not approved", () => {
  it("the record's lines leave the file (every other byte kept), in a commit by me", async () => {
    const c = await addBoth();
    const ask = await askPage(c, refA);
    // The record is named before anything is done, and nothing is done by asking.
    expect(ask).toContain("撤回这条记录?");
    expect(ask).toContain("2026-04-15 · ");
    expect(ask).toContain("<b>记错了A</b>");
    expect(file()).toBe(original + A + B);
    const r = await c.post("/records/withdraw", withdrawForm(ask, refA), { csrf: null });
    expect(r.status, r.text).toBe(303);
    expect(file()).toBe(original + B);
    expect(git(root, "log", "-1", "--format=%an|%cn|%s").trim()).toBe("黄敏斌|yanxiu serve|withdraw: t01 记错了A 2026-04-15 (web)");
    expect(git(root, "show", "--name-only", "--format=", "HEAD").trim()).toBe(T01);
  });

  it("a page shown before an earlier record left still withdraws the right one (the index shifted, the ref did not)", async () => {
    const c = await addBoth();
    const [askA, askB] = [await askPage(c, refA), await askPage(c, refB)];
    expect((await c.post("/records/withdraw", withdrawForm(askA, refA), { csrf: null })).status).toBe(303);
    // B's form from the page asked before: B is now one place earlier in the file.
    expect((await c.post("/records/withdraw", withdrawForm(askB, refB), { csrf: null })).status).toBe(303);
    expect(file()).toBe(original);
  });

  it("a record added by hand before it on disk moves it; the withdraw finds it under the lock and leaves the new one", async () => {
    const c = await addBoth();
    const askB = await askPage(c, refB);
    // The server in tests does not watch the tree: its copy still has B at its old place.
    const hand = "  - date: 2026-04-01\n    kind: observation\n    title: 手写的\n    count: 1\n";
    const onDisk = file().replace("records:\n", `records:\n${hand}`);
    writeFileSync(join(root, T01), onDisk);
    expect((await c.post("/records/withdraw", withdrawForm(askB, refB), { csrf: null })).status).toBe(303);
    expect(file()).toBe(onDisk.replace(B, ""));
  });
});

describe("withdraw refused, nothing written", () => {
  it("a record changed on disk since the page was shown (same ref, other count), and one gone from the file", async () => {
    const c = await addBoth();
    const [askA, askB] = [await askPage(c, refA), await askPage(c, refB)];
    const before = head();
    const changed = file().replace("title: 记错了B\n    count: 2\n", "title: 记错了B\n    count: 7\n");
    writeFileSync(join(root, T01), changed);
    const r = await c.post("/records/withdraw", withdrawForm(askB, refB), { csrf: null });
    expect(r.status).toBe(409);
    expect(r.text).toContain("这条记录在页面打开之后被修改过(别处或另一个窗口),没有撤回");
    expect(file()).toBe(changed);

    const gone = original + B;
    writeFileSync(join(root, T01), gone);
    const r2 = await c.post("/records/withdraw", withdrawForm(askA, refA), { csrf: null });
    expect(r2.status).toBe(409);
    expect(r2.text).toContain("这条记录已不在原处");
    expect(file()).toBe(gone);
    expect(head()).toBe(before);
  });

  it("a form without the version it was shown with", async () => {
    const c = await addBoth();
    const before = head();
    const r = await c.post("/records/withdraw", { ref: refA });
    expect(r.status).toBe(409);
    expect(file()).toBe(original + A + B);
    expect(head()).toBe(before);
  });

  it("another teacher's record, an approved one, a session, an index-style ref; and without logging in", async () => {
    const c = await addBoth();
    const form = withdrawForm(await askPage(c, refA), refA);
    const before = head();
    const other = new Client(app);
    await other.login("t02");
    const r = await other.post("/records/withdraw", { ref: refA, version: form.version! });
    expect(r.status).toBe(403);
    expect(r.text).toContain("只能撤回自己的记录");
    const approved = derivedRef("record", "t01", "2026-03-02", "observation", "3月听课记录（5节）");
    const a = await c.post("/records/withdraw", { ref: approved, version: "0" });
    expect(a.status).toBe(403);
    expect(a.text).toContain("已审核的记录不能撤回");
    // 我的研修 offers no 撤回 for it, and the page that asks refuses it too.
    expect((await c.get("/")).text).toContain(`href="/records/withdraw?ref=${encodeURIComponent(refA)}"`);
    expect(c.last).not.toContain(`/records/withdraw?ref=${encodeURIComponent(approved)}`);
    expect((await c.get(`/records/withdraw?ref=${encodeURIComponent(approved)}`)).status).toBe(403);
    expect((await other.get(`/records/withdraw?ref=${encodeURIComponent(refA)}`)).status).toBe(403);
    const session = derivedRef("session", "chinese", "2026-02-24", "group-discussion", "组内研讨：新课标学习交流");
    expect((await c.post("/records/withdraw", { ref: session, version: "0" })).status).toBe(403);
    expect((await c.post("/records/withdraw", { ref: `${T01}#0`, version: "0" })).status).toBe(403);
    const anon = new Client(app);
    await anon.get("/login");
    expect((await anon.post("/records/withdraw", form, { csrf: null })).status).toBe(403);
    expect(file()).toBe(original + A + B);
    expect(head()).toBe(before);
  });
});
