/** `yanxiu audit [dir] [--since REV]`: who changed what in the history, against the roster's rights. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, Option } from "commander";
import { t, type Lang } from "../i18n.js";
import { ROSTER_FILE } from "../repo/layout.js";
import { auditHistory, neededBlobs } from "../audit/audit.js";
import { formatAuditJson, formatAuditText } from "../audit/format.js";
import { parseRoster } from "../audit/people.js";
import { GitError, revExists } from "../git/git.js";
import { gitPrefix } from "../git/changed.js";
import { readBlobs, readHistory } from "../git/history.js";
import { EXIT, pickLang, setExitCode, UsageError, type Io } from "./io.js";
import { peekConfigLang, requireRepoRoot } from "./repo-arg.js";

interface AuditOptions {
  since?: string;
  format: "text" | "json";
}

/** The git work tree holding a yanxiu repo, and the repo's folder in it ("" or "school/"). */
export function gitLocation(root: string, lang: Lang): { top: string; prefix: string } {
  const where = gitPrefix(root);
  if (!where) {
    throw new UsageError(t(lang, `${root} 不在 git 仓库中;先运行 git init 并提交`, `${root} is not in a git repository: run 'git init' and commit first`));
  }
  return where;
}

export function registerAudit(program: Command, io: Io): void {
  program
    .command("audit")
    .description("审计 git 历史:谁修改了谁的记录、规则和名册 / audit the git history: who changed whose records, the rules and the roster")
    .argument("[dir]", "仓库目录(默认当前目录)/ repository folder (default: here)")
    .option("--since <rev>", "只审计此版本之后的提交 / only commits after this revision")
    .addOption(new Option("-f, --format <format>", "输出格式 / output format").choices(["text", "json"]).default("text"))
    .action(function (this: Command, dir: string | undefined, opts: AuditOptions) {
      const langFlag = this.optsWithGlobals().lang as string | undefined;
      const early = pickLang(langFlag, io.env);
      const root = requireRepoRoot(io, dir, early);
      const lang = pickLang(langFlag, io.env, peekConfigLang(root));
      const { top, prefix } = gitLocation(root, lang);
      if (!revExists(top, "HEAD")) throw new UsageError(t(lang, "这个 git 仓库还没有提交", "this git repository has no commits yet"));
      if (opts.since !== undefined && (opts.since.startsWith("-") || !revExists(top, opts.since))) {
        throw new UsageError(t(lang, `找不到版本 ${opts.since}`, `no such revision: ${opts.since}`));
      }
      try {
        const commits = readHistory(top, opts.since, prefix ? [prefix] : []);
        const blobs = readBlobs(top, neededBlobs(commits, prefix));
        let current: string | undefined;
        try {
          current = readFileSync(join(root, ROSTER_FILE), "utf8");
        } catch {
          current = undefined;
        }
        const findings = auditHistory({
          commits,
          read: (rev, path) => blobs.get(`${rev}:${path}`),
          prefix,
          fallbackRoster: parseRoster(current),
          lang,
        });
        const count = { commits: commits.filter((c) => c.files.length > 0).length };
        io.stdout.write(opts.format === "json" ? formatAuditJson(findings, count) : formatAuditText(findings, { lang, ...count }));
        setExitCode(this, findings.length > 0 ? EXIT.problems : EXIT.ok);
      } catch (e) {
        if (e instanceof GitError) throw new UsageError(t(lang, `git 出错:${e.message}`, `git failed: ${e.message}`));
        throw e;
      }
    });
}
