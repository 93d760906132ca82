/** A copy of the demo school in a temp dir, as a real git repo, with one hand-written record file to add to. */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { afterAll } from "vitest";
import { join } from "node:path";
import { copyDemoSchool, REPO_ROOT, tempDir, writeFiles } from "../helpers/temp-repo.js";

export const GIT_ENV = {
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.edu.cn",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.edu.cn",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** t01's spring-term file, written by hand: comments, blank lines, quotes and flow lists. */
export const T01_FILE = "records/2025-2026-2/t01.yaml";
export const T01_TEXT = [
  "# 黄敏斌 第二学期 —— 手写的注释要保留",
  "teacher: t01   # 编号不要改",
  "",
  "records:",
  "  # 三月",
  "  - date: 2026-03-05",
  "    kind: observation",
  "    title: '听课《春》(七年级)'   # 单引号",
  "    count: 2",
  "",
  "  - date: \"2026-03-12\"",
  "    kind: reflection",
  "    title: 《春》教学反思",
  "    words: 900",
  "  # 四月还没有记录",
  "",
].join("\n");

export function git(dir: string, ...args: string[]) {
  return spawnSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });
}

let template: string | undefined;
// Registered on the test file that imports this module (vitest collects hooks met while it loads
// the file): its workers end without an "exit" event.
afterAll(() => {
  if (template) rmSync(template, { recursive: true, force: true });
});

/**
 * A fresh copy of the school (files and git repository) for each test: the repository is built
 * once per test file, its objects packed, and copied (a copy of ~600 files costs a fraction of a
 * new `git init; git add -A; git commit` of the demo's ~570 files and their ~570 loose objects).
 */
export function makeSchool(): string {
  template ??= buildSchool();
  const dir = tempDir("yanxiu-demo-");
  cpSync(template, dir, { recursive: true });
  return dir;
}

function buildSchool(): string {
  const dir = copyDemoSchool();
  // The demo school lists its rule files; bring the presets along if the copy lacks them.
  const rulesDir = join(dir, "rules");
  mkdirSync(rulesDir, { recursive: true });
  for (const f of readdirSync(join(REPO_ROOT, "rules"))) {
    if (f.endsWith(".yaml") && !existsSync(join(rulesDir, f))) cpSync(join(REPO_ROOT, "rules", f), join(rulesDir, f));
  }
  writeFiles(dir, { [T01_FILE]: T01_TEXT });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "school");
  git(dir, "repack", "-a", "-d", "-q");
  git(dir, "prune-packed", "-q");
  return dir;
}
