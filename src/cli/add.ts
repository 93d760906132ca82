/**
 * `yanxiu add`: record one activity (or one group session) safely. The item is checked as
 * `check` would check it, merged into the file without touching a byte of what is there,
 * and written through updateFile (src/repo/update.ts): under a per-file lock, atomically, and
 * never over an edit saved since the file was read. Bad input never changes a file.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { sortProblems, type Problem } from "../problem.js";
import { termOf, type AttendanceStatus, type Teacher } from "../model.js";
import { formatText } from "../format/problems.js";
import { recordFilePath, sessionFilePath } from "../repo/layout.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { parseBytes } from "../repo/read.js";
import { updateFile, type CurrentFile, type TransformOutcome } from "../repo/update.js";
import { isFileProblem, updateMessage } from "../repo/update-message.js";
import { runChecks } from "../checks/index.js";
import { closedTermRefusal } from "../add/closed.js";
import { didYouMean } from "../schema/zod-problems.js";
import { DATE_RE, isRealDate } from "../schema/fields.js";
import { itemText, mergeItem, newFileText, type MergeTarget } from "../add/merge.js";
import { attendanceFromLists, buildRecord, buildSession } from "../add/record.js";
import { validateWrite } from "../add/validate.js";
import { standingLines } from "../add/standing.js";
import { askRecord, askSession, membersOf, type Answers } from "../add/prompts.js";
import { EXIT, setExitCode, today, UsageError, useColour, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";

interface AddOptions {
  teacher?: string; kind?: string; date?: string; title?: string;
  level?: string; award?: string; role?: string; stage?: string;
  hours?: string; count?: string; words?: string; score?: string;
  evidence: string[]; ref?: string; notes?: string;
  group?: string; lead?: string; present?: string; absent?: string; excused?: string; late?: string; leftEarly?: string;
  dryRun?: boolean; commit?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];
const VALUE_FIELDS = ["level", "award", "role", "stage", "hours", "count", "words", "score", "ref", "notes"] as const;

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
    .option("--date <date>", "日期 YYYY-MM-DD / date")
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
    .option("--group <group>", "记录教研组活动 / record a session of this group")
    .option("--lead <id>", "主备/主讲 / who leads the session")
    .option("--present <ids>", "出勤(逗号分隔;省略时未列出的组员均为出勤) / present (comma-separated; when omitted, members not listed are present)")
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
    io.stdout.write(formatText(sortProblems(runChecks(repo, { lang, today: day })), { lang, colour: useColour(io) }));
    io.stderr.write(t(lang, "yanxiu: 配置或名册有误,先修正再记录\n", "yanxiu: fix the config or roster before recording\n"));
    return EXIT.problems;
  }
  const interactive = Boolean(io.stdin?.isTTY);
  const streams = { input: io.stdin!, output: io.stdout as unknown as Writable };
  const promptCtx = { dataset, scheme: repo.scheme, lang, today: day, defaultTeacher: interactive ? teacherFromGit(repo.root, dataset.roster.teachers, io) : undefined };
  let answers: Answers = { ...opts, evidence: opts.evidence.length > 0 ? opts.evidence.join("\n") : undefined } as unknown as Answers;
  const session = opts.group !== undefined;
  // A kind may be given by its Chinese label (--kind 听课/观课议课) as well as by its id.
  if (answers.kind && repo.scheme && !repo.scheme.kinds.has(answers.kind)) {
    const byLabel = [...repo.scheme.kinds.values()].find((k) => k.label === answers.kind || k.labelEn === answers.kind);
    if (byLabel) answers = { ...answers, kind: byLabel.id };
  }

  let attendance: Record<string, AttendanceStatus> | undefined;
  if (session) {
    const lists = { present: ids(opts.present), absent: ids(opts.absent), excused: ids(opts.excused), late: ids(opts.late), leftEarly: ids(opts.leftEarly) };
    const anyList = Object.values(lists).some((l) => l !== undefined);
    const missing = missingFlags(answers, ["group", "kind", "date", "title"], repo);
    if (missing.length > 0 || (!anyList && interactive)) {
      if (!interactive && missing.length > 0) throw missingError(missing, lang);
      if (interactive) {
        const r = await askSession(answers, anyList ? attendanceFor(dataset, answers.group!, lists, lang).attendance : undefined, promptCtx, streams);
        answers = r.answers;
        attendance = r.attendance;
      }
    }
    if (!dataset.roster.groups.some((g) => g.id === answers.group)) return refuse(io, lang, unknownRef("unknown-group", answers.group!, dataset.roster.groups.map((g) => g.id), lang));
    attendance ??= attendanceFor(dataset, answers.group!, lists, lang).attendance;
  } else {
    const missing = missingFlags(answers, ["teacher", "kind", "date", "title"], repo);
    if (missing.length > 0) {
      if (!interactive) throw missingError(missing, lang);
      answers = await askRecord(answers, promptCtx, streams);
    }
  }

  if (!isRealDate(answers.date!)) {
    throw new UsageError(DATE_RE.test(answers.date!)
      ? t(lang, `日期不存在:${answers.date}(检查月份和日子,比如 2 月没有 30 日)`, `no such date: ${answers.date} (check the month and day: February has no 30th)`)
      : t(lang, `--date 应为 YYYY-MM-DD 格式的日期,而不是「${answers.date}」`, `--date must be a date written YYYY-MM-DD, not '${answers.date}'`));
  }
  const numbers: Record<string, number | undefined> = {};
  for (const f of ["hours", "count", "words", "score"] as const) {
    // Full-width digits (１２) typed with a Chinese input method mean the same number; the file gets 12.
    const v = answers[f] === undefined ? undefined : String(answers[f]).normalize("NFKC");
    if (v === undefined || v === "") continue;
    if (!/^\d+(\.\d+)?$/.test(String(v).trim())) throw new UsageError(t(lang, `--${f} 应为数字,而不是「${v}」`, `--${f} must be a number, not '${v}'`));
    numbers[f] = Number(v);
  }
  const term = termOf(dataset.config, answers.date!);
  if (!term) {
    return refuse(io, lang, {
      check: "date-outside-term", severity: "error", file: dataset.config.file, line: 0, column: 0,
      message: t(lang, `日期 ${answers.date} 不在任何学期之内`, `the date ${answers.date} is not inside any term`),
      hint: t(lang, "检查日期,或在 yanxiu.yaml 中定义这个学期", "check the date, or define that term in yanxiu.yaml"),
    });
  }
  const closed = closedTermRefusal(repo, term.id, day, lang);
  if (closed) return refuse(io, lang, closed);

  const fields = {
    date: answers.date!, kind: answers.kind!, title: answers.title!,
    ...Object.fromEntries(VALUE_FIELDS.map((f) => [f, numbers[f] ?? answers[f]])),
    evidence: answers.evidence?.split("\n"),
  };
  let item: Record<string, unknown>;
  let file: string;
  let target: MergeTarget;
  let owner: Teacher | undefined;
  if (session) {
    const lead = answers.lead ? resolveTeacher(dataset.roster.teachers, answers.lead) : undefined;
    if (answers.lead && !lead) return refuse(io, lang, unknownRef("unknown-teacher", answers.lead, dataset.roster.teachers.map((x) => x.id), lang));
    item = buildSession({ ...fields, lead: lead?.id, attendance: attendance! });
    file = sessionFilePath(term.id, answers.group!);
    const group = dataset.roster.groups.find((g) => g.id === answers.group)!;
    target = { listKey: "sessions", ownerKey: "group", owner: group.id, headerComment: `${group.name} ${term.name} 教研活动` };
  } else {
    owner = resolveTeacher(dataset.roster.teachers, answers.teacher!);
    if (!owner) return refuse(io, lang, unknownRef("unknown-teacher", answers.teacher!, dataset.roster.teachers.map((x) => x.id), lang));
    item = buildRecord(fields);
    file = recordFilePath(term.id, owner.id);
    target = { listKey: "records", ownerKey: "teacher", owner: owner.id, headerComment: `${owner.name}（${owner.id}） ${term.name} 研修记录` };
  }

  if (opts.commit && !opts.dryRun && !insideGit(repo.root, io)) {
    throw new UsageError(t(lang, `--commit 需要 git 仓库,但 ${repo.root} 不在 git 仓库中`, `--commit needs a git repository, but ${repo.root} is not in one`));
  }

  const outcome = writeItem(io, repo, lang, day, file, target, item, Boolean(opts.dryRun));
  if (outcome.code !== EXIT.ok || opts.dryRun) return outcome.code;

  io.stdout.write(t(lang, `已写入 ${file}:\n`, `written to ${file}:\n`) + itemText(item));
  if (opts.commit) {
    const subject = `${target.listKey}: ${target.owner} ${answers.title!.trim()} ${answers.date}`;
    const err = gitCommit(repo.root, file, subject, io);
    if (err) {
      io.stderr.write(t(lang, `yanxiu: 记录已写入,但 git 提交失败:${err}\n`, `yanxiu: the record is written, but the git commit failed: ${err}\n`));
      return EXIT.failure;
    }
    io.stdout.write(t(lang, `已提交:${subject}\n`, `committed: ${subject}\n`));
  }
  const after = outcome.after?.dataset;
  if (after && owner) io.stdout.write(standingLines(after, outcome.after!.scheme, owner.id, term, lang).join("\n") + "\n");
  return EXIT.ok;
}

interface Outcome {
  code: number;
  after?: LoadedRepo;
}

type AddRefusal =
  | { kind: "unparsable"; problems: Problem[] }
  | { kind: "merge"; reason: string; found?: string }
  | { kind: "invalid"; introduced: Problem[] };

interface Written {
  after: LoadedRepo;
  introduced: Problem[];
}

/** The file with the item added, as check would accept it, or why not. Pure but for validateWrite's re-load. */
function addTo(repo: LoadedRepo, lang: Lang, day: string, file: string, target: MergeTarget, item: Record<string, unknown>) {
  return (current: CurrentFile): TransformOutcome<AddRefusal, Written> => {
    let text: string;
    if (current.exists) {
      const parsed = parseBytes(file, current.bytes, lang);
      if (parsed.problems.length > 0) return { refuse: { kind: "unparsable", problems: parsed.problems } };
      const merged = mergeItem(Buffer.from(current.bytes).toString("utf8"), target, item);
      if (!merged.ok) return { refuse: { kind: "merge", reason: merged.reason, found: merged.found } };
      text = merged.text;
    } else {
      text = newFileText(target, item);
    }
    const { after, introduced } = validateWrite(repo, file, text, lang, day);
    if (introduced.some((p) => p.severity === "error")) return { refuse: { kind: "invalid", introduced } };
    return { text, value: { after, introduced } };
  };
}

