/** `yanxiu check [paths…]`: validate the whole repository, or only the files given. */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Command, Option } from "commander";
import { t } from "../i18n.js";
import { sortProblems } from "../problem.js";
import { knownCheckNames, runChecks } from "../checks/index.js";
import { closedBaselinesOf } from "../git/closed-baseline.js";
import { didYouMean } from "../schema/zod-problems.js";
import { findRepoRoot, toRepoPath } from "../repo/layout.js";
import { formatGithub, formatJson, formatText } from "../format/problems.js";
import { formatCodeQuality, formatJunit, formatSarif } from "../format/problems-ci.js";
import type { Problem } from "../problem.js";
import type { Lang } from "../i18n.js";
import { writeFileAtomic } from "../repo/write.js";
import { yanxiuVersion } from "../templates/ci.js";
import { EXIT, pickLang, setExitCode, today, UsageError, useColour, type Io } from "./io.js";
import { openRepo, peekConfigLang, requireRepoRoot } from "./repo-arg.js";
import { applyFixPass, plannedFixes } from "./check-fix.js";
import { changedFileSet } from "./hook.js";

export const CHECK_FORMATS = ["text", "json", "github", "sarif", "junit", "codequality"] as const;
type CheckFormat = (typeof CHECK_FORMATS)[number];

interface CheckOptions {
  fix?: boolean;
  dryRun?: boolean;
  stdinFilename?: string;
  format: CheckFormat;
  output?: string;
  disable: string[];
  lang?: string;
  changed?: boolean;
  base?: string;
}

export function registerCheck(program: Command, io: Io): void {
  program
    .command("check")
    .description("校验研修记录、名册、配置和规则 / validate records, roster, config and rules")
    .argument("[paths...]", "仓库目录或其中的文件 / the repository folder, or files in it")
    .addOption(new Option("-f, --format <format>", "输出格式 / output format").choices([...CHECK_FORMATS]).default("text"))
    .option("-o, --output <file>", "把结果写入文件(- 为标准输出)/ write the result to a file (- for stdout)")
    .option("--disable <checks>", "关闭某些检查,逗号分隔,可重复 / switch checks off: comma-separated, repeatable", (v: string, acc: string[]) => [...acc, ...v.split(",").map((x) => x.trim()).filter(Boolean)], [] as string[])
    .option("--changed", "只检查 git 中有改动的文件及受其影响的文件 / only files changed in git, and what depends on them")
    .option("--base <rev>", "与 --changed 同用:相对于此版本的改动(默认 HEAD)/ with --changed: changes since this revision (default HEAD)")
    .option("--fix", "自动修复能机械修复的问题(全角标点、日期写法、给标题加引号、类型名称改编号)/ repair what can be repaired mechanically (full-width punctuation, date forms, quoting a title, a kind's label to its id)")
    .option("--dry-run", "与 --fix 同用:只显示将做的改动,不写文件 / with --fix: show the changes as a diff, write nothing")
    .option("--stdin-filename <path>", "与 - 同用:从标准输入读取的内容当作仓库中的这个文件来检查 / with -: check the text read from stdin as this file of the repository")
    .action(async function (this: Command, paths: string[], opts: CheckOptions) {
      const langFlag = this.optsWithGlobals().lang as string | undefined;
      const lang = pickLang(langFlag, io.env);
      const known = knownCheckNames();
      for (const name of opts.disable) {
        // Rule-file problems are named rule-…; everything else must be a check we know.
        if (known.includes(name) || name.startsWith("rule-")) continue;
        const guess = didYouMean(name, known);
        throw new UsageError(t(lang, `没有名为 ${name} 的检查${guess ? `;是不是 ${guess}?` : ""}(见 docs/check.md)`, `there is no check named ${name}${guess ? `; did you mean ${guess}?` : ""} (see docs/check.md)`));
      }
      if (opts.dryRun && !opts.fix) throw new UsageError(t(lang, "--dry-run 要与 --fix 一起用", "--dry-run goes with --fix"));
      const stdin = paths.includes("-") ? await stdinTarget(io, paths, opts, lang) : undefined;
      const targets = stdin ? [stdin.abs] : paths.length > 0 ? paths.map((p) => resolve(io.cwd, p)) : [io.cwd];
      if (!stdin) {
        for (const p of targets) {
          if (!existsSync(p)) throw new UsageError(t(lang, `路径不存在:${p}`, `no such path: ${p}`));
        }
      }
      const root = findRepoRoot(stdin ? dirname(stdin.abs) : targets[0]!) ?? (stdin ? findRepoRoot(io.cwd) : undefined);
      const run = () => checkOnce(io, root ?? targets[0]!, targets, langFlag, opts, stdin);
      const first = run();
      let { problems, checked } = first;
      const { repoLang, repoRoot } = first;
      if (opts.fix) {
        if (stdin) throw new UsageError(t(repoLang, "--fix 不能用于标准输入", "--fix cannot be used with stdin"));
        const summary = fixAll(repoRoot, first, run, { dryRun: Boolean(opts.dryRun), lang: repoLang });
        if (!opts.dryRun) ({ problems, checked } = run());
        io.stderr.write(summary.text);
        if (opts.dryRun) {
          io.stdout.write(summary.diff);
          setExitCode(this, summary.files > 0 || problems.some((p) => p.severity === "error") ? EXIT.problems : EXIT.ok);
          return;
        }
      }
      const colour = (opts.output === undefined || opts.output === "-") && useColour(io);
      const out = renderProblems(opts.format, problems, { lang: repoLang, colour, files: checked });
      if (opts.output === undefined || opts.output === "-") io.stdout.write(out);
      else {
        const path = resolve(io.cwd, opts.output);
        try {
          writeFileAtomic(path, out);
        } catch (e) {
          throw new UsageError(t(repoLang, `无法写入 ${path}:${(e as Error).message}`, `cannot write ${path}: ${(e as Error).message}`));
        }
      }
      setExitCode(this, problems.some((p) => p.severity === "error") ? EXIT.problems : EXIT.ok);
    });
}

