/** What explain and summary share with score: open the repo, refuse broken rules, resolve the period. */
import type { Command } from "commander";
import { t, type Lang } from "../i18n.js";
import type { Dataset } from "../model.js";
import { sortProblems } from "../problem.js";
import { formatText } from "../format/problems.js";
import type { Scheme } from "../rules/types.js";
import { resolvePeriod } from "../score/period.js";
import type { Period } from "../score/types.js";
import { EXIT, setExitCode, today, UsageError, useColour, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";
import { periodError } from "./score.js";

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
export function openScored(io: Io, cmd: Command, dir: string | undefined, opts: PeriodOptions): { lang: Lang; dataset: Dataset; scheme: Scheme; period: Period } | undefined {
  const { repo, lang } = openRepo(io, dir, cmd.optsWithGlobals().lang as string | undefined);
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
  return { lang, dataset: repo.dataset, scheme: repo.scheme, period: p.period };
}
