/**
 * The two ways of `check` that read the repository afresh every time, so never from the result cache:
 * `check - --stdin-filename PATH` (an editor's unsaved text checked as that file) and `check --fix`.
 */
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { t, type Lang } from "../i18n.js";
import { sortProblems, type Problem } from "../problem.js";
import { runChecks } from "../checks/index.js";
import { closedBaselinesOf } from "../git/closed-baseline.js";
import { findRepoRoot, toRepoPath } from "../repo/layout.js";
import { pickLang, today, UsageError, type Io } from "./io.js";
import { openRepo, peekConfigLang, requireRepoRoot } from "./repo-arg.js";
import { applyFixPass, applyMoves, moveLine, plannedFixes, plannedMoves } from "./check-fix.js";
import type { WriteFs } from "../repo/fs.js";
import { changedFileSet } from "./hook.js";
import type { CheckOptions } from "./check.js";

export interface StdinTarget {
  abs: string;
  text: string;
}

/** `yanxiu check - --stdin-filename records/…/t01.yaml`: the text an editor holds, checked as that file. */
export async function stdinTarget(io: Io, paths: string[], opts: CheckOptions, lang: Lang): Promise<StdinTarget> {
  if (paths.length !== 1) throw new UsageError(t(lang, "- (标准输入)不能与其他路径同用", "- (stdin) cannot be given with other paths"));
  if (!opts.stdinFilename) throw new UsageError(t(lang, "从标准输入检查时要用 --stdin-filename 说明这是仓库中的哪个文件", "checking stdin needs --stdin-filename to say which file of the repository it is"));
  if (!io.stdin) throw new UsageError(t(lang, "没有标准输入", "there is no standard input"));
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return { abs: resolve(io.cwd, opts.stdinFilename), text: Buffer.concat(chunks).toString("utf8") };
}

export function checkOnce(io: Io, start: string, targets: string[], langFlag: string | undefined, opts: CheckOptions, stdin?: StdinTarget) {
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
    runChecks(repo, { today: today(io.env), disabled: new Set(opts.disable), files, closed: closedBaselinesOf(repo, today(io.env)) }),
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
/** Then the files that belong elsewhere are moved (each once its text fixes are made). */
export function fixAll(root: string, first: { problems: Problem[]; texts: Map<string, string> }, run: () => { problems: Problem[]; texts: Map<string, string> }, o: { dryRun: boolean; lang: Lang; fs?: WriteFs }) {
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
  const moves = applyMoves(root, plannedMoves(problems, { withEdits: o.dryRun }).filter((m) => !skipped.has(m.from)), { ...o, checkedText: texts });
  moves.skipped.forEach((s) => skipped.set(s.file, s.reason));
  const moved = moves.moved.length;
  if (moved > 0) diff += moves.moved.map((m) => `${moveLine(m)}\n`).join("");
  const lines = [
    ...(fixes === 0 && moved > 0 ? [] : [o.dryRun
      ? t(o.lang, `--fix --dry-run:将在 ${files.size} 个文件中做 ${fixes} 处修复(未写入)`, `--fix --dry-run: would make ${fixes} fix${fixes === 1 ? "" : "es"} in ${files.size} file${files.size === 1 ? "" : "s"} (nothing written)`)
      : t(o.lang, `--fix:在 ${files.size} 个文件中做了 ${fixes} 处修复`, `--fix: made ${fixes} fix${fixes === 1 ? "" : "es"} in ${files.size} file${files.size === 1 ? "" : "s"}`)]),
    ...(moved === 0
      ? []
      : [o.dryRun
        ? t(o.lang, `--fix --dry-run:将移动 ${moved} 个文件(未移动)`, `--fix --dry-run: would move ${moved} file${moved === 1 ? "" : "s"} (nothing moved)`)
        : t(o.lang, `--fix:移动了 ${moved} 个文件:${moves.moved.map(moveLine).join(";")}`, `--fix: moved ${moved} file${moved === 1 ? "" : "s"}: ${moves.moved.map(moveLine).join("; ")}`)]),
    ...[...skipped].map(([file, reason]) => t(o.lang, `未修复 ${file}:${reason}`, `not fixed: ${file}: ${reason}`)),
  ];
  return { text: lines.join("\n") + "\n", diff, files: files.size + moved };
}