interface StdinTarget {
  abs: string;
  text: string;
}

/** `yanxiu check - --stdin-filename records/…/t01.yaml`: the text an editor holds, checked as that file. */
async function stdinTarget(io: Io, paths: string[], opts: CheckOptions, lang: Lang): Promise<StdinTarget> {
  if (paths.length !== 1) throw new UsageError(t(lang, "- (标准输入)不能与其他路径同用", "- (stdin) cannot be given with other paths"));
  if (!opts.stdinFilename) throw new UsageError(t(lang, "从标准输入检查时要用 --stdin-filename 说明这是仓库中的哪个文件", "checking stdin needs --stdin-filename to say which file of the repository it is"));
  if (!io.stdin) throw new UsageError(t(lang, "没有标准输入", "there is no standard input"));
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return { abs: resolve(io.cwd, opts.stdinFilename), text: Buffer.concat(chunks).toString("utf8") };
}

function checkOnce(io: Io, start: string, targets: string[], langFlag: string | undefined, opts: CheckOptions, stdin?: StdinTarget) {
  const root = stdin ? findRepoRoot(dirname(stdin.abs)) ?? start : start;
  const probe = openRepoLang(io, root, langFlag);
  const stdinFile = stdin ? toRepoPath(probe.root, stdin.abs) : undefined;
  if (stdinFile !== undefined && stdinFile.startsWith("..")) {
    throw new UsageError(t(probe.lang, `${stdin!.abs} 不在仓库 ${probe.root} 之内`, `${stdin!.abs} is outside the repository ${probe.root}`));
  }
  if (stdinFile !== undefined && !/^(records|sessions)\//.test(stdinFile)) {
    throw new UsageError(t(probe.lang, `从标准输入只能检查 records/ 或 sessions/ 中的文件,${stdinFile} 不是`, `only a file under records/ or sessions/ can be checked from stdin, and ${stdinFile} is not`));
  }
  const { repo, lang: repoLang } = openRepo(io, root, langFlag, stdinFile !== undefined ? { overrides: new Map([[stdinFile, stdin!.text]]) } : undefined);
  // Only the files named are reported on, but the whole repo is loaded so references
  // and duplicates against other files are still caught.
  let files: Set<string> | undefined;
  if (stdinFile !== undefined) files = new Set([stdinFile]);
  else if (!targets.every((p) => resolve(p) === repo.root)) {
    files = new Set<string>();
    const known = repo.files.map((f) => f.file);
    for (const p of targets) {
      const rel = toRepoPath(repo.root, p);
      if (rel.startsWith("..")) throw new UsageError(t(repoLang, `${p} 不在仓库 ${repo.root} 之内`, `${p} is outside the repository ${repo.root}`));
      if (statSync(p).isDirectory()) {
        const prefix = rel === "" ? "" : `${rel}/`;
        for (const f of known) if (f.startsWith(prefix)) files.add(f);
      } else files.add(rel);
    }
  }
  if (opts.changed || opts.base !== undefined) {
    const changed = changedFileSet(repo, repoLang, opts.base);
    files = changed && files ? new Set([...changed].filter((f) => files!.has(f))) : (changed ?? files);
  }
  const problems = sortProblems(
    runChecks(repo, { lang: repoLang, today: today(io.env), disabled: new Set(opts.disable), files, closed: closedBaselinesOf(repo, today(io.env)) }),
  );
  const checked = files ? [...files] : repo.files.map((f) => f.file);
  // What check read of each file with a fix: --fix applies its offsets to exactly that text.
  const withFix = new Set(problems.filter((p) => p.fix).map((p) => p.file));
  const texts = new Map(repo.files.filter((f) => withFix.has(f.file) && f.source).map((f) => [f.file, f.source!.written ?? f.source!.text]));
  return { problems, checked, repoLang, repoRoot: repo.root, texts };
}

