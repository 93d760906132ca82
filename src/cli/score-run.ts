/** The heavy half of `score`: load, score and render. Imported only when the result cache cannot answer. */
import type { Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { renderScore } from "../format/score-terminal.js";
import { buildGroupTable, buildSchoolRow } from "../reports/group-table.js";
import { buildTeacherTable, filterResult } from "../reports/teacher-table.js";
import { scoreDataset } from "../score/evaluate.js";
import { today, UsageError, useColour, type Io } from "./io.js";
import { deliver, emit, preflight, signaturesOf } from "./output.js";
import { scoreDoc } from "../reports/score-doc.js";
import { chunkedBytes, jsonPieces } from "../format/json-stream.js";
import { openScored } from "./scored-repo.js";
import type { ScoreOptions } from "./score.js";
import { terminalWidth, writeAndWait } from "./score-warm.js";
import { groupArg, teacherArg } from "./roster-args.js";
import { countReviews } from "../reports/review-counts.js";

export async function scoreCommand(io: Io, cmd: Command, dir: string | undefined, opts: ScoreOptions): Promise<void> {
  const opened = openScored(io, cmd, dir, opts, { validSources: "none" });
  if (!opened) return;
  const { lang, dataset, scheme, period } = opened;
  // Names work as well as ids (score --teacher 李娜, --group 语文教研组); the filters take ids.
  opts = {
    ...opts,
    ...(opts.teacher ? { teacher: teacherArg(dataset.roster, opts.teacher, lang, "--teacher").id } : {}),
    ...(opts.group ? { group: groupArg(dataset.roster, opts.group, lang).id } : {}),
  };
  const format = opts.json ? "json" : preflight(io, lang, opts);
  // Only the JSON carries the trace; the tables need the totals alone.
  const filter = { teacher: opts.teacher, group: opts.group };
  const groupsOf = new Map(dataset.roster.teachers.map((x) => [x.id, x.groups]));
  // --teacher / --group mean the same in every format, the JSON included.
  const result = filterResult(scoreDataset(dataset, scheme, period, { trace: format === "json" }), filter, (id) => groupsOf.get(id) ?? []);
  const reviews = countReviews(dataset, scheme, period);
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
