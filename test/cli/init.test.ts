/** `yanxiu init`: a new repository that passes check, and refusal to touch an existing one. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runBin, runCli } from "../helpers/run-cli.js";
import { REPO_ROOT, removeDir, tempDir } from "../helpers/temp-repo.js";

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
    for (const f of ["yanxiu.yaml", "roster.yaml", "rules/xintian.yaml", "rules/xintian.test.yaml", "rules/observation-minimums.yaml",
      "records/2026-2027-1/t01.yaml", ".gitignore", "evidence/.gitkeep", ".yanxiu/yanxiu-0.1.0.tgz"]) {
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

  it("copies the presets' rule tests, and they pass", async () => {
    const d = join(dir(), "school");
    expect((await runCli(["init", d, "--no-git"])).code).toBe(0);
    const r = await runCli(["rules", "test"], { cwd: d });
    expect(r.stdout).toMatch(/\n\d+ 个通过,0 个失败\n$/);
    expect(r.code).toBe(0);
  });

  it("leaves out a preset test that needs a preset the school did not take", async () => {
    const d = join(dir(), "school");
    expect((await runCli(["init", d, "--no-git", "--preset", "xintian"])).code).toBe(0);
    expect(existsSync(join(d, "rules/xintian.test.yaml"))).toBe(false);
    const g = join(dir(), "g");
    expect((await runCli(["init", g, "--no-git", "--preset", "guangxi"])).code).toBe(0);
    expect(existsSync(join(g, "rules/guangxi.test.yaml"))).toBe(true);
  });

  it("lists the office as an administrator with an e-mail, so CODEOWNERS has owners for the rules and roster", async () => {
    const d = join(dir(), "school");
    expect((await runCli(["init", d])).code).toBe(0);
    expect(readFileSync(join(d, "roster.yaml"), "utf8")).toContain("  - id: t00\n    name: 教务处\n    roles: [行政]\n    emails: [jiaowu@example.edu.cn]\n");
    const r = await runCli(["codeowners", d]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `已写入 ${d}/CODEOWNERS\n`, ""]);
    const owners = readFileSync(join(d, "CODEOWNERS"), "utf8");
    expect(owners).toContain("\n/roster.yaml jiaowu@example.edu.cn\n/rules/ jiaowu@example.edu.cn\n");
    expect(owners).not.toContain("no owner");
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

  it("without npm, init still succeeds: the CI files name the registry version, and a note says why and what to do", () => {
    const d = join(dir(), "s");
    const r = runBin(["init", d, "--no-git", "--lang", "en"], { env: { PATH: join(d, "no-such-bin") } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^note: could not keep a copy of yanxiu in the repository \(npm pack: .*ENOENT.*\), so the CI files install yanxiu@0\.1\.0; /);
    expect(r.stderr).toContain("npm pack --ignore-scripts --pack-destination <school>/.yanxiu");
    expect(readFileSync(join(d, ".github/workflows/yanxiu.yml"), "utf8")).toContain(" --no-fund yanxiu@0.1.0 && ");
    expect(readdirSync(join(d, ".yanxiu"))).toEqual(["schema"]);
  });

  it("exits 2 outside any repository", () => {
    const r = runBin(["check"], { cwd: dir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("yanxiu init");
  });
});

// What CI does on a school's first push: install the vendored tarball (its dependencies come from
// the npm registry, so this needs the network and takes some seconds) and check the school.
// Runs in every `npm test`, so in CI too.
describe("the CLI that init keeps in the school repository", () => {
  it("installs as the CI file says, without exceljs, checks the new school with exit 0 and explains a missing xlsx writer", async () => {
    const d = join(dir(), "school");
    expect((await runCli(["init", d, "--no-git"])).code).toBe(0);
    const tarballs = readdirSync(join(d, ".yanxiu")).filter((f) => f.endsWith(".tgz"));
    expect(tarballs).toEqual(["yanxiu-0.1.0.tgz"]);
    // The GitLab job's install line, word for word, with its tool folder moved into a temp folder.
    const script = (parse(readFileSync(join(d, ".gitlab-ci.yml"), "utf8")) as Record<string, { script: string[] }>)["yanxiu-check"]!.script;
    const prefix = dir();
    const install = spawnSync("sh", ["-c", script[0]!.replaceAll("/tmp/yanxiu", prefix)], { cwd: d, encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);
    const tool = join(prefix, "package", "node_modules");
    expect(existsSync(join(prefix, "package", "dist", "cli", "main.js"))).toBe(true);
    expect(existsSync(join(tool, "exceljs"))).toBe(false);
    // Every installed dependency is at the version of this repository's package-lock.json, the one the tests ran
    // with — hono and @hono/node-server included, which have newer releases their ^ ranges would allow.
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
    const installed = Object.keys(lock.packages).filter((p) => p !== "" && existsSync(join(prefix, "package", p, "package.json")));
    expect(installed).toEqual(expect.arrayContaining(["node_modules/hono", "node_modules/@hono/node-server", "node_modules/yaml", "node_modules/zod"]));
    for (const p of installed) {
      expect(JSON.parse(readFileSync(join(prefix, "package", p, "package.json"), "utf8")).version, p).toBe(lock.packages[p]!.version);
    }
    const env = { ...process.env, YANXIU_TODAY: "2026-11-23", NO_COLOR: "1" };
    const check = spawnSync(join(prefix, "bin", "yanxiu"), ["check", d], { encoding: "utf8", env });
    expect([check.status, check.stderr]).toEqual([0, ""]);
    expect(check.stdout).toContain("没有发现问题");
    const xlsx = spawnSync(join(prefix, "bin", "yanxiu"), ["score", d, "-o", join(prefix, "r.xlsx"), "--lang", "en"], { encoding: "utf8", env });
    expect([xlsx.status, xlsx.stderr]).toEqual([2, "yanxiu: writing xlsx needs the exceljs package, which this installation left out (installed with --omit=optional). " +
      "Reinstall yanxiu without --omit=optional (e.g. npm install -g ./.yanxiu/yanxiu-<version>.tgz), or use --format csv\n"]);
    expect(existsSync(join(prefix, "r.xlsx"))).toBe(false);
  }, 300_000);
});
