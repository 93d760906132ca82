/**
 * The git helper (src/git/runner.ts): git started by a long-lived shell instead of forked from
 * the web server. It runs git with the bytes given on stdin and answers with git's output; git
 * sees its arguments as given, whatever quotes, dollars or line breaks they hold; runs asked for
 * at once are answered each with its own output; git's parent is the helper, not this process; a
 * helper killed answers the run it was doing as failed and is started again for the next run; it
 * dies with the process that started it (and its folder with it), and never keeps that process
 * alive by itself. The last two tests load the compiled runner (`npm run build`).
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { GitRunner, HELPER_STOPPED, shellQuote } from "../../src/git/runner.js";

const DIST_RUNNER = join(import.meta.dirname, "../../dist/git/runner.js");
const dir = mkdtempSync(join(tmpdir(), "yanxiu-runner-"));
execFileSync("git", ["init", "-q"], { cwd: dir });
const runner = new GitRunner();

afterAll(() => {
  runner.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Alive and not a zombie. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function until(what: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

describe("the git helper", () => {
  it("is built (the tests run after npm run build)", () => {
    expect(existsSync(DIST_RUNNER)).toBe(true);
  });

  it("passes every argument to git as it is: quotes, dollars, backticks, semicolons, line breaks, Chinese", async () => {
    const hostile = ["it's", "a'b'c", "$(touch pwned)", "`touch pwned`", "; touch pwned", "a\nb", "two\nlines", "$HOME", "*", "-", "'", "\\", "照片 1.jpg", ""];
    for (const s of hostile) {
      // git echoes a config value it was given on the command line.
      const r = await runner.run(dir, ["-c", `yanxiu.probe=${s}`, "config", "--get", "yanxiu.probe"]);
      expect(r).toEqual({ code: 0, stdout: `${s}\n`, stderr: "" });
    }
    expect(existsSync(join(dir, "pwned"))).toBe(false);
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(await runner.run(dir, ["config", "--get", "a\0b"])).toEqual({ code: 127, stdout: "", stderr: expect.stringContaining("NUL") });
  });

  it("runs asked for at once are answered each with its own output and stdin", async () => {
    const inputs = Array.from({ length: 6 }, (_, i) => Buffer.from(`input ${i}\n`));
    const answers = await Promise.all(inputs.map((bytes) => runner.run(dir, ["hash-object", "--stdin"], bytes)));
    expect(answers.map((a) => a.stdout)).toEqual(inputs.map((bytes) => execFileSync("git", ["hash-object", "--stdin"], { cwd: dir, input: bytes, encoding: "utf8" })));
  });

  it("a folder that is not there: git's own refusal, and the helper goes on", async () => {
    const r = await runner.run(join(dir, "no-such-folder"), ["status"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("no-such-folder");
    writeFileSync(join(dir, "a.txt"), "a\n");
    expect((await runner.run(dir, ["hash-object", "a.txt"])).stdout).toBe(execFileSync("git", ["hash-object", "a.txt"], { cwd: dir, encoding: "utf8" }));
  });

  it("runs git with these bytes on stdin, in this folder, and answers with its output and exit code", async () => {
    const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 0xe7, 0xa0, 0x94]);
    const r = await runner.run(dir, ["hash-object", "--stdin"], bytes);
    expect(r).toEqual({ code: 0, stdout: execFileSync("git", ["hash-object", "--stdin"], { cwd: dir, input: bytes, encoding: "utf8" }), stderr: "" });
    const bad = await runner.run(dir, ["rev-parse", "--verify", "no-such-ref"]);
    expect(bad.code).toBe(128);
    expect(bad.stderr).toContain("fatal");
  });

  it("starts git itself: git's parent process is the helper, not this one", async () => {
    const r = await runner.run(dir, ["-c", "alias.parent=!cut -d' ' -f4 /proc/$PPID/stat", "parent"]);
    expect(r.code).toBe(0);
    expect(Number(r.stdout.trim())).toBe(runner.pid);
    expect(runner.pid).not.toBe(process.pid);
  });

  it("killed while git runs: that run answers as failed; the next run starts a new helper and works", async () => {
    const first = runner.pid!;
    const started = runner.started;
    const slow = runner.run(dir, ["-c", "alias.slow=!sleep 3", "slow"]);
    await new Promise((r) => setTimeout(r, 200));
    process.kill(first, "SIGKILL");
    expect(await slow).toEqual({ code: 128, stdout: "", stderr: HELPER_STOPPED });
    const r = await runner.run(dir, ["rev-parse", "--git-dir"]);
    expect(r).toEqual({ code: 0, stdout: ".git\n", stderr: "" });
    expect(runner.started).toBe(started + 1);
    expect(runner.pid).not.toBe(first);
  });

  it("dies with the process that started it, even one killed with SIGKILL, and takes its folder with it", async () => {
    const code = `const { sharedGitRunner } = await import(${JSON.stringify(pathToFileURL(DIST_RUNNER).href)});
      const r = sharedGitRunner(); await r.run(${JSON.stringify(dir)}, ["hash-object", "--stdin"], "x"); console.log(r.pid, r.folder); setInterval(() => {}, 1000);`;
    const server = spawn(process.execPath, ["--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
    const [pid, folder] = await new Promise<[number, string]>((resolve) => server.stdout.once("data", (d) => {
      const [p, f] = String(d).trim().split(" ");
      resolve([Number(p), f!]);
    }));
    expect(alive(pid)).toBe(true);
    expect(existsSync(join(folder, "in"))).toBe(true);
    server.kill("SIGKILL");
    expect(await until(() => !alive(pid))).toBe(true);
    expect(await until(() => !existsSync(folder))).toBe(true);
  });

  it("never keeps its process alive by itself: a process done with git exits", async () => {
    const code = `const { sharedGitRunner } = await import(${JSON.stringify(pathToFileURL(DIST_RUNNER).href)});
      const r = await sharedGitRunner().run(${JSON.stringify(dir)}, ["rev-parse", "--git-dir"]); console.log(r.stdout.trim());`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => { out += d; });
    const exit = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => { child.kill("SIGKILL"); resolve(null); }, 10_000);
      child.on("exit", (c) => { clearTimeout(timer); resolve(c); });
    });
    expect(exit).toBe(0);
    expect(out.trim()).toBe(".git");
  });
});
