import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { REPO_ROOT, writeFiles } from "../helpers/temp-repo.js";
import { record, recordFile, runGit, schoolRepo, T02, TEACHER, gitEnv } from "./fixture.js";

const BIN = join(REPO_ROOT, "bin/yanxiu.js");

// The hook runs the real binary, which runs dist/: build it when it is older than the source.
beforeAll(() => {
  const built = join(REPO_ROOT, "dist/cli/hook.js");
  if (!existsSync(built) || statSync(built).mtimeMs < statSync(join(REPO_ROOT, "src/cli/hook.ts")).mtimeMs) {
    execFileSync("npm", ["run", "build"], { cwd: REPO_ROOT, stdio: "ignore" });
  }
});

function commit(dir: string, message: string) {
  return runGit(dir, ["-c", `user.name=${TEACHER.name}`, "-c", `user.email=${TEACHER.email}`, "commit", "-q", "-m", message], {
    ...gitEnv(),
    YANXIU_TODAY: "2026-11-23",
    NO_COLOR: "1",
  });
}

describe("yanxiu hook", () => {
  it("installs a pre-commit hook that refuses a broken staged record and lets a good one through", async () => {
    const dir = schoolRepo();
    const r = await runCli(["hook", "install", dir]);
    const hookPath = join(dir, ".git/hooks/pre-commit");
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `已安装 pre-commit 钩子:${hookPath}\n`, ""]);
    const script = readFileSync(hookPath, "utf8");
    expect(script).toContain("# yanxiu pre-commit hook");
    expect(script).toContain(`YANXIU_BIN='${BIN}'`);
    expect(script).toContain(`YANXIU_NODE='${process.execPath}'`);
    expect(statSync(hookPath).mode & 0o111).toBe(0o111);

    writeFiles(dir, { [T02]: recordFile("t02", [record("听课《背影》"), "  - date: 2026-10-10\n    kind: obsrvation\n    title: 听课《秋》\n    count: 1\n"]) });
    runGit(dir, ["add", T02]);
    const refused = commit(dir, "broken");
    expect(refused.code).toBe(1);
    // git shows a hook's stdout on stderr.
    expect(refused.stderr).toContain("records/2026-2027-1/t02.yaml:8:11: 错误[unknown-kind]: 规则中没有活动类型「obsrvation」");
    expect(refused.stderr).toContain("检查了 1 个文件,1 个错误,0 个警告\n提交被拒绝:请先改正上面的错误(确需跳过检查时用 git commit --no-verify)。\n");
    expect(runGit(dir, ["rev-list", "--count", "HEAD"]).stdout.trim()).toBe("1");

    writeFiles(dir, { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《秋》", "", "2026-10-10")]) });
    runGit(dir, ["add", T02]);
    const passed = commit(dir, "good");
    expect(passed.stderr).toBe("检查了 1 个文件,没有发现问题 ✓\n");
    expect(passed.code).toBe(0);
    expect(runGit(dir, ["rev-list", "--count", "HEAD"]).stdout.trim()).toBe("2");
  });

  it("checks only what is staged: a broken untracked file does not block an unrelated commit", async () => {
    const dir = schoolRepo();
    await runCli(["hook", "install", dir]);
    writeFiles(dir, { "records/2026-2027-1/t09.yaml": recordFile("t09", [record("听课")]) });
    writeFiles(dir, { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《秋》", "", "2026-10-10")]) });
    runGit(dir, ["add", T02]);
    expect(commit(dir, "good").code).toBe(0);
  });

  it("refuses to overwrite another hook without --force, keeps a backup with it, and restores it on uninstall", async () => {
    const dir = schoolRepo();
    const hookPath = join(dir, ".git/hooks/pre-commit");
    writeFileSync(hookPath, "#!/bin/sh\necho mine\n");
    chmodSync(hookPath, 0o755);
    const refused = await runCli(["hook", "install", dir]);
    expect([refused.code, refused.stdout]).toEqual([2, ""]);
    expect(refused.stderr).toBe(`yanxiu: ${hookPath} 已有一个别的 pre-commit 钩子,不会覆盖;确要替换请加 --force(原文件会备份)\n`);
    expect(readFileSync(hookPath, "utf8")).toBe("#!/bin/sh\necho mine\n");

    const forced = await runCli(["hook", "install", dir, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe(`已安装 pre-commit 钩子:${hookPath}\n原来的钩子已备份为 ${hookPath}.yanxiu-backup\n`);
    expect(readFileSync(`${hookPath}.yanxiu-backup`, "utf8")).toBe("#!/bin/sh\necho mine\n");
    // Reinstalling over our own hook needs no --force.
    expect((await runCli(["hook", "install", dir])).code).toBe(0);

    const removed = await runCli(["hook", "uninstall", dir]);
    expect([removed.code, removed.stdout]).toEqual([0, `已删除 yanxiu 的钩子,恢复了原来的钩子 ${hookPath}\n`]);
    expect(readFileSync(hookPath, "utf8")).toBe("#!/bin/sh\necho mine\n");
    expect(existsSync(`${hookPath}.yanxiu-backup`)).toBe(false);

    const foreign = await runCli(["hook", "uninstall", dir, "--lang", "en"]);
    expect([foreign.code, foreign.stderr]).toEqual([2, `yanxiu: ${hookPath} was not installed by yanxiu and is left alone\n`]);
  });

  it("uninstalls its own hook, and says so when there is none", async () => {
    const dir = schoolRepo();
    await runCli(["hook", "install", dir]);
    const hookPath = join(dir, ".git/hooks/pre-commit");
    expect((await runCli(["hook", "uninstall", dir])).stdout).toBe(`已删除 pre-commit 钩子:${hookPath}\n`);
    expect(existsSync(hookPath)).toBe(false);
    expect(await runCli(["hook", "uninstall", dir])).toEqual({ code: 0, stdout: "没有安装 pre-commit 钩子。\n", stderr: "" });
  });
});
