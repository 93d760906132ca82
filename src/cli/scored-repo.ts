/** What explain and summary share with score: open the repo, refuse broken rules, resolve the period. */
import type { Command } from "commander";
import { t, type Lang } from "../i18n.js";
import type { Dataset } from "../model.js";
import { sortProblems } from "../problem.js";
import { formatText } from "../format/problems-text.js";
import type { Scheme } from "../rules/types.js";
import { resolvePeriod, type PeriodResult } from "../score/period.js";
import type { Period } from "../score/types.js";
import { EXIT, setExitCode, today, UsageError, useColour, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";
import type { LoadedRepo, LoadOptions } from "../pipeline/load.js";
import { didYouMean } from "../did-you-mean.js";

export interface PeriodOptions {
  term?: string;
  year?: string;
  cycle?: boolean;
}

export function addPeriodOptions(cmd: Command): Command {
  return cmd
    .option("--term <id>", "某个学期(默认今天所在学期)/ one term (default: the term containing today)")
    .option("--year <id>", "某个学年 / one school year")
    .option("--cycle", "整个培训周期 / the whole multi-year cycle");
}

/** The loaded repo ready to score, or undefined after reporting rule errors (exit 1). */
export function openScored(
  io: Io,
  cmd: Command,
  dir: string | undefined,
  opts: PeriodOptions,
  load: LoadOptions = {},
): { lang: Lang; dataset: Dataset; scheme: Scheme; period: Period; repo: LoadedRepo } | undefined {
  const { repo, lang } = openRepo(io, dir, cmd.optsWithGlobals().lang as string | undefined, load);
  const ruleProblems = sortProblems([...repo.problems, ...repo.files.filter((f) => f.kind === "rules").flatMap((f) => f.problems)]);
  if (ruleProblems.some((p) => p.severity === "error")) {
    io.stderr.write(formatText(ruleProblems, { lang, colour: useColour(io), fileCount: repo.files.length }));
    io.stderr.write(t(lang, "规则有错误,无法计算学时。\n", "The rules have errors, so nothing can be scored.\n"));
    setExitCode(cmd, EXIT.problems);
    return undefined;
  }
  if (!repo.dataset || !repo.scheme) {
    throw new UsageError(t(lang, "配置或名册无法读取,先运行 yanxiu check 看看问题在哪", "the config or roster cannot be read: run 'yanxiu check' to see why"));
  }
  if ([opts.term, opts.year, opts.cycle].filter(Boolean).length > 1) {
    throw new UsageError(t(lang, "--term、--year 和 --cycle 只能选一个", "use only one of --term, --year and --cycle"));
  }
  const p = resolvePeriod(repo.dataset.config, { term: opts.term, year: opts.year, cycle: opts.cycle, today: today(io.env) });
  if ("error" in p) throw new UsageError(periodError(p, lang));
  const warning = unscoredWarning(repo, repo.scheme, lang);
  if (warning) io.stderr.write(warning);
  return { lang, dataset: repo.dataset, scheme: repo.scheme, period: p.period, repo };
}

/**
 * Reports leave out records that do not pass check; say so, so that nobody hands on an
 * incomplete report without knowing. (A report still runs: the office may need it today.)
 */
export function unscoredWarning(repo: LoadedRepo, scheme: Scheme, lang: Lang): string | undefined {
  const brokenFiles = repo.files.filter(isBrokenActivityFile).length;
  return unscoredNote(brokenFiles, unknownKindEntries(repo.dataset?.activities ?? [], scheme), lang);
}

/** A record or session file with an error: its records in error are not scored. */
export function isBrokenActivityFile(f: LoadedRepo["files"][number]): boolean {
  return (f.kind === "records" || f.kind === "sessions") && f.problems.some((p) => p.severity === "error");
}

/** How many entries (a record, a session) of these activities have a kind the rules do not define. */
export function unknownKindEntries(activities: LoadedRepo["partialActivities"], scheme: Scheme): number {
  return new Set(activities.filter((a) => !scheme.kinds.has(a.kind)).map((a) => `${a.origin.file}#${a.origin.index}`)).size;
}

/** The note for so many broken files and records of unknown kinds (none when both are 0). */
export function unscoredNote(brokenFiles: number, unknownKinds: number, lang: Lang): string | undefined {
  if (brokenFiles === 0 && unknownKinds === 0) return undefined;
  const parts = [
    ...(brokenFiles ? [t(lang, `${brokenFiles} 个记录文件有错误,其中有错的记录未计入`, `${brokenFiles} record file(s) have errors; the records in error are not counted`)] : []),
    ...(unknownKinds ? [t(lang, `${unknownKinds} 条记录的活动类型规则中没有定义,未计入`, `${unknownKinds} record(s) have a kind the rules do not define and are not counted`)] : []),
  ];
  return t(lang, `注意:${parts.join(";")}。运行 yanxiu check 查看并修正。\n`, `Note: ${parts.join("; ")}. Run 'yanxiu check' to see and fix them.\n`);
}

export function periodError(p: Extract<PeriodResult, { error: string }>, lang: Lang): string {
  const known = p.known?.length ? t(lang, `;已配置:${p.known.join("、")}`, `; configured: ${p.known.join(", ")}`) : "";
  const guess = p.id && p.known ? didYouMean(p.id, p.known) : undefined;
  const hint = guess ? t(lang, `;是不是 ${guess}?`, `; did you mean ${guess}?`) : "";
  switch (p.error) {
    case "unknown-term":
      return t(lang, `配置里没有学期 ${p.id}${hint}${known}`, `no term ${p.id} in the config${hint}${known}`);
    case "unknown-year":
      return t(lang, `配置里没有学年 ${p.id}${hint}${known}`, `no school year ${p.id} in the config${hint}${known}`);
    case "no-cycle":
      return t(lang, "配置里没有培训周期(cycle)", "the config defines no cycle");
    case "no-terms":
      return t(lang, "配置里没有学期", "the config defines no terms");
  }
}

