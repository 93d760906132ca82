import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { derivedRef } from "../../src/approval/ref.js";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

let root: string;
let app: ReturnType<typeof start>["app"];
const T16 = "records/2025-2026-2/t16.yaml";
const ADDED = "  - date: 2026-04-15\n    kind: observation\n    title: 听课记错了\n    count: 3\n";
/** The derived ref of the record t16 adds below (owner, date, kind, title). */
const REF = derivedRef("record", "t16", "2026-04-15", "observation", "听课记错了");
let afterAdd: string;

beforeEach(async () => {
  root = makeSchool();
  await withPasswords(root, ["t01", "t16", "t02", "t06"]);
  ({ app } = start(root));
  const t16 = new Client(app);
  await t16.login("t16");
  await t16.get("/add?kind=observation");
  expect((await t16.post("/add", { kind: "observation", date: "2026-04-15", title: "听课记错了", count: "3" })).status).toBe(200);
  afterAdd = readFileSync(join(root, T16), "utf8");
  expect(afterAdd.endsWith(ADDED)).toBe(true);
});

const file = () => readFileSync(join(root, T16), "utf8");
const head = () => git(root, "rev-parse", "HEAD");

describe("编辑 my own record while it is not approved", () => {
  it("from 我的研修's link to a filled-in form; the save changes only that record's lines, in a commit by me", async () => {
    const c = new Client(app);
    await c.login("t16");
    const me = await c.get("/");
    expect(me.text).toContain(`<a href="/records/edit?ref=${REF}">编辑</a>`);
    const form = await c.get(`/records/edit?ref=${REF}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain("编辑记录");
    expect(form.text).toContain('value="听课记错了"');
    expect(form.text).toContain('value="2026-04-15"');
    expect(form.text).toMatch(/id="count" name="count" inputmode="decimal" value="3"/);

    const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-16", title: "听课《背影》", count: "2", notes: "王老师的课" });
    expect(r.status, r.text).toBe(303);
    expect(r.res.headers.get("location")).toBe("/?done=edited");
    expect(file()).toBe(afterAdd.replace(ADDED, `  - date: 2026-04-16\n    kind: observation\n    title: 听课《背影》\n    count: 2\n    notes: 王老师的课\n    id: ${REF}\n`));
    expect(git(root, "log", "-1", "--format=%an|%cn|%s").trim()).toBe("刘娟|yanxiu serve|edit: t16 听课《背影》 2026-04-16 (web)");
    expect(git(root, "show", "--name-only", "--format=", "HEAD").trim()).toBe(T16);
    // The pinned id keeps the same link working after the title changed.
    const again = await c.get(`/records/edit?ref=${REF}`);
    expect(again.text).toContain('value="听课《背影》"');
    // Saving it again as it is writes and commits nothing.
    const same = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-16", title: "听课《背影》", count: "2", notes: "王老师的课" });
    expect(same.res.headers.get("location")).toBe("/?done=unchanged");
    expect(git(root, "log", "-1", "--format=%s").trim()).toBe("edit: t16 听课《背影》 2026-04-16 (web)");
  });

  it("a returned record may be edited and goes back to 录入 for review (review fields removed)", async () => {
    const leader = new Client(app);
    await leader.login("t01");
    await leader.get("/review");
    expect((await leader.post("/review", { action: "reject", ref: REF, reason: "请写明听了谁的课" })).status).toBe(303);
    expect(file()).toContain("status: 退回");

    const c = new Client(app);
    await c.login("t16");
    const me = await c.get("/");
    expect(me.text).toContain(`/records/edit?ref=${REF}`);
    expect(me.text).toContain("退回原因: 请写明听了谁的课");
    await c.get(`/records/edit?ref=${REF}`);
    expect((await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课记错了", count: "3", notes: "听的是王老师《背影》" })).status).toBe(303);
    expect(file()).toBe(afterAdd.replace(ADDED, `${ADDED}    id: ${REF}\n    notes: 听的是王老师《背影》\n`));
    const page = await c.get("/");
    expect(/<li data-ref="[^"]+">(?:(?!<\/li>).)*听课记错了(?:(?!<\/li>).)*<\/li>/s.exec(page.text)?.[0]).toContain("录入");
    expect((await leader.get("/review")).text).toContain(REF);
  });

  it("a check problem is shown beside its field and nothing is written", async () => {
    const c = new Client(app);
    await c.login("t16");
    await c.get(`/records/edit?ref=${REF}`);
    const before = head();
    const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课记错了", count: "三节" });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/id="count"[^>]*>\s*<p class="err" role="alert">应为数字,而不是「三节」<\/p>/);
    const other = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2025-10-15", title: "听课记错了", count: "3" });
    expect(other.status).toBe(400);
    expect(other.text).toContain("在另一个学期");
    expect(file()).toBe(afterAdd);
    expect(head()).toBe(before);
  });
});

describe("editing is refused, nothing written", () => {
  it("another teacher's record (page and post)", async () => {
    const c = new Client(app);
    await c.login("t02");
    const before = head();
    expect((await c.get(`/records/edit?ref=${REF}`)).status).toBe(403);
    const r = await c.post("/records/edit", { ref: REF, kind: "observation", date: "2026-04-15", title: "改别人的", count: "9" });
    expect(r.status).toBe(403);
    expect(r.text).toContain("只能编辑自己的记录");
    expect(file()).toBe(afterAdd);
    expect(head()).toBe(before);
  });

  it("an approved record (审定), and one approved after the page was opened", async () => {
    const c = new Client(app);
    await c.login("t16");
    const approved = derivedRef("record", "t16", "2026-03-02", "observation", "3月听课记录（2节）");
    expect((await c.get(`/records/edit?ref=${approved}`)).status).toBe(403);
    expect((await c.get("/")).text).not.toContain(`/records/edit?ref=${approved}`);

    await c.get(`/records/edit?ref=${REF}`);
    const leader = new Client(app);
    await leader.login("t01");
    await leader.get("/review");
    expect((await leader.post("/review", { action: "approve", ref: REF })).status).toBe(303);
    const approvedFile = file();
    const before = head();
    const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "审定后再改", count: "9" });
    expect(r.status).toBe(403);
    expect(r.text).toContain("已审核的记录不能修改");
    expect(file()).toBe(approvedFile);
    expect(head()).toBe(before);
  });

  it("approved on disk (a git pull) after the server last read the file: refused under the lock, file byte-identical", async () => {
    const c = new Client(app);
    await c.login("t16");
    await c.get(`/records/edit?ref=${REF}`);
    // The server does not watch the work tree in tests, so its copy still says 录入.
    const approvedOnDisk = afterAdd.replace(ADDED, `${ADDED}    status: 审定\n    approver: t01\n`);
    writeFileSync(join(root, T16), approvedOnDisk);
    const before = head();
    const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课记错了", count: "9" });
    expect(r.status).toBe(403);
    expect(r.text).toContain("这条记录刚被审核通过,不能再修改");
    expect(file()).toBe(approvedOnDisk);
    expect(head()).toBe(before);
  });

  it("a group session (the leader's), an unknown ref, and without logging in", async () => {
    const c = new Client(app);
    await c.login("t16");
    const before = head();
    const session = derivedRef("session", "chinese", "2026-02-24", "group-discussion", "组内研讨：新课标学习交流");
    expect((await c.get(`/records/edit?ref=${session}`)).status).toBe(403);
    expect((await c.post("/records/edit", { ref: session, kind: "group-discussion", date: "2026-02-24", title: "改组里的", hours: "9" }, { csrf: c.csrf() })).status).toBe(403);
    expect((await c.get("/records/edit?ref=0123456789ab")).status).toBe(403);
    const anon = new Client(app);
    await anon.get("/login");
    expect((await anon.post("/records/edit", { ref: REF, kind: "observation", date: "2026-04-15", title: "匿名", count: "1" })).status).toBe(403);
    expect(file()).toBe(afterAdd);
    expect(head()).toBe(before);
  });
});