/** Merge, validate and write one file through updateFile: under its lock, never over an edit made meanwhile. */
function writeItem(io: Io, repo: LoadedRepo, lang: Lang, day: string, file: string, target: MergeTarget, item: Record<string, unknown>, dryRun: boolean): Outcome {
  const r = updateFile({ root: repo.root, file, fs: io.fs, dryRun, transform: addTo(repo, lang, day, file, target, item), beforeRename: pauseSeam(io) });
  const show = (problems: Problem[]) => {
    if (problems.length > 0) io.stdout.write(formatText(sortProblems(problems), { lang, colour: useColour(io) }));
  };
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
      show(why.introduced);
      io.stderr.write(t(lang, `yanxiu: 记录未写入 ${file}\n`, `yanxiu: nothing was written to ${file}\n`));
    }
    return { code: EXIT.problems };
  }
  show(r.value!.introduced);
  if (r.attempts > 1) {
    io.stderr.write(t(lang, `yanxiu: ${file} 在记录期间被修改过;新记录已加入修改后的内容,修改都保留了\n`,
      `yanxiu: ${file} was changed while the record was being added; it was added to the changed content, which is kept\n`));
  }
  if (dryRun) io.stdout.write(t(lang, `(试运行,未写入)将在 ${file} 中添加:\n`, `(dry run, nothing written) would add to ${file}:\n`) + itemText(item));
  return { code: EXIT.ok, after: r.value!.after };
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

