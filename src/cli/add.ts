/**
 * `yanxiu add`: record one activity (or one group session) safely. The item is checked as
 * `check` would check it, merged into the file without touching a byte of what is there,
 * and written through updateFile (src/repo/update.ts): under a per-file lock, atomically, and
 * never over an edit saved since the file was read. Bad input never changes a file.
 */
import { existsSync, writeFileSync } from "node:fs";
import type { Writable } from "node:stream";
import { Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { sortProblems, type Problem } from "../problem.js";
import type { AttendanceStatus, Roster, Teacher } from "../model.js";
import { formatText } from "../format/problems-text.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { updateFile } from "../repo/update.js";
import { isFileProblem, updateMessage } from "../repo/update-message.js";
import { runChecks } from "../checks/index.js";
import { itemText } from "../add/merge.js";
import { attendanceFromLists, type AttendanceLists } from "../add/record.js";
import { standingLines } from "../add/standing.js";
import { askableFields, askRecord, askSession, confirmWrite, fieldLabel, membersOf, type Answers, type PromptContext } from "../add/prompts.js";
import { readField, type FieldContext } from "../add/fields.js";
import { missingFields, planAdd, VALUE_FIELDS, type Plan } from "../add/plan.js";
import { addTo, refusalMessage, type Written } from "../add/write.js";
import { fieldsToReask } from "../add/reask.js";
import { creditLines, earnsNothing, previewCredit, type CreditPreview } from "../add/credit.js";
import { EXIT, setExitCode, today, UsageError, useColour, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";
import { teacherListArg } from "./roster-args.js";
import { gitCommit, insideGit, teacherFromGit } from "./add-git.js";

interface AddOptions {
  teacher?: string; kind?: string; date?: string; title?: string;
  level?: string; award?: string; role?: string; stage?: string;
  hours?: string; count?: string; words?: string; score?: string;
  evidence: string[]; ref?: string; notes?: string;
  group?: string; lead?: string; present?: string; absent?: string; excused?: string; late?: string; leftEarly?: string;
  dryRun?: boolean; commit?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/**
 * Test seam: with this set to a path, add writes its pid there once the temporary file is
 * flushed (before the final check and the rename) and waits until the file is deleted (30 s at
 * most), so a test can kill it there or save the file "from an editor" meanwhile.
 */
const PAUSE_ENV = "YANXIU_TEST_PAUSE_BEFORE_RENAME";

export function registerAdd(program: Command, io: Io): void {
  program
    .command("add")
    .description("记录一项研修活动或一次教研组活动 / record an activity, or a group session with attendance")
    .argument("[dir]", "仓库目录 / the repository folder")
    .option("--teacher <id>", "教师编号(或姓名) / teacher id (or name)")
    .option("--kind <kind>", "活动类型 / kind of activity")
    .option("--date <date>", "日期:2026-11-12、2026/11/12、2026年11月12日 或 11月12日 / date, as 2026-11-12, 2026/11/12, 2026年11月12日 or 11-12")
    .option("--title <title>", "标题 / title")
    .option("--level <level>", "级别 / level")
    .option("--award <award>", "等次 / award")
    .option("--role <role>", "角色 / role in the activity")
    .option("--stage <stage>", "课题阶段 / project stage")
    .option("--hours <n>", "学时 / hours")
    .option("--count <n>", "数量(听课节数等) / how many (lessons observed…)")
    .option("--words <n>", "字数 / length in characters")
    .option("--score <n>", "评定分 / assessed mark")
    .option("--evidence <path>", "证明材料(可重复) / evidence (repeatable)", collect, [])
    .option("--ref <ref>", "同一课题/课例的编号 / names one project or lesson across records")
    .option("--notes <notes>", "备注 / notes")
    .option("--group <group>", "记录教研组活动(组的编号或名称)/ record a session of this group (id or name)")
    .option("--lead <id>", "主备/主讲(编号或姓名)/ who leads the session (id or name)")
    .option("--present <ids>", "出勤(编号或姓名,用逗号或顿号分隔;省略时未列出的组员均为出勤) / present (ids or names, comma-separated; when omitted, members not listed are present)")
    .option("--absent <ids>", "缺席 / absent")
    .option("--excused <ids>", "请假 / excused")
    .option("--late <ids>", "迟到 / late")
    .option("--left-early <ids>", "早退 / left early")
    .option("--dry-run", "只显示将写入的内容 / show what would be written, write nothing")
    .option("--commit", "写入后用 git 提交这个文件 / commit the file with git afterwards")
    .action(async function (this: Command, dir: string | undefined, opts: AddOptions) {
      setExitCode(this, await runAdd(io, dir, opts, this.optsWithGlobals().lang as string | undefined));
    });
}

async function runAdd(io: Io, dir: string | undefined, opts: AddOptions, langFlag: string | undefined): Promise<number> {
  const { repo, lang } = openRepo(io, dir, langFlag);
  const day = today(io.env);
  const dataset = repo.dataset;
  if (!dataset) {
    io.stdout.write(formatText(sortProblems(runChecks(repo, { today: day })), { lang, colour: useColour(io) }));
    io.stderr.write(t(lang, "yanxiu: 配置或名册有误,先修正再记录\n", "yanxiu: fix the config or roster before recording\n"));
    return EXIT.problems;
  }
  const interactive = Boolean(io.stdin?.isTTY);
  const streams = { input: io.stdin!, output: io.stdout as unknown as Writable };
  const promptCtx: PromptContext = { dataset, scheme: repo.scheme, lang, today: day, defaultTeacher: interactive ? teacherFromGit(repo.root, dataset.roster.teachers, io) : undefined };
  const fieldCtx = { roster: dataset.roster, scheme: repo.scheme, today: day, lang };
  const session = opts.group !== undefined;
  let answers = readFlags(io, answersFromFlags(opts), fieldCtx, interactive);

  let attendance: Record<string, AttendanceStatus> | undefined;
  if (session) {
    const lists = attendanceLists(opts, dataset.roster, lang);
    const anyList = Object.values(lists).some((l) => l !== undefined);
    const missing = missingFields(answers, ["group", "kind", "date", "title"], repo.scheme);
    if (missing.length > 0 || (!anyList && interactive)) {
      if (!interactive) throw missingError(missing, lang);
      const r = await askSession(answers, anyList ? attendanceFor(dataset, answers.group!, lists, lang).attendance : undefined, promptCtx, streams);
      answers = r.answers;
      attendance = r.attendance;
    }
    attendance ??= attendanceFor(dataset, answers.group!, lists, lang).attendance;
  } else {
    const missing = missingFields(answers, ["teacher", "kind", "date", "title"], repo.scheme);
    if (missing.length > 0) {
      if (!interactive) throw missingError(missing, lang);
      answers = await askRecord(answers, promptCtx, streams);
    }
  }

  if (opts.commit && !opts.dryRun && !insideGit(repo.root, io)) {
    throw new UsageError(t(lang, `--commit 需要 git 仓库,但 ${repo.root} 不在 git 仓库中`, `--commit needs a git repository, but ${repo.root} is not in one`));
  }

  // Until the record passes: a field that is wrong is asked again (at a terminal), keeping every other answer.
  for (;;) {
    const reask = async (fields: string[]) => {
      const previous = Object.fromEntries(fields.map((f) => [f, answers[f]]));
      for (const f of fields) delete answers[f];
      const again = { ...promptCtx, previous };
      answers = session ? (await askSession(answers, attendance, again, streams)).answers : await askRecord(answers, again, streams);
    };
    const planned = planAdd(repo, answers, attendance, day);
    if (!planned.ok) {
      if (!interactive) return refuse(io, lang, planned.problem);
      showProblems(io, lang, [planned.problem]);
      await reask([planned.field]);
      continue;
    }
    const { plan } = planned;
    // At a terminal the teacher sees the record and what it earns first, and says whether to write it.
    const confirm = interactive && !opts.dryRun;
    let shown: CreditPreview | undefined;
    if (confirm) {
      const preview = writeItem(io, repo, lang, day, plan, true, interactive);
      if (preview.reask) {
        await reask(preview.reask);
        continue;
      }
      if (!preview.written) return preview.code;
      showProblems(io, lang, preview.written.introduced);
      shown = creditOf(repo, preview.written.after, plan);
      io.stdout.write(t(lang, `将写入 ${plan.file}:\n`, `to be written to ${plan.file}:\n`) + itemText(plan.item) + creditLines(shown, lang).join("\n") + "\n");
      if (!(await confirmWrite(lang, streams))) {
        io.stderr.write(t(lang, "yanxiu: 已取消,未写入\n", "yanxiu: cancelled, nothing was written\n"));
        return EXIT.problems;
      }
    }
    const outcome = writeItem(io, repo, lang, day, plan, Boolean(opts.dryRun), interactive);
    if (outcome.reask) {
      await reask(outcome.reask);
      continue;
    }
    if (!outcome.written) return outcome.code;
    if (!confirm) {
      showProblems(io, lang, outcome.written.introduced);
      const credit = creditOf(repo, outcome.written.after, plan);
      if (credit && earnsNothing(credit)) io.stderr.write(`yanxiu: ${creditLines(credit, lang).at(-1)}\n`);
    }
    if (opts.dryRun) {
      io.stdout.write(t(lang, `(试运行,未写入)将在 ${plan.file} 中添加:\n`, `(dry run, nothing written) would add to ${plan.file}:\n`) + itemText(plan.item));
      return EXIT.ok;
    }
    return finish(io, repo, lang, plan, answers, outcome.written.after, Boolean(opts.commit), confirm);
  }
}

/** After the write: what was written, the commit if asked for, and how the teacher's term stands. */
function finish(io: Io, repo: LoadedRepo, lang: Lang, plan: Plan, answers: Answers, after: LoadedRepo, commit: boolean, confirmed: boolean): number {
  io.stdout.write(confirmed ? t(lang, `已写入 ${plan.file}\n`, `written to ${plan.file}\n`) : t(lang, `已写入 ${plan.file}:\n`, `written to ${plan.file}:\n`) + itemText(plan.item));
  if (commit) {
    const subject = `${plan.target.listKey}: ${plan.target.owner} ${answers.title!.trim()} ${answers.date}`;
    const err = gitCommit(repo.root, plan.file, subject, io);
    if (err) {
      io.stderr.write(t(lang, `yanxiu: 记录已写入,但 git 提交失败:${err}\n`, `yanxiu: the record is written, but the git commit failed: ${err}\n`));
      return EXIT.failure;
    }
    io.stdout.write(t(lang, `已提交:${subject}\n`, `committed: ${subject}\n`));
  }
  if (after.dataset && plan.owner) io.stdout.write(standingLines(after.dataset, after.scheme, plan.owner.id, plan.term, lang).join("\n") + "\n");
  return EXIT.ok;
}

/** What the record earns, from the scoring core: the teachers' term totals without and with it. */
function creditOf(before: LoadedRepo, after: LoadedRepo, plan: Plan) {
  if (!before.dataset || !after.dataset) return undefined;
  const indexes = after.dataset.activities.filter((a) => a.origin.file === plan.file).map((a) => a.origin.index);
  if (indexes.length === 0) return undefined;
  // A partial scheme (a rule file with errors) is skipped by previewCredit, as by score.
  return previewCredit(before.dataset, after.dataset, after.scheme, { file: plan.file, index: Math.max(...indexes) }, plan.teachers, plan.term);
}

interface Outcome {
  code: number;
  written?: Written;
  /** At a terminal: the fields to ask again, the problems already shown. */
  reask?: string[];
}

/** Merge, validate and write one file through updateFile: under its lock, never over an edit made meanwhile. */
function writeItem(io: Io, repo: LoadedRepo, lang: Lang, day: string, plan: Plan, dryRun: boolean, interactive: boolean): Outcome {
  const { file, target, item } = plan;
  const r = updateFile({ root: repo.root, file, fs: io.fs, dryRun, transform: addTo(repo, lang, day, file, target, item), beforeRename: dryRun ? undefined : pauseSeam(io) });
  if (!r.ok) {
    if (r.reason !== "refused") {
      io.stderr.write(updateMessage(r, file, lang));
      return { code: isFileProblem(r) ? EXIT.problems : EXIT.failure };
    }
    const why = r.refusal;
    if (why.kind === "unparsable") {
      io.stdout.write(formatText(why.problems, { lang, colour: useColour(io) }));
      io.stderr.write(t(lang, `yanxiu: ${file} 无法解析,不会覆盖它;先修正上面的问题\n`, `yanxiu: ${file} does not parse, so it is left alone; fix the problems above first\n`));
    } else if (why.kind === "merge") {
      io.stderr.write(refusalMessage(why.reason, file, target, why.found, lang));
    } else {
      showProblems(io, lang, why.introduced);
      const session = target.listKey === "sessions";
      const fields = interactive
        ? fieldsToReask(why.introduced, file, why.text, itemText(item).replace(/\n$/, "").split("\n").length, askableFields(repo.scheme, String(item.kind), session))
        : undefined;
      if (fields) {
        io.stdout.write(t(lang, `请重新填写:${fields.map((f) => fieldLabel(f, lang)).join("、")}(其他回答都保留)\n`, `please answer again: ${fields.join(", ")} (every other answer is kept)\n`));
        return { code: EXIT.problems, reask: fields };
      }
      io.stderr.write(t(lang, `yanxiu: 记录未写入 ${file}\n`, `yanxiu: nothing was written to ${file}\n`));
    }
    return { code: EXIT.problems };
  }
  if (r.attempts > 1) {
    io.stderr.write(t(lang, `yanxiu: ${file} 在记录期间被修改过;新记录已加入修改后的内容,修改都保留了\n`,
      `yanxiu: ${file} was changed while the record was being added; it was added to the changed content, which is kept\n`));
  }
  return { code: EXIT.ok, written: r.value! };
}

function showProblems(io: Io, lang: Lang, problems: Problem[]): void {
  if (problems.length > 0) io.stdout.write(formatText(sortProblems(problems), { lang, colour: useColour(io) }));
}

function pauseSeam(io: Io): ((tmp: string) => void) | undefined {
  const signal = io.env[PAUSE_ENV];
  if (!signal) return undefined;
  let paused = false;
  return () => {
    if (paused) return; // once: a retry after a save goes straight on
    paused = true;
    writeFileSync(signal, String(process.pid));
    const end = Date.now() + 30_000;
    while (existsSync(signal) && Date.now() < end) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  };
}


function refuse(io: Io, lang: Lang, problem: Problem): number {
  io.stdout.write(formatText([problem], { lang, colour: useColour(io) }));
  return EXIT.problems;
}




function missingError(missing: string[], lang: Lang): UsageError {
  const flags = missing.map((f) => `--${f === "leftEarly" ? "left-early" : f}`);
  return new UsageError(t(lang, `缺少参数 ${flags.join("、")}(在终端中运行可逐项填写)`, `missing ${flags.join(", ")} (run it in a terminal to be asked for them)`));
}

/** The flags as answers; evidence paths one per line. */
function answersFromFlags(opts: AddOptions): Answers {
  const a: Answers = { teacher: opts.teacher, kind: opts.kind, date: opts.date, title: opts.title, group: opts.group, lead: opts.lead };
  for (const f of VALUE_FIELDS) a[f] = opts[f];
  a.evidence = opts.evidence.length > 0 ? opts.evidence.join("\n") : undefined;
  return a;
}

/**
 * Each flag read as the prompt would read it (names → ids, 2026/11/12 → 2026-11-12, １２ → 12). A wrong
 * one is a usage error, or at a terminal is said and then asked for.
 */
function readFlags(io: Io, answers: Answers, ctx: FieldContext, interactive: boolean): Answers {
  const out = { ...answers };
  for (const field of ["teacher", "group", "lead", "kind", "date", "hours", "count", "words", "score"]) {
    const text = out[field];
    if (text === undefined || text.trim() === "") continue;
    const r = readField(field, text, ctx, `--${field}`);
    if (r.ok) {
      out[field] = r.value;
      continue;
    }
    if (!interactive) throw new UsageError(r.message);
    io.stdout.write(`yanxiu: ${r.message}\n`);
    delete out[field];
  }
  return out;
}

/** --present/--absent/--excused/--late/--left-early: ids or names, split on commas, 、 or spaces. */
function attendanceLists(opts: AddOptions, roster: Roster, lang: Lang): AttendanceLists {
  const list = (text: string | undefined, flag: string) => (text === undefined ? undefined : teacherListArg(roster, text, lang, flag).map((x) => x.id));
  return {
    present: list(opts.present, "--present"), absent: list(opts.absent, "--absent"), excused: list(opts.excused, "--excused"),
    late: list(opts.late, "--late"), leftEarly: list(opts.leftEarly, "--left-early"),
  };
}

function attendanceFor(dataset: NonNullable<LoadedRepo["dataset"]>, group: string, lists: Parameters<typeof attendanceFromLists>[1], lang: Lang) {
  const r = attendanceFromLists(membersOf(dataset, group).map((m) => m.id), lists);
  if (r.twice.length > 0) {
    throw new UsageError(t(lang, `考勤中 ${r.twice.join("、")} 被列了两种状态`, `${r.twice.join(", ")} appear under two attendance statuses`));
  }
  return r;
}




