/** `yanxiu check [paths…]`: validate the whole repository, or only the files given. */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { t } from "../i18n.js";
import { sortProblems } from "../problem.js";
import { findRepoRoot, toRepoPath } from "../repo/layout.js";
import type { Problem } from "../problem.js";
import type { Lang } from "../i18n.js";
import { EXIT, pickLang, setExitCode, today, UsageError, useColour, type Io } from "./io.js";
import { locateRepo, resultCacheFor } from "./repo-locate.js";
import { incrementalPurpose } from "./incremental-purpose.js";
import type { LoadedRepo } from "../pipeline/load.js";

export const CHECK_FORMATS = ["text", "json", "github", "sarif", "junit", "codequality"] as const;
type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckOptions {
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
    .addOption(program.createOption("-f, --format <format>", "输出格式 / output format").choices([...CHECK_FORMATS]).default("text"))
    .option("-o, --output <file>", "把结果写入文件(- 为标准输出)/ write the result to a file (- for stdout)")
    .option("--disable <checks>", "关闭某些检查,逗号分隔,可重复 / switch checks off: comma-separated, repeatable", (v: string, acc: string[]) => [...acc, ...v.split(",").map((x) => x.trim()).filter(Boolean)], [] as string[])
    .option("--changed", "只检查 git 中有改动的文件及受其影响的文件 / only files changed in git, and what depends on them")
    .option("--base <rev>", "与 --changed 同用:相对于此版本的改动(默认 HEAD)/ with --changed: changes since this revision (default HEAD)")
    .option("--fix", "自动修复能机械修复的问题(全角标点、日期写法、给标题加引号、类型名称改编号、把文件移到它的学期文件夹)/ repair what can be repaired mechanically (full-width punctuation, date forms, quoting a title, a kind's label to its id, a file moved to its term folder)")
    .option("--dry-run", "与 --fix 同用:只显示将做的改动,不写文件 / with --fix: show the changes as a diff, write nothing")
    .option("--stdin-filename <path>", "与 - 同用:从标准输入读取的内容当作仓库中的这个文件来检查 / with -: check the text read from stdin as this file of the repository")
    .action(async function (this: Command, paths: string[], opts: CheckOptions) {
      setExitCode(this, await runCheck(io, paths, opts, this.optsWithGlobals().lang as string | undefined));
    });
}

/**
 * The check itself, given what commander parsed (or, for the plainest warm runs, what
 * cli/plain-args.ts parsed without loading commander: the same values). Returns the exit code.
 */
