/** A few hostile cases through the real binary: exit codes, Chinese output, no stack traces. */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, ftruncateSync, openSync, readdirSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../helpers/run-cli.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-repo.js";
import { BROKEN_FILE, expectNoStack, GOOD_FILE, HOSTILE_FILE, recordFile, school } from "./school.js";

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith(".ts") || e.name.endsWith(".test.ts")) continue;
    const parent = (e as { parentPath?: string }).parentPath ?? dir;
    newest = Math.max(newest, statSync(join(parent, e.name)).mtimeMs);
  }
  return newest;
}

/** The binary runs dist/; rebuild when the sources are newer than the build. */
beforeAll(() => {
  const built = join(REPO_ROOT, "dist/cli/main.js");
  if (!existsSync(built) || newestSource(join(REPO_ROOT, "src")) > statSync(built).mtimeMs) {
    spawnSync(process.execPath, [join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", join(REPO_ROOT, "tsconfig.build.json")], { cwd: REPO_ROOT });
  }
});

describe("the real binary", () => {
  it("GBK bytes: exit 1, the place of the first bad byte, in Chinese; both neighbours reported", () => {
    const gbk = new Uint8Array([...new TextEncoder().encode("teacher: t03\nrecords:\n  - title: "), 0xcc, 0xfd, 0xbf, 0xce, 0x0a]);
    const r = runBin(["check", school({ [HOSTILE_FILE]: gbk })]);
    expect(r.code).toBe(1);
    expectNoStack(r);
    expect(r.stdout).toContain(`${HOSTILE_FILE}:3:12: 错误[encoding]: 文件不是 UTF-8 编码`);
    expect(r.stdout).toContain(`${BROKEN_FILE}:6:12: 错误[field-type]`);
    expect(r.stdout).not.toContain(GOOD_FILE);
  });

  it("10,000 levels of [ : exit 1, one problem, no stack overflow", () => {
    const r = runBin(["check", school({ [HOSTILE_FILE]: "teacher: t03\nrecords: " + "[".repeat(10_000) + "\n" }), "--lang", "en"]);
    expect(r.code).toBe(1);
    expectNoStack(r);
    expect(r.stdout).toMatch(new RegExp(`${HOSTILE_FILE}:2:\\d+: error\\[yaml-syntax\\]: the YAML is nested too deeply to parse`));
    expect(r.stdout).toContain("2 errors, 0 warnings");
  });

  it("a 50 MB file and an alias bomb in one run: each refused, the rest checked", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
    const dir = school({ [HOSTILE_FILE]: [...bomb, "teacher: t03", "records: []", ""].join("\n") });
    const fd = openSync(join(dir, "records/2025-2026-1/huge.yaml"), "w");
    writeSync(fd, "teacher: huge\nrecords:\n");
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const r = runBin(["check", dir, "--lang", "en"]);
    expect(r.code).toBe(1);
    expectNoStack(r);
    expect(r.stdout).toContain("records/2025-2026-1/huge.yaml: error[file-too-large]: the file is too large (50.0 MB; the limit is 5 MB)");
    expect(r.stdout).toContain(`${HOSTILE_FILE}:1:1: error[yaml-alias]: too many YAML alias expansions`);
    expect(r.stdout).toContain(`${BROKEN_FILE}:6:12: error[field-type]`);
  });

  it("a clean repository beside nothing hostile: exit 0", () => {
    const r = runBin(["check", school({ [BROKEN_FILE]: recordFile("t02", "  - date: 2025-10-10", "    kind: reflection", "    title: 反思") }), "--lang", "en"]);
    expect(r.code).toBe(0);
    expectNoStack(r);
    expect(r.stdout).toContain("no problems ✓");
  });

  it("no repository at all: exit 2 with one line, no stack", () => {
    const r = runBin(["check", tempDir("yanxiu-norepo-")]);
    expect(r.code).toBe(2);
    expectNoStack(r);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("找不到研修记录仓库");
  });

  it("a config that is binary junk: exit 1, every record file still read", () => {
    const r = runBin(["check", school({ "yanxiu.yaml": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) }), "--lang", "en"]);
    expect(r.code).toBe(1);
    expectNoStack(r);
    expect(r.stdout).toContain("yanxiu.yaml: error[encoding]: this is not a text file (it contains NUL bytes)");
    expect(r.stdout).toContain(`${BROKEN_FILE}:6:12: error[field-type]`);
  });
});
