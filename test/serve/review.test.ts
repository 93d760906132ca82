import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

let root: string;
let app: ReturnType<typeof start>["app"];
const T16 = "records/2025-2026-2/t16.yaml";
const refOf = (html: string, title: string) => new RegExp(`name="ref" value="([0-9a-f]{12})">\\s*<span><b>[^<]+</b>[^<]*<b>[^<]*</b>[^<]*<br>${title}`).exec(html)?.[1]
  ?? new RegExp(`value="([0-9a-f]{12})">[^<]*<span>(?:(?!</li>).)*${title}`, "s").exec(html)?.[1];

beforeEach(async () => {
  root = makeSchool();
  await withPasswords(root, ["t01", "t16", "t11"]);
  ({ app } = start(root));
  const member = new Client(app);
  await member.login("t16");
  await member.get("/add?kind=observation");
  const r = await member.post("/add", { kind: "observation", date: "2026-04-15", title: "待审听课", count: "3" });
  expect(r.status).toBe(200);
});

describe("审核", () => {
  it("the leader of 语文组 approves a member's record: status and approver written, committed as the leader", async () => {
    const c = new Client(app);
    await c.login("t01");
    const q = await c.get("/review");
    const ref = refOf(q.text, "待审听课");
    expect(ref).toBeTruthy();
    const r = await c.post("/review", { action: "approve", ref: ref! });
    expect(r.status, r.text).toBe(303);
    const text = readFileSync(join(root, T16), "utf8");
    expect(text).toMatch(/title: 待审听课\n(?:    .*\n)*    status: 审定\n    approver: t01\n    reviewed: 2026-04-20\n/);
    expect(git(root, "log", "-1", "--format=%an|%cn").trim()).toBe("黄敏斌|yanxiu serve");
  });

  it("each record shows what it claims, and the credit the teacher's own page shows for it (after its item's cap)", async () => {
    const member = new Client(app);
    await member.login("t16");
    await member.get("/add?kind=paper");
    expect((await member.post("/add", { kind: "paper", date: "2026-04-10", title: "识字教学论文", level: "区县级", award: "一等奖" })).status).toBe(200);
    // 区县级 一等奖 is 5 for a paper, but 论文 already holds 7 of its cap of 10 this year: 3.
    const mine = (await member.get("/")).text;
    expect(/<span>2026-04-10 · 论文 · <b>\+(\d+)<\/b> <span class="short">\(原为 5,按本项上限只计 3\)<\/span><\/span>/.exec(mine)?.[1]).toBe("3");
    const c = new Client(app);
    await c.login("t01");
    const q = (await c.get("/review")).text;
    // Said as her page says it: what the cap cuts, and what is missing.
    expect(q).toContain("<b>刘娟</b> · 2026-04-10 · 论文 · <b>+3 学时</b> <span class=\"short\">(原为 5,按本项上限只计 3)</span><br>识字教学论文<br><span class=\"muted\">级别 区县级 · 等次 一等奖</span>");
    expect(q).toContain("<b>刘娟</b> · 2026-04-15 · 听课/观课议课 <span class=\"short\">(缺少证明材料)</span><br>待审听课<br><span class=\"muted\">数量(节/次) 3</span>");
    // Without its 记录册 it is left out, and her page says why.
    expect(mine).toContain("<span>2026-04-15 · 听课/观课议课 · <b>0</b> <span class=\"short\">(缺少证明材料)</span></span>");
    // With it, lessons observed count toward the term's tier (15 节 → 10 学时), not one by one: no "0" or "+0" beside them.
    await member.get("/add?kind=observation");
    const book = new File([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0])], "IMG_0001.jpg", { type: "image/jpeg" });
    expect((await member.post("/add", { kind: "observation", date: "2026-04-16", title: "带记录册的听课", count: "2", "evidence:记录册": book })).status).toBe(200);
    expect((await member.get("/")).text).toContain("<span>2026-04-16 · 听课/观课议课</span>");
    expect((await c.get("/review")).text).toContain("<b>刘娟</b> · 2026-04-16 · 听课/观课议课<br>带记录册的听课<br>");
  });

  it("returning needs a reason, which is kept in the record", async () => {
    const c = new Client(app);
    await c.login("t01");
    const ref = refOf((await c.get("/review")).text, "待审听课")!;
    expect((await c.post("/review", { action: "reject", ref })).status).toBe(403);
    await c.get("/review");
    expect((await c.post("/review", { action: "reject", ref, reason: "缺少听课记录表" })).status).toBe(303);
    expect(readFileSync(join(root, T16), "utf8")).toMatch(/status: 退回\n(?:    .*\n)*    reason: 缺少听课记录表\n/);
  });

  it("approving one's own record is refused, nothing written", async () => {
    const leader = new Client(app);
    await leader.login("t01");
    const ref = refOf((await leader.get("/review")).text, "待审听课")!;
    const own = new Client(app);
    await own.login("t16");
    const before = readFileSync(join(root, T16), "utf8");
    const head = git(root, "rev-parse", "HEAD");
    const r = await own.post("/review", { action: "approve", ref });
    expect(r.status).toBe(403);
    expect(readFileSync(join(root, T16), "utf8")).toBe(before);
    expect(git(root, "rev-parse", "HEAD")).toBe(head);
  });

  it("a leader of another group cannot approve it", async () => {
    const leader = new Client(app);
    await leader.login("t01");
    const ref = refOf((await leader.get("/review")).text, "待审听课")!;
    const other = new Client(app);
    await other.login("t11");
    const q = await other.get("/review");
    expect(q.text).not.toContain("待审听课");
    const before = readFileSync(join(root, T16), "utf8");
    expect((await other.post("/review", { action: "approve", ref })).status).toBe(403);
    expect(readFileSync(join(root, T16), "utf8")).toBe(before);
  });
});
