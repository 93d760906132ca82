/** `yanxiu codeowners [dir] [--output PATH]`: CODEOWNERS from the roster (see src/templates/codeowners.ts). */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { t } from "../i18n.js";
import { writeFileAtomic } from "../repo/write.js";
import { CODEOWNERS_HEADER, codeownersText } from "../templates/codeowners.js";
import { gitPrefix } from "../git/changed.js";
import { EXIT, setExitCode, today, UsageError, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";

export function registerCodeowners(program: Command, io: Io): void {
  program
    .command("codeowners")
    .description("根据名册生成 CODEOWNERS / write CODEOWNERS from the roster")
    .argument("[dir]", "仓库目录(默认当前目录)/ repository folder (default: here)")
    .option("-o, --output <path>", "输出文件(默认仓库根目录的 CODEOWNERS,GitHub 和 GitLab 都读)/ output file (default: CODEOWNERS at the top, read by GitHub and GitLab)")
    .action(function (this: Command, dir: string | undefined, opts: { output?: string }) {
      const { repo, lang } = openRepo(io, dir, this.optsWithGlobals().lang as string | undefined);
      const roster = repo.dataset?.roster;
      if (!roster) {
        throw new UsageError(t(lang, "名册或配置有错误,无法生成 CODEOWNERS;先运行 yanxiu check", "the roster or config has errors, so CODEOWNERS cannot be written: run 'yanxiu check' first"));
      }
      // CODEOWNERS belongs at the top of the git work tree, its patterns relative to it.
      const where = gitPrefix(repo.root);
      const top = where?.top ?? repo.root;
      // The top-level CODEOWNERS is the one place both GitHub and GitLab read (see docs/git.md).
      const output = opts.output ? resolve(io.cwd, opts.output) : join(top, "CODEOWNERS");
      if (existsSync(output) && !readFileSync(output, "utf8").split("\n").some((l) => l.startsWith(CODEOWNERS_HEADER))) {
        throw new UsageError(t(lang, `${output} 是手工编写的(没有「${CODEOWNERS_HEADER}」这一行),不会覆盖;换个 --output 或先移走它`,
          `${output} was written by hand (it lacks the '${CODEOWNERS_HEADER}' line) and will not be overwritten; choose another --output or move it away`));
      }
      const text = codeownersText({ roster, ruleFiles: repo.dataset!.config.rules, prefix: where?.prefix ?? "", today: today(io.env) });
      writeFileAtomic(output, text);
      io.stdout.write(t(lang, `已写入 ${output}\n`, `wrote ${output}\n`));
      // GitHub reads .github/CODEOWNERS before the top-level one, so an old file there would win.
      const githubFile = join(top, ".github", "CODEOWNERS");
      if (output !== githubFile && existsSync(githubFile)) {
        io.stderr.write(t(lang, `注意:还有 ${githubFile},GitHub 会优先使用它;请删除它(git rm .github/CODEOWNERS)\n`,
          `note: ${githubFile} exists too and GitHub reads it first; delete it (git rm .github/CODEOWNERS)\n`));
      }
      setExitCode(this, EXIT.ok);
    });
}