function refusalMessage(reason: string, file: string, target: MergeTarget, found: string | undefined, lang: Lang): string {
  switch (reason) {
    case "owner-mismatch":
      return t(lang, `yanxiu: ${file} 中的 ${target.ownerKey} 是「${found ?? ""}」而不是「${target.owner}」,不会写入别人的文件\n`,
        `yanxiu: ${file} holds ${target.ownerKey} '${found ?? ""}', not '${target.owner}'; it will not be written into\n`);
    case "not-a-record-file":
      return t(lang, `yanxiu: ${file} 的结构不是 ${target.ownerKey}: … / ${target.listKey}: 列表,未写入\n`,
        `yanxiu: ${file} is not shaped as ${target.ownerKey}: … with a ${target.listKey}: list; nothing was written\n`);
    default:
      return t(lang, `yanxiu: 无法在不改动已有内容的情况下把记录加入 ${file}(${target.listKey} 不是文件的最后一部分),未写入;请手工添加\n`,
        `yanxiu: the record cannot be added to ${file} without changing what is there (${target.listKey} is not the file's last block); nothing was written, add it by hand\n`);
  }
}

function refuse(io: Io, lang: Lang, problem: Problem): number {
  io.stdout.write(formatText([problem], { lang, colour: useColour(io) }));
  return EXIT.problems;
}