export async function runCheck(io: Io, paths: string[], opts: CheckOptions, langFlag: string | undefined): Promise<number> {
  const lang = pickLang(langFlag, io.env);
  const known = opts.disable.length ? (await import("../checks/index.js")).knownCheckNames() : [];
  for (const name of opts.disable) {
    // Rule-file problems are named rule-…; everything else must be a check we know.
    if (known.includes(name) || name.startsWith("rule-")) continue;
    const guess = (await import("../did-you-mean.js")).didYouMean(name, known);
    throw new UsageError(t(lang, `没有名为 ${name} 的检查${guess ? `;是不是 ${guess}?` : ""}(见 docs/check.md)`, `there is no check named ${name}${guess ? `; did you mean ${guess}?` : ""} (see docs/check.md)`));
  }
  if (opts.dryRun && !opts.fix) throw new UsageError(t(lang, "--dry-run 要与 --fix 一起用", "--dry-run goes with --fix"));
  let problems: Problem[];
  let checked: string[];
  let repoLang: Lang;
  const colour = (opts.output === undefined || opts.output === "-") && useColour(io);
  /** Keeps the rendered output for the next run with the same inputs (whole-repository checks only). */
  let keep: ((kept: { out: string; exit: number }) => void) | undefined;
  if (opts.fix || paths.includes("-")) {
    // Read afresh, never from the result cache: stdin is not on disk, and --fix writes.
    const run = await import("./check-fix-run.js");
    const stdin = paths.includes("-") ? await run.stdinTarget(io, paths, opts, lang) : undefined;
    const targets = stdin ? [stdin.abs] : paths.length > 0 ? paths.map((p) => resolve(io.cwd, p)) : [io.cwd];
    if (!stdin) {
      for (const p of targets) {
        if (!existsSync(p)) throw new UsageError(t(lang, `路径不存在:${p}`, `no such path: ${p}`));
      }
    }
    const root = findRepoRoot(stdin ? dirname(stdin.abs) : targets[0]!) ?? (stdin ? findRepoRoot(io.cwd) : undefined);
    const once = () => run.checkOnce(io, root ?? targets[0]!, targets, langFlag, opts, stdin);
    const first = once();
    ({ problems, checked, repoLang } = first);
    if (opts.fix) {
      if (stdin) throw new UsageError(t(repoLang, "--fix 不能用于标准输入", "--fix cannot be used with stdin"));
      const summary = run.fixAll(first.repoRoot, first, once, { dryRun: Boolean(opts.dryRun), lang: repoLang, fs: io.fs });
      if (!opts.dryRun) ({ problems, checked } = once());
      io.stderr.write(summary.text);
      if (opts.dryRun) {
        io.stdout.write(summary.diff);
        return summary.files > 0 || problems.some((p) => p.severity === "error") ? EXIT.problems : EXIT.ok;
      }
    }
  } else {
    const targets = paths.length > 0 ? paths.map((p) => resolve(io.cwd, p)) : [io.cwd];
    for (const p of targets) {
      if (!existsSync(p)) throw new UsageError(t(lang, `路径不存在:${p}`, `no such path: ${p}`));
    }
    const located = locateRepo(io, findRepoRoot(targets[0]!) ?? targets[0], langFlag);
    const root = located.root;
    repoLang = located.lang;
    const day = today(io.env);
    const changedOnly = opts.changed || opts.base !== undefined;
    // Only the files named are reported on, but the whole repo is checked so references
    // and duplicates against other files are still caught. A folder stands for its files.
    const named = targets.every((p) => resolve(p) === root) ? undefined : targets.map((p) => {
      const rel = toRepoPath(root, p);
      if (rel.startsWith("..")) throw new UsageError(t(repoLang, `${p} 不在仓库 ${root} 之内`, `${p} is outside the repository ${root}`));
      return statSync(p).isDirectory() ? { folder: true, path: rel === "" ? "" : `${rel}/` } : { folder: false, path: rel };
    });
    // The whole repository's problems, from the result cache when nothing changed since;
    // and the very output asked for, so a warm run renders nothing (no messages, no formatter).
    const cache = changedOnly ? undefined : await resultCacheFor(io, root);
    const purpose = ["check", repoLang, day, [...new Set(opts.disable)].sort()];
    const outputPurpose = ["check-output", ...purpose.slice(1), opts.format, colour, named ?? null];
    // The stamp (taken by the first look below) keeps its walk as a table of files only when an
    // incremental entry is there to compare it with: a warm run with none pays nothing for it.
    cache?.tableWanted(incrementalPurpose(purpose));
    const kept = cache?.get<{ out: string; exit: number }>(outputPurpose);
    if (kept && typeof kept.out === "string") {
      await emit(io, opts.output, kept.out, repoLang);
      return kept.exit;
    }
    let repo: LoadedRepo | undefined;
    // The whole check's problems, with its list of files beside them as text (NUL-separated):
    // decoded only when a folder is named or every file is reported on, so a check of named
    // files does not parse the 8,000 names of a large school.
    const hit = cache?.getWithBytes<{ problems: Problem[] }>(purpose);
    let cacheable = hit !== undefined;
    let whole: { problems: Problem[]; files: () => string[] };
    if (hit) {
      let names: string[] | undefined; // decoded once, when first asked for
      whole = { problems: hit.value.problems, files: () => (names ??= hit.bytes.length === 0 ? [] : hit.bytes.toString("utf8").split("\0")) };
    } else {
      // After a few record or session files changed: the last whole check, with only what they can affect checked again.
      const incremental = cache && (await import("./check-incremental.js"));
      const again = io.incrementalTried ? undefined : incremental?.checkIncrementally(io, cache!, purpose, root, repoLang, day, opts.disable);
      if (incremental) io.incrementalTried = true;
      if (again) {
        cacheable = true;
        const checkedFiles = again.whole.files;
        whole = { problems: again.whole.problems, files: () => checkedFiles };
        cache!.putWithText(purpose, { problems: whole.problems }, checkedFiles.join("\0"));
        again.keep();
      } else {
        // The files' stats before anything is read, for the next run's incremental check.
        const table = incremental?.tableBeforeWhole(io, cache!, purpose, root);
        // Read through the cache's fs: the entry's stamp is taken from this run's own looks at the files.
        const run = (await import("./check-run.js")).checkWhole(cache ? { ...io, readFs: cache.readFs } : io, root, repoLang, day, opts.disable);
        ({ repo, cacheable } = run);
        const checkedFiles = run.whole.files;
        whole = { problems: run.whole.problems, files: () => checkedFiles };
        if (cacheable) cache?.putWithText(purpose, { problems: whole.problems }, checkedFiles.join("\0"));
        if (cacheable && table) incremental!.keepAfterWhole(io, cache!, purpose, root, table, run.repo, run.whole);
      }
    }
    let files: Set<string> | undefined;
    if (named) {
      files = new Set<string>();
      for (const target of named) {
        if (!target.folder) files.add(target.path);
        else for (const f of whole.files()) if (f.startsWith(target.path)) files.add(f);
      }
    }
    if (changedOnly) {
      const changed = (await import("./hook.js")).changedFileSet(repo!, repoLang, opts.base);
      files = changed && files ? new Set([...changed].filter((f) => files!.has(f))) : (changed ?? files);
    }
    problems = sortProblems(files ? whole.problems.filter((p) => files!.has(p.file)) : whole.problems);
    checked = files ? [...files] : whole.files();
    if (cacheable && cache) keep = (kept) => cache.put(outputPurpose, kept);
  }
  const out = await renderProblems(opts.format, problems, { lang: repoLang, colour, files: checked });
  const exit = problems.some((p) => p.severity === "error") ? EXIT.problems : EXIT.ok;
  keep?.({ out, exit });
  await emit(io, opts.output, out, repoLang);
  return exit;
}

