/** `yanxiu summary [dir] [--term T | --year Y | --cycle]`: the school summary the office hands on. */
import type { Command } from "commander";
import { buildSummaryData, summaryDoc, totalMinimum } from "../reports/summary.js";
import { scoreWithProgress } from "../reports/score-all.js";
import { countReviews } from "../reports/review-counts.js";
import { filterResult } from "../reports/teacher-table.js";
import { today, type Io } from "./io.js";
import { groupArg, teacherArg } from "./roster-args.js";
import { addOutputOptions, emit, preflight, type OutputOptions } from "./output.js";
import { signaturesOf } from "../reports/signatures.js";
import { startProgress } from "./progress.js";
import { addPeriodOptions, openScored, type PeriodOptions } from "./scored-repo.js";

export function registerSummary(program: Command, io: Io): void {
  const cmd = program
    .command("summary")
    .description("全校汇总:各组人均学时、达标率、学时分段、周期进度 / school summary: groups, 达标率, hour bands, cycle progress")
    .argument("[dir]", "仓库目录(默认当前目录)/ the repository folder (default: here)")
    .option("--teacher <id>", "只汇总一位教师(编号或姓名)/ one teacher only (id or name)")
    .option("--group <id>", "只汇总一个教研组(编号或名称)/ one group only (id or name)");
  addOutputOptions(addPeriodOptions(cmd)).action(async function (this: Command, dir: string | undefined, opts: PeriodOptions & OutputOptions & { teacher?: string; group?: string }) {
    const opened = openScored(io, this, dir, opts);
    if (!opened) return;
    const { lang, dataset, scheme, period } = opened;
    // Names as well as ids (src/input/names.ts), as in score.
    const teacher = opts.teacher ? teacherArg(dataset.roster, opts.teacher, lang, "--teacher") : undefined;
    const group = opts.group ? groupArg(dataset.roster, opts.group, lang) : undefined;
    // --teacher / --group mean what they mean for score, in every format (JSON included).
    const filter = teacher || group
      ? { teacher: teacher?.id, group: group?.id, label: [group?.name, teacher ? `${teacher.name}(${teacher.id})` : undefined].filter(Boolean).join(" · ") }
      : undefined;
    const groupsOf = new Map(dataset.roster.teachers.map((x) => [x.id, x.groups]));
    const only = (r: ReturnType<typeof scoreWithProgress>) => (filter ? filterResult(r, filter, (id) => groupsOf.get(id) ?? []) : r);
    preflight(io, lang, opts);
    const c = dataset.config.cycle;
    const cyclePeriod = c && period.type !== "cycle" ? { type: "cycle" as const, id: c.id, start: c.start, end: c.end } : undefined;
    const n = dataset.roster.teachers.length;
    const progress = startProgress(io, lang, { zh: "正在计算", en: "scoring" });
    const total = cyclePeriod ? 2 * n : n;
    const result = only(scoreWithProgress(dataset, scheme, period, (d) => progress.update(d, total)));
    const cycleResult = cyclePeriod ? only(scoreWithProgress(dataset, scheme, cyclePeriod, (d) => progress.update(n + d, total))) : period.type === "cycle" ? result : undefined;
    progress.done();
    const reviews = countReviews(dataset, scheme, period);
    const data = buildSummaryData({ result, dataset, lang, ...(cycleResult ? { cycleResult } : {}), today: today(io.env), ...(reviews ? { reviews } : {}), ...(filter ? { filter } : {}) });
    await emit(io, lang, { ...summaryDoc(data, result, lang, totalMinimum(scheme, result)), made: today(io.env), signatures: signaturesOf(dataset.config, lang) }, opts);
  });
}