function openRepoLang(io: Io, start: string, langFlag: string | undefined): { root: string; lang: Lang } {
  const early = pickLang(langFlag, io.env);
  const root = requireRepoRoot(io, start, early);
  return { root, lang: pickLang(langFlag, io.env, peekConfigLang(root)) };
}

/** Fix passes until nothing fixable is left (a fix can reveal another: a syntax error hid a date), 5 at most. */
function fixAll(root: string, first: { problems: Problem[]; texts: Map<string, string> }, run: () => { problems: Problem[]; texts: Map<string, string> }, o: { dryRun: boolean; lang: Lang }) {
  let { problems, texts } = first;
  const files = new Set<string>();
  let fixes = 0;
  let diff = "";
  const skipped = new Map<string, string>();
  for (let pass = 0; pass < 5; pass++) {
    const planned = plannedFixes(problems);
    for (const f of skipped.keys()) planned.delete(f);
    if (planned.size === 0) break;
    const outcome = applyFixPass(root, planned, { ...o, checkedText: texts });
    outcome.files.forEach((f) => files.add(f));
    fixes += outcome.fixes;
    diff += outcome.diff;
    outcome.skipped.forEach((s) => skipped.set(s.file, s.reason));
    // A dry run cannot see what a second pass would find.
    if (o.dryRun || outcome.fixes === 0) break;
    ({ problems, texts } = run());
  }
  const lines = [
    o.dryRun
      ? t(o.lang, `--fix --dry-run:将在 ${files.size} 个文件中做 ${fixes} 处修复(未写入)`, `--fix --dry-run: would make ${fixes} fix${fixes === 1 ? "" : "es"} in ${files.size} file${files.size === 1 ? "" : "s"} (nothing written)`)
      : t(o.lang, `--fix:在 ${files.size} 个文件中做了 ${fixes} 处修复`, `--fix: made ${fixes} fix${fixes === 1 ? "" : "es"} in ${files.size} file${files.size === 1 ? "" : "s"}`),
    ...[...skipped].map(([file, reason]) => t(o.lang, `未修复 ${file}:${reason}`, `not fixed: ${file}: ${reason}`)),
  ];
  return { text: lines.join("\n") + "\n", diff, files: files.size };
}

function renderProblems(format: CheckFormat, problems: Problem[], o: { lang: Lang; colour: boolean; files: string[] }): string {
  const fileCount = o.files.length;
  switch (format) {
    case "json": return formatJson(problems, { fileCount });
    case "github": return formatGithub(problems);
    case "sarif": return formatSarif(problems, { version: yanxiuVersion() });
    case "junit": return formatJunit(problems, { version: yanxiuVersion(), files: o.files });
    case "codequality": return formatCodeQuality(problems);
    case "text": return formatText(problems, { lang: o.lang, colour: o.colour, fileCount });
  }
}
