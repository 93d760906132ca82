import { describe, expect, it } from "vitest";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

describe("serve: the core path", () => {
  it("a teacher logs in, adds a record, it is committed as her and shown with its credit", async () => {
    const root = makeSchool();
    await withPasswords(root, ["t01"]);
    const { app } = start(root);
    const c = new Client(app);
    await c.login("t01");
    expect(c.last).toContain("我的研修");
    await c.get("/add?kind=observation");
    const r = await c.post("/add", { kind: "observation", date: "2026-04-15", title: "4月听课记录", count: "２" });
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain("已保存");
    const log = git(root, "log", "-1", "--format=%an <%ae>|%cn|%s");
    expect(log.trim()).toBe("黄敏斌 <huangminbin@mdsy.edu.cn>|yanxiu serve|records: t01 4月听课记录 2026-04-15 (web)");
    expect(git(root, "show", "HEAD:records/2025-2026-2/t01.yaml")).toContain("title: 4月听课记录\n    count: 2\n");
  });
});
