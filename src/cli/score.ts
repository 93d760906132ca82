/** `yanxiu score [dir] [--term T | --year Y | --cycle] [--teacher ID] [--group ID]`: per-teacher and per-group tables. */
import { Option, type Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { DEFAULT_WIDTH, renderScore } from "../format/score-terminal.js";
import { buildGroupTable, buildSchoolRow } from "../reports/group-table.js";
import { buildTeacherTable, filterResult } from "../reports/teacher-table.js";
import { didYouMean } from "../schema/zod-problems.js";
import { scoreDataset } from "../score/evaluate.js";
import { today, UsageError, useColour, type Io } from "./io.js";
import { deliver, emit, FORMATS, outputOption, preflight, signaturesOf, tableOption, type Format } from "./output.js";
import { scoreDoc } from "../reports/score-doc.js";
import { chunked, jsonPieces } from "../format/json-stream.js";
import { openScored } from "./scored-repo.js";
import { countReviews } from "../reports/review-counts.js";

interface ScoreOptions {
  term?: string;
  year?: string;
  cycle?: boolean;
  teacher?: string;
  group?: string;
  json?: boolean;
  wide?: boolean;
  table?: string;
  format?: Format;
  output?: string;
}

export function registerScore(program: Command, io: Io): void {
  program
    .command("score")
    .description("计算学时并按教师、教研组列表 / score teachers against the rules, per teacher and per group")
    .argument("[dir]", "仓库目录(默认当前目录)/ the repository folder (default: here)")
    .option("--term <id>", "某个学期(默认今天所在学期)/ one term (default: the term containing today)")
    .option("--year <id>", "某个学年 / one school year")
    .option("--cycle", "整个培训周期 / the whole multi-year cycle")
    .option("--teacher <id>", "只看一位教师(逐项明细)/ one teacher, item by item")
    .option("--group <id>", "只看一个教研组 / one group")
    .option("--wide", "终端表格显示每一项(不按终端宽度收窄)/ every item in the terminal table, however wide")
    .addOption(new Option("-f, --format <format>", "text(默认)、json(完整计算结果,含明细追踪)、csv、xlsx、markdown、html / text (default), json (the full result, trace included), csv, xlsx, markdown, html").choices([...FORMATS]))
    .addOption(outputOption())
    .addOption(tableOption())
    .option("--json", "同 --format json / same as --format json")
    .action(async function (this: Command, dir: string | undefined, opts: ScoreOptions) {
      const opened = openScored(io, this, dir, opts, { keepSources: false });
      if (!opened) return;
      const { lang, dataset, scheme, period } = opened;
      if (opts.teacher && !dataset.roster.teachers.some((x) => x.id === opts.teacher)) {
        throw new UsageError(unknownId(lang, t(lang, "教师", "teacher"), opts.teacher, dataset.roster.teachers.map((x) => x.id)));
      }
      if (opts.group && !dataset.roster.groups.some((g) => g.id === opts.group)) {
        throw new UsageError(unknownId(lang, t(lang, "教研组", "group"), opts.group, dataset.roster.groups.map((g) => g.id)));
      }
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
        else for (const chunk of chunked(jsonPieces(json))) await writeAndWait(io, chunk);
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
    });
}

/**
 * Write, and when the stream asks for it (a pipe is written asynchronously, so unread output
 * would pile up in memory), wait until it has drained, is closed or has failed.
 */
async function writeAndWait(io: Io, chunk: string): Promise<void> {
  if (io.stdout.write(chunk) !== false) return;
  const stream = io.stdout as Partial<Pick<NodeJS.WritableStream, "once" | "removeListener">>;
  if (typeof stream.once !== "function" || typeof stream.removeListener !== "function") return;
  const events = ["drain", "error", "close"];
  await new Promise<void>((done) => {
    const settle = () => {
      for (const event of events) stream.removeListener!(event, settle);
      done();
    };
    for (const event of events) stream.once!(event, settle);
  });
}

/** COLUMNS when set (as the shell sets it), else the terminal's width, else 120 (pipes, files). */
export function terminalWidth(io: Io): number {
  const fromEnv = Number(io.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const cols = (io.stdout as { columns?: number }).columns;
  return io.stdout.isTTY && cols && cols > 0 ? cols : DEFAULT_WIDTH;
}

export function unknownId(lang: Lang, what: string, id: string, known: string[]): string {
  const guess = didYouMean(id, known);
  return t(lang, `没有${what} ${id}${guess ? `;是不是 ${guess}?` : ""}`, `no ${what} ${id}${guess ? `; did you mean ${guess}?` : ""}`);
}