function unknownRef(check: "unknown-teacher" | "unknown-group", id: string, known: string[], lang: Lang): Problem {
  const guess = didYouMean(id, known);
  const teacher = check === "unknown-teacher";
  return {
    check, severity: "error", file: "roster.yaml", line: 0, column: 0,
    message: teacher ? t(lang, `名册中没有教师「${id}」`, `there is no teacher '${id}' in the roster`) : t(lang, `名册中没有教研组「${id}」`, `there is no group '${id}' in the roster`),
    hint: guess ? t(lang, `是不是「${guess}」?`, `did you mean '${guess}'?`)
      : t(lang, `先在 roster.yaml 中添加,或改成已有的编号`, `add it to roster.yaml first, or use an existing id`),
  };
}

/** By id, else by name or e-mail when that names exactly one teacher. */
function resolveTeacher(teachers: Teacher[], key: string): Teacher | undefined {
  const k = key.trim();
  const byId = teachers.find((x) => x.id === k);
  if (byId) return byId;
  const others = teachers.filter((x) => x.name === k || x.emails.includes(k));
  return others.length === 1 ? others[0] : undefined;
}

function missingFlags(answers: Answers, required: string[], repo: LoadedRepo): string[] {
  const missing = required.filter((f) => !answers[f] || answers[f]!.trim() === "");
  const kind = answers.kind ? repo.scheme?.kinds.get(answers.kind) : undefined;
  for (const f of kind?.fields ?? []) {
    if (answers.group !== undefined && f === "role") continue;
    if (answers[f] === undefined) missing.push(f);
  }
  return missing;
}

function missingError(missing: string[], lang: Lang): UsageError {
  const flags = missing.map((f) => `--${f === "leftEarly" ? "left-early" : f}`);
  return new UsageError(t(lang, `缺少参数 ${flags.join("、")}(在终端中运行可逐项填写)`, `missing ${flags.join(", ")} (run it in a terminal to be asked for them)`));
}

function ids(list: string | undefined): string[] | undefined {
  return list === undefined ? undefined : list.split(/[,,、\s]+/).map((s) => s.trim()).filter(Boolean);
}

function attendanceFor(dataset: NonNullable<LoadedRepo["dataset"]>, group: string, lists: Parameters<typeof attendanceFromLists>[1], lang: Lang) {
  const r = attendanceFromLists(membersOf(dataset, group).map((m) => m.id), lists);
  if (r.twice.length > 0) {
    throw new UsageError(t(lang, `考勤中 ${r.twice.join("、")} 被列了两种状态`, `${r.twice.join(", ")} appear under two attendance statuses`));
  }
  return r;
}

function git(root: string, args: string[], io: Io) {
  return spawnSync("git", args, { cwd: root, encoding: "utf8", env: { ...process.env, ...io.env } });
}

function insideGit(root: string, io: Io): boolean {
  const r = git(root, ["rev-parse", "--is-inside-work-tree"], io);
  return r.status === 0 && r.stdout.trim() === "true";
}

/** Commit just this file, whatever else is staged; retried briefly if another git holds the index. */
function gitCommit(root: string, file: string, subject: string, io: Io): string | undefined {
  for (let attempt = 0; ; attempt++) {
    const add = git(root, ["add", "--", file], io);
    const commit = add.status === 0 ? git(root, ["commit", "-q", "-m", subject, "--", file], io) : add;
    if (commit.status === 0) return undefined;
    const msg = `${commit.stderr}${commit.stdout}`.trim();
    if (!/index\.lock/.test(msg) || attempt >= 40) return msg.split("\n")[0] || `git exited with ${commit.status}`;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

/** The teacher whose e-mail is git's user.email, as the default in prompts. */
function teacherFromGit(root: string, teachers: Teacher[], io: Io): string | undefined {
  const r = git(root, ["config", "user.email"], io);
  const email = r.status === 0 ? r.stdout.trim().toLowerCase() : "";
  return email ? teachers.find((x) => x.emails.some((e) => e.toLowerCase() === email))?.id : undefined;
}
