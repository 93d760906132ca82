/**
 * A teacher's file edited by hand on the server and not committed, then saved from the web page:
 * the hand edit is committed first, by the server, and the teacher's commit holds only the
 * teacher's record (src/git/found-on-disk.ts). Real git, the real HTTP routes.
 */
import { describe, expect, it } from "vitest";
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

const T01 = "records/2025-2026-2/t01.yaml";

describe("changes found on disk before a web save", () => {
  it("are committed by the server before the save, and the teacher's commit holds only the teacher's record", async () => {
    const root = makeSchool();
    await withPasswords(root, ["t01"]);
    const head = git(root, "rev-parse", "HEAD").trim();
    // The office fixes a title in t01's file by hand, and does not commit.
    appendFileSync(join(root, T01), "# 教务处核对过 3 月的记录\n");
    const { app, server } = start(root);
    const c = new Client(app);
    await c.login("t01");
    await c.get("/add?kind=observation");
    const r = await c.post("/add", { kind: "observation", date: "2026-04-15", title: "四月听课", count: "1" });
    expect(r.status).toBe(200);
    await server.queue.idle();

    const log = git(root, "log", "--format=%an|%cn|%s", `${head}..HEAD`).trim().split("\n");
    expect(log).toEqual([
      "黄敏斌|yanxiu serve|records: t01 四月听课 2026-04-15 (web)",
      `yanxiu serve|yanxiu serve|Changes found on disk, not committed by whoever made them: ${T01}`,
    ]);
    // The server's commit adds the office's line; the teacher's adds the record, and nothing else.
    const found = git(root, "diff", "-U0", `${head}`, "HEAD~1", "--", T01).split("\n").filter((l) => /^[+-][^+-]/.test(l));
    expect(found).toEqual(["+# 教务处核对过 3 月的记录"]);
    const saved = git(root, "diff", "-U0", "HEAD~1", "HEAD", "--", T01).split("\n").filter((l) => /^[+-][^+-]/.test(l));
    expect(saved).toEqual(["+  - date: 2026-04-15", "+    kind: observation", "+    title: 四月听课", "+    count: 1"]);
    expect(readFileSync(join(root, T01), "utf8")).toContain("# 教务处核对过 3 月的记录\n");
    expect(git(root, "status", "--porcelain").trim()).toBe("");

    // The next save finds nothing on disk that HEAD lacks: one commit, the teacher's.
    const again = await c.post("/add", { kind: "observation", date: "2026-04-16", title: "四月第二次听课", count: "1" });
    expect(again.status).toBe(200);
    expect(git(root, "log", "-2", "--format=%cn|%s").trim().split("\n")[1]).toBe("yanxiu serve|records: t01 四月听课 2026-04-15 (web)");
  });
});
