/** `yanxiu audit [dir] [--since REV]`: who changed what in the history, against the roster's rights. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, Option } from "commander";
import { t, type Lang } from "../i18n.js";
import { CONFIG_FILE, ROSTER_FILE } from "../repo/layout.js";
import { auditHistory, neededOids, type Finding } from "../audit/audit.js";
import { boundaryParents, touchesSchool, walkHistory, type TreeState } from "../audit/walk.js";
import { allowedSignersText, signatureJudge } from "../audit/signatures.js";
import { formatAuditJson, formatAuditText } from "../audit/format.js";
import { parseRoster, type AuditRoster } from "../audit/people.js";
import { git, GitError, revExists } from "../git/git.js";
import { gitPrefix } from "../git/changed.js";
import { blobIdsAt, readHistory, readObjects, readSignatures } from "../git/history.js";
import { EXIT, pickLang, setExitCode, UsageError, type Io } from "./io.js";
import { peekConfigLang, requireRepoRoot } from "./repo-arg.js";

interface AuditOptions {
  since?: string;
  requireSigned?: boolean;
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
    .option("--require-signed", "严格模式:每个提交须由作者在名册中的密钥签名 / strict mode: every commit signed with its author's key from the roster")
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
        const { findings, commits } = runAudit({ top, prefix, root, since: opts.since, requireSigned: !!opts.requireSigned, lang });
        const count = { commits };
        io.stdout.write(opts.format === "json" ? formatAuditJson(findings, count) : formatAuditText(findings, { lang, ...count }));
        setExitCode(this, findings.length > 0 ? EXIT.problems : EXIT.ok);
      } catch (e) {
        if (e instanceof GitError) throw new UsageError(t(lang, `git 出错:${e.message}`, `git failed: ${e.message}`));
        throw e;
      }
    });
}

interface AuditRun {
  top: string;
  prefix: string;
  root: string;
  since?: string;
  requireSigned: boolean;
  lang: Lang;
}

/** The whole audit: one `git log`, one `cat-file --batch` (and in strict mode one more `git log`). */
export function runAudit(run: AuditRun): { findings: Finding[]; commits: number } {
  const { top, prefix, lang } = run;
  const commits = readHistory(top, run.since);
  const parents = boundaryParents(commits);
  const ids = blobIdsAt(top, parents.flatMap((p) => [`${p}:${prefix}${ROSTER_FILE}`, `${p}:${prefix}${CONFIG_FILE}`]));
  const boundary = new Map<string, TreeState>(parents.map((p) => [p, { roster: ids.get(`${p}:${prefix}${ROSTER_FILE}`), config: ids.get(`${p}:${prefix}${CONFIG_FILE}`) }]));
  const walked = walkHistory(commits, prefix, boundary);
  const texts = readObjects(top, neededOids(walked));
  let current: string | undefined;
  try {
    current = readFileSync(join(run.root, ROSTER_FILE), "utf8");
  } catch {
    current = undefined;
  }
  const fallbackRoster = parseRoster(current);
  const reachableCache = new Map<string, Set<string> | undefined>();
  const reachable = (rev: string, commit: string): boolean => {
    if (!reachableCache.has(rev)) {
      const r = rev.startsWith("-") ? undefined : git(top, ["rev-list", `${rev}^{commit}`, "--"]);
      reachableCache.set(rev, r && r.status === 0 ? new Set(r.stdout.split("\n").filter(Boolean)) : undefined);
    }
    // An unknown closing revision closes nothing yet (check reports it).
    return reachableCache.get(rev)?.has(commit) ?? true;
  };
  let signature;
  if (run.requireSigned) {
    const rosterIds = new Set(walked.flatMap((w) => [w.before.roster, w.after.roster]).filter((x): x is string => !!x));
    const rosters: AuditRoster[] = [...rosterIds].map((oid) => parseRoster(texts.get(oid))).filter((r): r is AuditRoster => !!r);
    if (fallbackRoster) rosters.push(fallbackRoster);
    const dir = mkdtempSync(join(tmpdir(), "yanxiu-signers-"));
    try {
      const file = join(dir, "allowed_signers");
      writeFileSync(file, allowedSignersText(rosters));
      signature = signatureJudge(readSignatures(top, run.since, [`gpg.ssh.allowedSignersFile=${file}`]), lang);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const findings = auditHistory({ walked, text: (oid) => texts.get(oid), fallbackRoster, reachable, signature, lang });
  return { findings, commits: walked.filter(touchesSchool).length };
}
