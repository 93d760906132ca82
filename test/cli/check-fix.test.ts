/**
 * `yanxiu check --fix` on copies of the demo school: each mistake repaired in place, every
 * comment and untouched line kept byte for byte, check clean of them afterwards; --dry-run
 * writes nothing; a file changed after it was checked is skipped and said so.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";
import { applyFixPass, plannedFixes } from "../../src/cli/check-fix.js";
import { loadRepo } from "../../src/pipeline/load.js";
import { runChecks } from "../../src/checks/index.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const FILE = "records/2025-2026-1/t02.yaml";

/** Typed with a Chinese input method; the comments must survive the fixes untouched. */
const BEFORE = [
  "\uFEFF# 王晓丽(t02)的研修记录 —— 手写,请勿删除注释",
  "teacher: t02",
  "records:",
  "  # 九月",
  "  - date: 2025/09/16   # 用斜杠写的日期",
  "    kind：reflection",
  "    title: 区级培训: 新课标解读",
  "  － date: 2025年9月18日",
  "    kind: 教学反思    # 写了名称",
  "　　title: 第二篇反思",
  "    notes: |",
  "      要点：一、二、三",
  "      kind：这是正文,不是键",
  "  - date: 2025-09-20",
  "    kind: observation",
  "    title: 听课",
  "    count: １２",
  "",
].join("\r\n");

/** By hand: only the mistaken characters change; the BOM, CRLF, comments and the block text stay. */
const AFTER = [
  "\uFEFF# 王晓丽(t02)的研修记录 —— 手写,请勿删除注释",
  "teacher: t02",
  "records:",
  "  # 九月",
  "  - date: 2025-09-16   # 用斜杠写的日期",
  "    kind: reflection",
  '    title: "区级培训: 新课标解读"',
  "  - date: 2025-09-18",
  "    kind: reflection    # 写了名称",
  "    title: 第二篇反思",
  "    notes: |",
  "      要点：一、二、三",
  "      kind：这是正文,不是键",
  "  - date: 2025-09-20",
  "    kind: observation",
  "    title: 听课",
  "    count: 12",
  "",
].join("\r\n");

function school(): string {
  const dir = copyDemoSchool();
  made.push(dir);
  writeFileSync(join(dir, FILE), BEFORE);
  return dir;
}

describe("check --fix", () => {
  it("repairs each mistake in place and keeps every other byte; check is then clean", async () => {
    const dir = school();
    const before = await runCli(["check", dir, "--format", "json"]);
    expect(JSON.parse(before.stdout).problems.map((p: { line: number; check: string; fix?: unknown }) => `${p.line} ${p.check} ${p.fix ? "fix" : ""}`)).toEqual([
      "5 date fix",
      "6 full-width-syntax fix",
      "7 unquoted-colon fix",
      "8 full-width-syntax fix",
      // Behind the typing mistakes, the rest is still checked: the loose date and the label.
      "8 date fix",
      "9 unknown-kind fix",
      "10 full-width-syntax fix",
      "17 field-type fix",
    ]);
    const r = await runCli(["check", dir, "--fix"]);
    expect(r.stderr).toBe("--fix:在 1 个文件中做了 8 处修复\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("没有发现问题");
    expect(readFileSync(join(dir, FILE), "utf8")).toBe(AFTER);
  });

  it("--dry-run prints the diff and writes nothing", async () => {
    const dir = school();
    const r = await runCli(["check", dir, "--fix", "--dry-run", "--lang", "en"]);
    expect(readFileSync(join(dir, FILE), "utf8")).toBe(BEFORE);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("--fix --dry-run: would make 4 fixes in 1 file (nothing written)\n");
    // The first pass: typing mistakes first (the other fixes point into the text as repaired).
    expect(r.stdout).toContain(`--- a/${FILE}\n+++ b/${FILE}\n`);
    expect(r.stdout).toContain("-    kind：reflection\r\n-    title: 区级培训: 新课标解读\r\n-  － date: 2025年9月18日\r\n+    kind: reflection\r\n+    title: \"区级培训: 新课标解读\"\r\n+  - date: 2025年9月18日\r\n");
    expect(r.stdout).toContain("-　　title: 第二篇反思\r\n+    title: 第二篇反思\r\n");
  });

  it("a file changed after it was checked is skipped, said so, and left as the editor saved it", () => {
    const dir = school();
    const repo = loadRepo(dir);
    const planned = plannedFixes(runChecks(repo, { today: "2026-11-23" }));
    expect([...planned.keys()]).toEqual([FILE]);
    // A teacher saves the file in an editor meanwhile.
    const edited = BEFORE.replace("第二篇反思", "第二篇反思(改)");
    writeFileSync(join(dir, FILE), edited);
    const outcome = applyFixPass(dir, planned, { dryRun: false, lang: "zh", checkedText: new Map([[FILE, BEFORE]]) });
    expect(outcome.files).toEqual([]);
    expect(outcome.skipped).toEqual([{ file: FILE, reason: "检查之后文件又被修改过,没有改动它;再运行一次 yanxiu check --fix" }]);
    expect(readFileSync(join(dir, FILE), "utf8")).toBe(edited);
  });
});