/** The output to stdout (no -o, or -o -) or to the file named, written whole. */
async function emit(io: Io, output: string | undefined, out: string, lang: Lang): Promise<void> {
  if (output === undefined || output === "-") {
    io.stdout.write(out);
    return;
  }
  const path = resolve(io.cwd, output);
  const { writeOutputFile } = await import("../repo/write-output.js");
  try {
    writeOutputFile(path, out);
  } catch (e) {
    throw new UsageError(t(lang, `无法写入 ${path}:${(e as Error).message}`, `cannot write ${path}: ${(e as Error).message}`));
  }
}

/** Each format's renderer is loaded only when asked for (the text one brings in chalk and string-width). */
async function renderProblems(format: CheckFormat, problems: Problem[], o: { lang: Lang; colour: boolean; files: string[] }): Promise<string> {
  const fileCount = o.files.length;
  switch (format) {
    case "json": return (await import("../format/problems.js")).formatJson(problems, { fileCount, lang: o.lang });
    case "github": return (await import("../format/problems.js")).formatGithub(problems, o.lang);
    case "sarif": return (await import("../format/problems-ci.js")).formatSarif(problems, { version: await toolVersion(), lang: o.lang });
    case "junit": return (await import("../format/problems-ci.js")).formatJunit(problems, { version: await toolVersion(), files: o.files, lang: o.lang });
    case "codequality": return (await import("../format/problems-ci.js")).formatCodeQuality(problems, o.lang);
    case "text":
      // Nothing to show but the summary line (formatText's whole output then): leave chalk, string-width and the message catalogue unloaded.
      if (problems.length === 0) return `${(await import("../format/summary-line.js")).summaryLine(problems, { lang: o.lang, fileCount })}\n`;
      return (await import("../format/problems-text.js")).formatText(problems, { lang: o.lang, colour: o.colour, fileCount });
  }
}

const toolVersion = async () => (await import("../templates/ci.js")).yanxiuVersion();
