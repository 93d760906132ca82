/** `yanxiu init`: a new repository that passes check, and refusal to touch an existing one. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBin, runCli } from "../helpers/run-cli.js";
import { removeDir, tempDir } from "../helpers/temp-repo.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));
function dir(): string {
  const d = tempDir("yanxiu-init-");
  made.push(d);
  return d;
}

describe("yanxiu init", () => {
  it("creates config, roster, rule presets, a sample record and .gitignore that pass check", async () => {
    const d = join(dir(), "school");
    const r = await runCli(["init", d, "--school", "新田中心小学"]);
    expect(r.code).toBe(0);
    for (const f of ["yanxiu.yaml", "roster.yaml", "rules/xintian.yaml", "rules/observation-minimums.yaml", "records/2026-2027-1/t01.yaml", ".gitignore", "evidence/.gitkeep"]) {
      expect(existsSync(join(d, f)), f).toBe(true);
    }
    // Today is pinned to 2026-11-23 by runCli: the school year 2026-2027, its first term.
    expect(readFileSync(join(d, "yanxiu.yaml"), "utf8")).toContain("school: 新田中心小学\n");
    expect(readFileSync(join(d, "yanxiu.yaml"), "utf8")).toContain("  - id: 2026-2027\n");
    expect(existsSync(join(d, ".git"))).toBe(true);
    const check = await runCli(["check", d]);
    expect(check.stdout).toContain("没有发现问题");
    expect(check.code).toBe(0);
  });

  it("refuses a folder that already holds a repository, and changes nothing in it", async () => {
    const d = dir();
    await runCli(["init", d, "--no-git"]);
    writeFileSync(join(d, "roster.yaml"), "# mine\n");
    const before = readFileSync(join(d, "yanxiu.yaml"));
    const r = await runCli(["init", d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("已经是研修记录仓库");
    expect(readFileSync(join(d, "yanxiu.yaml"))).toEqual(before);
    expect(readFileSync(join(d, "roster.yaml"), "utf8")).toBe("# mine\n");
  });

  it("refuses to overwrite files of the same name, and names them", async () => {
    const d = dir();
    writeFileSync(join(d, ".gitignore"), "secret\n");
    const r = await runCli(["init", d, "--no-git", "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("these files exist already and init will not overwrite them: .gitignore");
    expect(readFileSync(join(d, ".gitignore"), "utf8")).toBe("secret\n");
    expect(existsSync(join(d, "yanxiu.yaml"))).toBe(false);
  });

  it("refuses an unknown preset with the list of presets", async () => {
    const r = await runCli(["init", join(dir(), "x"), "--preset", "nosuch", "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no rule preset 'nosuch'; available: .*xintian/);
  });
});

describe("the real binary", () => {
  it("--help lists the commands and exits 0", () => {
    const r = runBin(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^  check +校验研修记录/m);
  });

  it("init then check, as a school would, with no stack trace on bad input", () => {
    const d = join(dir(), "s");
    expect(runBin(["init", d, "--no-git"]).code).toBe(0);
    expect(runBin(["check", d]).code).toBe(0);
    writeFileSync(join(d, "records", "2026-2027-1", "t02.yaml"), "teacher: t02\nrecords:\n  - date: [\n");
    const bad = runBin(["check", d]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("records/2026-2027-1/t02.yaml:");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 outside any repository", () => {
    const r = runBin(["check"], { cwd: dir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("yanxiu init");
  });
});
