import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { Client, git, makeSchool, start, TODAY, withPasswords } from "./helpers.js";

const env = { YANXIU_TODAY: TODAY };

describe("yanxiu accounts", () => {
  it("invite, list, disable, enable, reset: states and logins follow; nothing of it is committed", async () => {
    const root = makeSchool();
    await withPasswords(root, ["t01"]);
    const inv = await runCli(["accounts", "invite", "t02", "--dir", root], { env });
    expect(inv.code).toBe(0);
    const stored = readFileSync(join(root, ".yanxiu-serve/accounts.json"), "utf8");
    const code = /<span class="code">([^<]+)</.exec(readFileSync(join(root, `.yanxiu-serve/invite-${TODAY}.html`), "utf8"))![1]!;
    expect(stored).not.toContain(code);
    expect(stored).toMatch(/"code": "scrypt\$16384\$8\$1\$/);
    let list = await runCli(["accounts", "list", root], { env });
    expect(list.stdout).toContain("t01\t黄敏斌\t已启用");
    expect(list.stdout).toContain("t02\t王晓丽\t已邀请");
    expect(list.stdout).toContain("t03\t韩薇博\t未邀请");

    const { app } = start(root);
    const c = new Client(app);
    await c.login("t01");
    expect((await runCli(["accounts", "disable", "t01", root], { env })).code).toBe(0);
    expect((await c.get("/")).status).toBe(303);
    const again = new Client(app);
    await again.get("/login");
    expect((await again.post("/login", { who: "t01", password: "correct horse" })).text).toContain("已被教务处停用");
    expect((await runCli(["accounts", "enable", "t01", root], { env })).code).toBe(0);
    expect((await runCli(["accounts", "reset", "t01", root], { env })).stdout).toMatch(/新邀请码/);
    // A fresh server (no wait left from the refused attempt above): the old password is gone.
    const after = new Client(start(root).app);
    await after.get("/login");
    expect((await after.post("/login", { who: "t01", password: "correct horse" })).status).toBe(401);
    list = await runCli(["accounts", "list", root], { env });
    expect(list.stdout).toContain("t01\t黄敏斌\t已邀请");
    expect(git(root, "status", "--porcelain").trim()).toBe("");
  });

  it("a teacher who left cannot be invited", async () => {
    const root = makeSchool();
    const roster = readFileSync(join(root, "roster.yaml"), "utf8").replace("    joined: 2007-08-30\n", "    joined: 2007-08-30\n    left: 2026-04-01\n");
    (await import("node:fs")).writeFileSync(join(root, "roster.yaml"), roster);
    const r = await runCli(["accounts", "invite", "t02", "--dir", root], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("已离校");
  });
});
