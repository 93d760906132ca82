import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
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

  it("the session's minutes go with it: saved under evidence/groups/<group>/, in the same commit by the leader", async () => {
    const c = new Client(app);
    await c.login("t04");
    const form = await c.get("/leader");
    expect(form.text).toContain('<form class="card" method="post" action="/leader" enctype="multipart/form-data">');
    expect(form.text).toContain('<input id="evidence" name="evidence" type="file"');
    const minutes = new File([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0])], "纪要.jpg", { type: "image/jpeg" });
    const r = await c.post("/leader", { group: "arts", kind: "group-discussion", date: "2026-04-14", title: "组内研讨:带纪要", hours: "2", "att:t04": "出勤", "att:t19": "出勤", evidence: minutes });
    expect(r.status, r.text).toBe(303);
    const text = readFileSync(join(root, "sessions/2025-2026-2/arts.yaml"), "utf8");
    expect(text).toContain("    title: 组内研讨:带纪要\n    hours: 2\n    attendance:\n      t04: 出勤\n      t19: 出勤\n    evidence: evidence/groups/arts/2026-04-14-纪要.jpg\n");
    expect(git(root, "show", "--name-only", "--format=%an", "HEAD").trim().split("\n")).toEqual(["何兰琴", "", "evidence/groups/arts/2026-04-14-纪要.jpg", "sessions/2025-2026-2/arts.yaml"]);
    expect(git(root, "status", "--porcelain").trim()).toBe("");
    // check finds nothing wrong with it: the evidence lies in the group's own folder.
    const checked = await runCli(["check", root]);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    // A form sent back with errors says the chosen file must be chosen again.
    await c.get("/leader");
    const bad = await c.post("/leader", { group: "arts", kind: "group-discussion", date: "2026-04-14", title: "", hours: "2", evidence: minutes });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("所选的 1 个文件没有保存:请重新选择");
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
