/**
 * `yanxiu hook install|uninstall|run [dir]`: a git pre-commit hook that refuses a commit
 * whose staged record files have errors.
 *
 * The hook calls the yanxiu that installed it by absolute path (node binary and bin/yanxiu.js).
 * Not `npx yanxiu`: npx may be missing from the PATH that GUI clients and IDEs give hooks,
 * may download from the network on every commit, and may pick a different version than
 * the one the teacher checks with. If the installation moves, the hook says so and tells
 * the teacher to reinstall it.
 */
import { chmodSync, copyFileSync, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { sortProblems } from "../problem.js";
import { runChecks } from "../checks/index.js";
import { closedBaselinesOf } from "../git/closed-baseline.js";
import { formatText } from "../format/problems-text.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { writeFileAtomic } from "../repo/write.js";
import { GitError, gitPath, revExists, unstagedPaths } from "../git/git.js";
import { changesSince, gitPrefix, indexedFiles, stagedRepoChanges } from "../git/changed.js";
import { filesToCheck } from "../checks/affected.js";
import { EXIT, pickLang, setExitCode, today, UsageError, useColour, type Io } from "./io.js";
import { openRepo, peekConfigLang, requireRepoRoot } from "./repo-arg.js";

export const HOOK_MARKER = "# yanxiu pre-commit hook";
export const BACKUP_SUFFIX = ".yanxiu-backup";
/** bin/yanxiu.js of this installation, from src/cli or dist/cli alike. */
export const YANXIU_BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../bin/yanxiu.js");

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function hookScript(node: string, bin: string, repoDir: string): string {
  return [
    "#!/bin/sh",
    `${HOOK_MARKER}: installed by 'yanxiu hook install', removed by 'yanxiu hook uninstall'.`,
    "# It runs the yanxiu that installed it, by absolute path, on the staged record files.",
    `YANXIU_NODE=${shellQuote(node)}`,
    `YANXIU_BIN=${shellQuote(bin)}`,
    'if [ ! -f "$YANXIU_BIN" ] || [ ! -x "$YANXIU_NODE" ]; then',
    '  echo "yanxiu: 找不到 $YANXIU_BIN(或 $YANXIU_NODE);请重新运行 yanxiu hook install。/ yanxiu is not where the hook expects it: run \'yanxiu hook install\' again." >&2',
    "  exit 1",
    "fi",
    `exec "$YANXIU_NODE" "$YANXIU_BIN" hook run ${shellQuote(repoDir)}`,
    "",
  ].join("\n");
}

function gitFailure(lang: Lang, e: unknown): never {
  if (e instanceof GitError) throw new UsageError(t(lang, `git 出错:${e.message}`, `git failed: ${e.message}`));
  throw e;
}

function requireGit(root: string, lang: Lang) {
  const where = gitPrefix(root);
  if (!where) throw new UsageError(t(lang, `${root} 不在 git 仓库中`, `${root} is not in a git repository`));
  return where;
}

/**
 * The files `check --changed` reports on: changed since `base` (default HEAD, with staged,
 * unstaged and untracked changes) and what depends on them; undefined means all files.
 */
export function changedFileSet(repo: LoadedRepo, lang: Lang, base?: string): Set<string> | undefined {
  const { top, prefix } = requireGit(repo.root, lang);
  if (base !== undefined && (base.startsWith("-") || !revExists(top, base))) {
    throw new UsageError(t(lang, `找不到版本 ${base}`, `no such revision: ${base}`));
  }
  try {
    return filesToCheck(repo, changesSince(top, prefix, base));
  } catch (e) {
    gitFailure(lang, e);
  }
}

export function registerHook(program: Command, io: Io): void {
  const hook = program.command("hook").description("git 提交前检查钩子 / the git pre-commit hook");
  const langOf = (cmd: Command) => pickLang(cmd.optsWithGlobals().lang as string | undefined, io.env);

  hook
    .command("install")
    .description("安装 pre-commit 钩子 / install the pre-commit hook")
    .argument("[dir]", "仓库目录(默认当前目录)/ repository folder (default: here)")
    .option("--force", "替换已有的其他钩子(先备份)/ replace another hook (a backup is kept)")
    .action(function (this: Command, dir: string | undefined, opts: { force?: boolean }) {
      const lang0 = langOf(this);
      const root = requireRepoRoot(io, dir, lang0);
      const lang = pickLang(this.optsWithGlobals().lang, io.env, peekConfigLang(root));
      const { top, prefix } = requireGit(root, lang);
      const path = gitPath(top, "hooks/pre-commit");
      let backup: string | undefined;
      if (existsSync(path) && !readFileSync(path, "utf8").includes(HOOK_MARKER)) {
        if (!opts.force) {
          throw new UsageError(t(lang, `${path} 已有一个别的 pre-commit 钩子,不会覆盖;确要替换请加 --force(原文件会备份)`,
            `${path} already holds another pre-commit hook and will not be overwritten; add --force to replace it (a backup is kept)`));
        }
        backup = `${path}${BACKUP_SUFFIX}`;
        for (let n = 1; existsSync(backup); n++) backup = `${path}${BACKUP_SUFFIX}.${n}`;
        copyFileSync(path, backup);
      }
      writeFileAtomic(path, hookScript(process.execPath, YANXIU_BIN, prefix === "" ? "." : prefix.slice(0, -1)));
      chmodSync(path, 0o755);
      io.stdout.write(t(lang, `已安装 pre-commit 钩子:${path}\n`, `installed the pre-commit hook: ${path}\n`));
      if (backup) io.stdout.write(t(lang, `原来的钩子已备份为 ${backup}\n`, `the previous hook was kept as ${backup}\n`));
      setExitCode(this, EXIT.ok);
    });

  hook
    .command("uninstall")
    .description("删除 pre-commit 钩子 / remove the pre-commit hook")
    .argument("[dir]", "仓库目录(默认当前目录)/ repository folder (default: here)")
    .action(function (this: Command, dir: string | undefined) {
      const lang0 = langOf(this);
      const root = requireRepoRoot(io, dir, lang0);
      const lang = pickLang(this.optsWithGlobals().lang, io.env, peekConfigLang(root));
      const { top } = requireGit(root, lang);
      const path = gitPath(top, "hooks/pre-commit");
      if (!existsSync(path)) {
        io.stdout.write(t(lang, "没有安装 pre-commit 钩子。\n", "no pre-commit hook is installed.\n"));
        return setExitCode(this, EXIT.ok);
      }
      if (!readFileSync(path, "utf8").includes(HOOK_MARKER)) {
        throw new UsageError(t(lang, `${path} 不是 yanxiu 安装的钩子,不会删除`, `${path} was not installed by yanxiu and is left alone`));
      }
      const backup = `${path}${BACKUP_SUFFIX}`;
      if (existsSync(backup)) {
        renameSync(backup, path);
        io.stdout.write(t(lang, `已删除 yanxiu 的钩子,恢复了原来的钩子 ${path}\n`, `removed yanxiu's hook and restored the previous one: ${path}\n`));
      } else {
        rmSync(path);
        io.stdout.write(t(lang, `已删除 pre-commit 钩子:${path}\n`, `removed the pre-commit hook: ${path}\n`));
      }
      setExitCode(this, EXIT.ok);
    });

  hook
    .command("run")
    .description("检查暂存的记录文件(由钩子调用)/ check the staged record files (what the hook runs)")
    .argument("[dir]", "仓库目录(默认当前目录)/ repository folder (default: here)")
    .action(function (this: Command, dir: string | undefined) {
      const langFlag = this.optsWithGlobals().lang as string | undefined;
      const { repo, lang } = openRepo(io, dir, langFlag);
      const { top, prefix } = requireGit(repo.root, lang);
      let files: Set<string>;
      let unstaged: string[];
      try {
        // A changed config, roster or rule file means every committed file is rechecked.
        files = filesToCheck(repo, stagedRepoChanges(top, prefix)) ?? indexedFiles(top, prefix);
        unstaged = unstagedPaths(top).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
      } catch (e) {
        gitFailure(lang, e);
      }
      const problems = sortProblems(runChecks(repo, { today: today(io.env), files, closed: closedBaselinesOf(repo, today(io.env)) }));
      io.stdout.write(formatText(problems, { lang, colour: useColour(io), fileCount: files.size }));
      const differ = unstaged.filter((f) => files.has(f));
      if (differ.length > 0) {
        io.stderr.write(t(lang, `注意:这些文件还有未暂存的修改,检查的是工作区中的版本:${differ.join("、")}\n`,
          `note: these files have unstaged changes; the working copy was checked: ${differ.join(", ")}\n`));
      }
      const failed = problems.some((p) => p.severity === "error");
      if (failed) {
        io.stderr.write(t(lang, "提交被拒绝:请先改正上面的错误(确需跳过检查时用 git commit --no-verify)。\n",
          "commit refused: fix the errors above first (git commit --no-verify skips the check if you really must).\n"));
      }
      setExitCode(this, failed ? EXIT.problems : EXIT.ok);
    });
}
