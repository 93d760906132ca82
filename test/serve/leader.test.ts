import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

let root: string;
let app: ReturnType<typeof start>["app"];
beforeEach(async () => {
  root = makeSchool();
  await withPasswords(root, ["t01", "t02", "t04", "t19"]);
  ({ app } = start(root));
});

describe("组长: a session with attendance", () => {
  it("the leader of 综合组 records a session; the file gets every member's attendance; committed as the leader", async () => {
    const c = new Client(app);
    await c.login("t04");
    const form = await c.get("/leader");
    expect(form.text).toContain("综合组（音体美）");
    const r = await c.post("/leader", { group: "arts", kind: "group-discussion", date: "2026-04-14", title: "组内研讨:跨学科主题", hours: "2", lead: "t04", "att:t04": "出勤", "att:t19": "迟到" });
    expect(r.status, r.text).toBe(303);
    const text = readFileSync(join(root, "sessions/2025-2026-2/arts.yaml"), "utf8");
    expect(text).toContain("  - date: 2026-04-14\n    kind: group-discussion\n    title: 组内研讨:跨学科主题\n    hours: 2\n    lead: t04\n    attendance:\n      t04: 出勤\n      t19: 迟到\n");
    expect(git(root, "log", "-1", "--format=%an|%s").trim()).toBe("何兰琴|sessions: arts 组内研讨:跨学科主题 2026-04-14 (web)");
  });

  it("a teacher who leads no group is refused the page and the post; nothing written", async () => {
    const c = new Client(app);
    await c.login("t19");
    expect((await c.get("/leader")).status).toBe(403);
    await c.get("/");
    const head = git(root, "rev-parse", "HEAD");
    const r = await c.post("/leader", { group: "arts", kind: "group-discussion", date: "2026-04-14", title: "x", "att:t19": "出勤" });
    expect(r.status).toBe(403);
    expect(git(root, "rev-parse", "HEAD")).toBe(head);
  });

  it("a leader cannot record a session for another group", async () => {
    const c = new Client(app);
    await c.login("t04");
    const head = git(root, "rev-parse", "HEAD");
    const r = await c.post("/leader", { group: "chinese", kind: "group-discussion", date: "2026-04-14", title: "x" });
    expect(r.status).toBe(403);
    expect(git(root, "rev-parse", "HEAD")).toBe(head);
  });
});
