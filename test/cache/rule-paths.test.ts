/**
 * A rule file decides every number, so an edit of it must never be taken for anything else:
 * - one outside the repository (`../shared/x.yaml`) is refused: CI's clone, audit's history and the
 *   result cache's stamp cannot see it, so the hours could change unseen (a cache kept before the
 *   edit answered with the old totals);
 * - one written another way (`./sessions//rules/x.yaml`) is the file the repository lists, so an
 *   edit of it is a rule change (the incremental runs took it for a session file and kept every
 *   teacher's old result).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";
import { runCli } from "../helpers/run-cli.js";

let dir: string;
beforeEach(() => {
  dir = copyDemoSchool();
});
afterEach(() => removeDir(dir));

const CONFIG = "yanxiu.yaml";
const path = (file: string) => join(dir, file);
const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(path(file), "utf8");
  expect(text).toContain(from);
  writeFileSync(path(file), text.replace(from, to));
};
/** The demo's reflection item: 1 hour each; doubling it changes the teachers' totals. */
const REFLECTION = "kinds: [reflection], each: 1, cap: 8 }";
const REFLECTION_DOUBLED = "kinds: [reflection], each: 2, cap: 8 }";
/** The kind itself: renamed, the records of the old name and the item counting it are in error. */
const REFLECTION_KIND = "{ id: reflection, label: 教学反思";
const REFLECTION_KIND_RENAMED = "{ id: reflection-x, label: 教学反思";

async function seen(args: string[], cached: boolean): Promise<string> {
  const r = await runCli(cached ? args : [...args, "--no-cache"], { cwd: dir });
  return `exit ${r.code}\n${r.stdout}\n${r.stderr}`;
}

describe("rule files outside the repository", () => {
  it("are an error at their line in the config, and nothing is scored from them", async () => {
    mkdirSync(path("../shared-rules"), { recursive: true });
    renameSync(path("rules/xintian.yaml"), path("../shared-rules/xintian.yaml"));
    edit(CONFIG, "  - rules/xintian.yaml", "  - ../shared-rules/xintian.yaml");
    const check = await runCli(["check"], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("yanxiu.yaml:6:5: 错误[path-outside-repo]: 规则文件 ../shared-rules/xintian.yaml 在仓库之外");
    expect(check.stdout).toContain("  - ../shared-rules/xintian.yaml\n  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^");
    expect(check.stdout).toContain("建议: 把规则文件复制进仓库(例如 rules/ 文件夹)");
    const en = await runCli(["check", "--lang", "en"], { cwd: dir });
    expect(en.stdout).toContain("yanxiu.yaml:6:5: error[path-outside-repo]: the rule file ../shared-rules/xintian.yaml is outside the repository");
    const score = await runCli(["score"], { cwd: dir });
    expect(score.code).toBe(1);
    expect(score.stdout).toBe("");
    expect(score.stderr).toContain("规则有错误,无法计算学时。");
  });

  it("are refused however they are written, an absolute path too", async () => {
    edit(CONFIG, "  - rules/xintian.yaml", `  - rules/../../${dir.split("/").pop()}/rules/xintian.yaml\n  - /etc/hostname`);
    const check = await runCli(["check", "--format", "json"], { cwd: dir });
    const outside = (JSON.parse(check.stdout) as { problems: { check: string; line: number }[] }).problems.filter((p) => p.check === "path-outside-repo");
    expect(outside.map((p) => p.line)).toEqual([6, 7]);
  });
});

describe("a rule file written another way than the repository lists it", () => {
  it("is a rule change for check and score after a run kept its entries", async () => {
    mkdirSync(path("sessions/rules"), { recursive: true });
    renameSync(path("rules/xintian.yaml"), path("sessions/rules/xintian.yaml"));
    edit(CONFIG, "  - rules/xintian.yaml", "  - ./sessions//rules/xintian.yaml");
    const CASES = [["check", "--format", "json"], ["score", "--format", "json"]];
    for (const args of CASES) await seen(args, true);
    // A second run after an edit of a record file keeps the incremental entries.
    edit("records/2025-2026-1/t01.yaml", "\n", "\n# a note\n");
    for (const args of CASES) await seen(args, true);
    const before = await Promise.all(CASES.map((args) => seen(args, false)));
    // Score: other totals; then check: other problems.
    edit("sessions/rules/xintian.yaml", REFLECTION, REFLECTION_DOUBLED);
    const score = await seen(["score", "--format", "json"], true);
    expect(score).toBe(await seen(["score", "--format", "json"], false));
    expect(score).not.toBe(before[1]);
    edit("sessions/rules/xintian.yaml", REFLECTION_KIND, REFLECTION_KIND_RENAMED);
    const check = await seen(["check", "--format", "json"], true);
    expect(check).toBe(await seen(["check", "--format", "json"], false));
    expect(check).not.toBe(before[0]);
  });
});
