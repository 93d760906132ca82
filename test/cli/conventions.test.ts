/**
 * CLI conventions: help in one language at a time with an Examples section on every command,
 * commander's own words translated, unknown commands and --lang values refused with exit 2.
 */
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../src/cli/examples.js";
import { pickHalf } from "../../src/cli/help-lang.js";
import { spawnSync } from "node:child_process";
import { lstatSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { BIN, runBin, runCli } from "../helpers/run-cli.js";
import { commandPaths } from "../helpers/command-paths.js";
import { tempDir } from "../helpers/temp-repo.js";

const cwd = tempDir();

/** What may stay in Latin letters in Chinese help: flags, placeholders, values, ids, paths, tool names. */
function englishLeft(help: string): string[] {
  const text = help
    .split("\n")
    .map((l) => (/^\s+yanxiu /.test(l) ? l.replace(/^.*?#/, "") : l))
    .join("\n")
    .replace(/--?[\w-]+/g, " ")
    .replace(/<[^>]*>|\[[^\]]*\]|"[^"]*"|「[^」]*」/g, " ")
    .replace(/[\w.*-]*[/.][\w.*/-]+/g, " ");
  return text.match(/\b[A-Za-z]{2,}(?: [a-z]{2,})+\b/g)?.filter((w) => !/^(git init|git diff|yanxiu( [a-z]+)+)$/.test(w)) ?? [];
}

describe("help", () => {
  it("every command has Examples, in Chinese with no English words left, and in English on --lang en", async () => {
    const commands = await commandPaths();
    expect(commands.filter((c) => !(c in EXAMPLES)), "commands without examples in src/cli/examples.ts").toEqual([]);
    for (const path of commands) {
      const args = [...path.split(" ").filter(Boolean), "--help"];
      const zh = await runCli(args, { cwd });
      expect(zh.code, path).toBe(0);
      expect(zh.stdout, path).toMatch(/^用法: yanxiu/);
      expect(zh.stdout, path).toContain("\n示例:\n  yanxiu ");
      expect(englishLeft(zh.stdout), `${path}:\n${zh.stdout}`).toEqual([]);
      const en = await runCli([...args, "--lang", "en"], { cwd });
      expect(en.stdout, path).toMatch(/^Usage: yanxiu/);
      expect(en.stdout, path).toContain("\nExamples:\n  yanxiu ");
      expect(en.stdout.replace(/^\s+yanxiu .*$/gm, "").replace(/「[^」]*」|"[^"]*"|\[[^\]]*\]/g, ""), path).not.toMatch(/[\u4e00-\u9fff]{4,}/);
    }
  });

  it("shows one half of each bilingual description", () => {
    expect(pickHalf("不使用 .yanxiu-cache/ 中的解析缓存 / do not use the cache in .yanxiu-cache/", "zh")).toBe("不使用 .yanxiu-cache/ 中的解析缓存");
    expect(pickHalf("目录(默认当前目录)/ folder (default: here)", "en")).toBe("folder (default: here)");
    expect(pickHalf("听课/观课议课", "en")).toBe("听课/观课议课");
    expect(pickHalf("only English / here", "zh")).toBe("only English / here");
  });

  it("translates commander's titles, option extras and errors in Chinese", async () => {
    const h = (await runCli(["check", "--help"], { cwd })).stdout;
    expect(h).toContain("用法: yanxiu check [选项] [paths...]\n");
    expect(h).toContain("\n选项:\n");
    expect(h).toContain("(可选:\"text\"");
    expect(h).toContain("  -h, --help ");
    expect(h).toMatch(/-h, --help\s+显示帮助\n/);
    const bad = await runCli(["check", "--format", "xml"], { cwd });
    expect([bad.code, bad.stderr.split("\n")[0]]).toEqual([2, "错误:选项 -f, --format <format> 的取值「xml」无效,可选:text, json, github, sarif, junit, codequality。"]);
  });
});

describe("refusals", () => {
  it("an unknown command is exit 2 with the closest name, even with --help", async () => {
    expect(await runCli(["chek"], { cwd })).toEqual({ code: 2, stdout: "", stderr: "yanxiu: 没有命令「chek」;是不是 check?(yanxiu --help 列出全部命令)\n" });
    expect(await runCli(["nosuch", "--help", "--lang", "en"], { cwd })).toEqual({ code: 2, stdout: "", stderr: "yanxiu: there is no command 'nosuch' (yanxiu --help lists them all)\n" });
  });

  it("--lang takes zh or en only", async () => {
    expect(await runCli(["--lang", "xx", "check"], { cwd })).toEqual({ code: 2, stdout: "", stderr: "yanxiu: --lang 只能是 zh 或 en,而不是「xx」\n" });
    expect((await runCli(["check", "--lang=fr"], { cwd, env: { YANXIU_LANG: "en" } })).stderr).toBe("yanxiu: --lang must be zh or en, not 'fr'\n");
  });
});

describe("-o -", () => {
  it("is stdout for reports, with the format from --format or text", async () => {
    const demo = new URL("../../examples/demo-school", import.meta.url).pathname;
    const json = await runCli(["score", demo, "--year", "2025-2026", "--format", "json", "-o", "-"]);
    expect([json.code, JSON.parse(json.stdout).scheme.id]).toEqual([0, "xintian"]);
    expect(json.stderr).not.toContain("已写入");
    const text = await runCli(["score", demo, "--year", "2025-2026", "-o", "-"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("教师学时");
  });
});

describe("-o a device, a pipe or a link", () => {
  it("is written into, as a shell's > would, never renamed over: the device, pipe and link stay what they were", async () => {
    const demo = new URL("../../examples/demo-school", import.meta.url).pathname;
    const dir = tempDir();
    symlinkSync("/dev/null", join(dir, "null.json"));
    const score = runBin(["score", demo, "--year", "2025-2026", "--format", "json", "-o", join(dir, "null.json")], { cwd: dir });
    expect(score.code).toBe(0);
    expect([lstatSync(join(dir, "null.json")).isSymbolicLink(), lstatSync("/dev/null").isCharacterDevice()]).toEqual([true, true]);

    const fifo = join(dir, "report.csv");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const reader = spawnSync("sh", ["-c", `cat '${fifo}' & ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} score '${demo}' --year 2025-2026 --table teachers -o '${fifo}'; wait`], { encoding: "utf8", cwd: dir, env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23" } });
    expect(reader.status).toBe(0);
    const direct = runBin(["score", demo, "--year", "2025-2026", "--format", "csv", "--table", "teachers"], { cwd: dir });
    expect(reader.stdout).toBe(direct.stdout); // the pipe's reader got the very report
    expect(reader.stdout).toContain("张明");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
