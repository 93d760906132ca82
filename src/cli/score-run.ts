/** The heavy half of `score`: load, score and render. Imported only when the result cache cannot answer. */
import type { Command } from "commander";
import type { Lang } from "../i18n.js";
import type { Dataset, Roster } from "../model.js";
import { renderScore } from "../format/score-terminal.js";
import { buildGroupTable, buildSchoolRow } from "../reports/group-table.js";
import { buildTeacherTable, filterResult } from "../reports/teacher-table.js";
import { assembleResult, scoreTeachers, type TeacherOutcome } from "../score/evaluate.js";
import type { Period, ScoreResult } from "../score/types.js";
import type { Scheme } from "../rules/types.js";
import { today, useColour, type Io } from "./io.js";
import { deliver, emit, preflight, type Format } from "./output.js";
import { signaturesOf } from "../reports/signatures.js";
import { scoreDoc } from "../reports/score-doc.js";
import { chunkedBytes, jsonPieces } from "../format/json-stream.js";
import { openScored } from "./scored-repo.js";
import type { ScoreOptions } from "./score.js";
import { terminalWidth, writeAndWait } from "./score-warm.js";
import { groupArg, teacherArg } from "./roster-args.js";
import { countReviews, type ReviewCounts } from "../reports/review-counts.js";
import type { LoadedRepo } from "../pipeline/load.js";

/** Everything score's output is made from: the whole school's result and what the filters and formats need. */
export interface ScoreReport {
  lang: Lang;
  format: Format;
  /** The options, --teacher and --group resolved to ids. */
  opts: ScoreOptions;
  dataset: Pick<Dataset, "config" | "roster">;
  /** Every teacher's, before --teacher / --group. */
  result: ScoreResult;
  reviews: ReviewCounts | undefined;
}

/** A whole score's report, with what the next run's incremental score starts from (src/cli/score-incremental.ts). */
export interface WholeScore {
  report: ScoreReport;
  repo: LoadedRepo;
  scheme: Scheme;
  period: Period;
  outcomes: TeacherOutcome[];
}

export async function scoreCommand(io: Io, cmd: Command, dir: string | undefined, opts: ScoreOptions): Promise<WholeScore | undefined> {
  const opened = openScored(io, cmd, dir, opts, { validSources: "none" });
  if (!opened) return undefined;
  const { lang, dataset, scheme, period, repo } = opened;
  const resolved = resolveFilters(dataset.roster, opts, lang);
  const format = formatOf(io, lang, resolved);
  // Only the JSON carries the trace; the tables need the totals alone.
  const outcomes = scoreTeachers(dataset, scheme, period, { trace: format === "json" });
  const report: ScoreReport = { lang, format, opts: resolved, dataset, result: assembleResult(dataset, scheme, period, outcomes), reviews: countReviews(dataset, scheme, period) };
  await writeScore(io, report);
  return { report, repo, scheme, period, outcomes };
}

/** Names work as well as ids (score --teacher 李娜, --group 语文教研组); the filters take ids. */
export function resolveFilters(roster: Roster, opts: ScoreOptions, lang: Lang): ScoreOptions {
  return {
    ...opts,
    ...(opts.teacher ? { teacher: teacherArg(roster, opts.teacher, lang, "--teacher").id } : {}),
    ...(opts.group ? { group: groupArg(roster, opts.group, lang).id } : {}),
  };
}

export function formatOf(io: Io, lang: Lang, opts: ScoreOptions): Format {
  return opts.json ? "json" : preflight(io, lang, opts);
}

/** The report in its format, to stdout or -o. */
export async function writeScore(io: Io, report: ScoreReport): Promise<void> {
  const { lang, format, opts, dataset, reviews } = report;
  const filter = { teacher: opts.teacher, group: opts.group };
  const groupsOf = new Map(dataset.roster.teachers.map((x) => [x.id, x.groups]));
  // --teacher / --group mean the same in every format, the JSON included.
  const result = filterResult(report.result, filter, (id) => groupsOf.get(id) ?? []);
  if (format === "json") {
    // The engine's result, plus the 待审核 / 退回 counts of the teachers shown.
    const review = reviews && { approvedOnly: reviews.approvedOnly, teachers: Object.fromEntries(result.teachers.map((x) => [x.teacher, reviews.byTeacher.get(x.teacher) ?? { pending: 0, returned: 0 }])) };
    const json = { ...result, ...(review ? { review } : {}) } as unknown as Record<string, unknown>;
    if (opts.output) deliver(io, lang, [...jsonPieces(json)].join(""), opts);
    // To stdout piece by piece: at a million records the text alone is hundreds of MB.
    // Encoded as it is made, in chunks of whole characters (a writer of strings may take them too).
    else for (const chunk of chunkedBytes(jsonPieces(json))) await writeAndWait(io, chunk);
    return;
  }
  const tt = buildTeacherTable(result, lang, filter, dataset.config.school, reviews);
  const groups = opts.teacher ? [] : buildGroupTable(result, dataset.roster.groups, lang, filter, reviews);
  const school = opts.teacher || opts.group ? undefined : buildSchoolRow(result, lang, {}, reviews);
  if (format === "text") {
    const text = renderScore(tt, groups, {
      lang,
      colour: !opts.output && useColour(io),
      detail: Boolean(opts.teacher),
      wide: Boolean(opts.wide),
      width: terminalWidth(io),
      groups: dataset.roster.groups,
    }, school);
    deliver(io, lang, text, opts);
    return;
  }
  await emit(io, lang, { ...scoreDoc(tt, groups, new Map(dataset.roster.groups.map((g) => [g.id, g.name])), lang, school), made: today(io.env), signatures: signaturesOf(dataset.config, lang) }, { ...opts, format });
}
