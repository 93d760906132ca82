import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

let root: string;
let app: ReturnType<typeof start>["app"];
const T01 = "records/2025-2026-2/t01.yaml";
beforeEach(async () => {
  root = makeSchool();
  await withPasswords(root, ["t01", "t02"]);
  ({ app } = start(root));
});

describe("withdraw my own record while it is not approved", () => {
  it("the record's lines leave the file (every other byte kept), in a commit by me", async () => {
    const c = new Client(app);
    await c.login("t01");
    const original = readFileSync(join(root, T01), "utf8");
    await c.get("/add?kind=observation");
    expect((await c.post("/add", { kind: "observation", date: "2026-04-15", title: "记错了", count: "1" })).status).toBe(200);
    const page = await c.get("/");
    const ref = /<li data-ref="([^"]+)">(?:(?!<\/li>).)*记错了/s.exec(page.text)![1]!;
    const r = await c.post("/records/withdraw", { ref });
    expect(r.status, r.text).toBe(303);
    expect(readFileSync(join(root, T01), "utf8")).toBe(original);
    expect(git(root, "log", "-1", "--format=%an|%s").trim()).toBe("黄敏斌|withdraw: t01 记错了 2026-04-15 (web)");
  });

  it("an approved record, or another teacher's, is refused; nothing changed", async () => {
    const c = new Client(app);
    await c.login("t02");
    const head = git(root, "rev-parse", "HEAD");
    expect((await c.post("/records/withdraw", { ref: `${T01}#0` })).status).toBe(403);
    const own = new Client(app);
    await own.login("t01");
    const r = await own.post("/records/withdraw", { ref: `${T01}#0` });
    expect(r.status).toBe(403);
    expect(r.text).toContain("已审核的记录不能撤回");
    expect(git(root, "rev-parse", "HEAD")).toBe(head);
  });
});
