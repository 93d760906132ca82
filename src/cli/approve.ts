/**
 * `yanxiu approve <ref…>` and `yanxiu reject <ref> --reason`: set a record's status, approver,
 * date (and reason) in place, as the approver, all or nothing: one refused ref and no file is touched.
 */
import { Command, Option } from "commander";
import { t, type Lang } from "../i18n.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { reviewEntries, type ReviewEntry } from "../approval/ref.js";
import { planReviews, type ReviewPlan } from "../approval/plan.js";
import type { ReviewAction } from "../approval/policy.js";
import type { Teacher } from "../model.js";
import { EXIT, setExitCode, today, UsageError, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";
import { commitReviews, entryLine, insideGit, refusalText, resolveActor, writeReviews } from "./approval-shell.js";
import { addQueueOptions, openQueue, statusId } from "./review.js";

interface ApproveOptions {
  as?: string;
  group?: string;
  teacher?: string;
  status?: string;
  allShown?: boolean;
  dir?: string;
  reason?: string;
  commit?: boolean;
  format: "text" | "json";
}

export function registerApprove(program: Command, io: Io): void {
  const cmd = program
    .command("approve")
    .description("审定(或验证)记录:写入状态、审核人和日期 / approve (or verify) records: status, approver and date written in place")
    .argument("[refs...]", "记录编号(yanxiu review 列出)/ record refs (as yanxiu review lists them)")
    .option("-C, --dir <dir>", "仓库目录(默认当前目录)/ the repository folder (default: here)")
    .option("--all-shown", "审定 yanxiu review(同样的 --group/--teacher)列出的全部记录 / every record yanxiu review shows with the same --group/--teacher")
    .option("--commit", "写入后用 git 提交,作者为审核人 / commit afterwards, authored as the approver");
  addQueueOptions(cmd, "审定(默认)或 验证 / 审定 (approved, the default) or 验证 (verified)")
    .action(function (this: Command, refs: string[], opts: ApproveOptions) {
      const { repo, lang } = openRepo(io, opts.dir, this.optsWithGlobals().lang as string | undefined);
      const target = statusId(opts.status ?? "审定", lang);
      if (target !== "approved" && target !== "verified") {
        throw new UsageError(t(lang, "approve --status 只能是 审定 或 验证;退回用 yanxiu reject", "approve --status is 审定 or 验证 (approved or verified); to return a record use yanxiu reject"));
      }
      const action: ReviewAction = target === "verified" ? "verify" : "approve";
      let wanted = refs;
      let actor: Teacher | undefined;
      if (opts.allShown) {
        if (refs.length > 0) throw new UsageError(t(lang, "--all-shown 与编号不能同时使用", "use either refs or --all-shown, not both"));
        const q = openQueue(io, repo, lang, opts, action === "verify" ? "approved" : "draft");
        actor = q.actor;
        wanted = q.rows.filter((r) => r.action === action).map((r) => r.entry.ref);
        if (wanted.length === 0) {
          io.stdout.write(t(lang, "没有可审核的记录。\n", "Nothing to review.\n"));
          return;
        }
      } else if (refs.length === 0) {
        throw new UsageError(t(lang, "写出要审定的记录编号(yanxiu review 列出),或用 --all-shown", "name the records to approve (yanxiu review lists their refs), or use --all-shown"));
      }
      run(io, this, repo, lang, opts, action, wanted, actor);
    });
}

export function registerReject(program: Command, io: Io): void {
  program
    .command("reject")
    .description("退回记录并写明原因 / return a record with the reason, kept in the record")
    .argument("<refs...>", "记录编号 / record refs")
    .requiredOption("--reason <text>", "退回原因 / why it is returned")
    .option("-C, --dir <dir>", "仓库目录(默认当前目录)/ the repository folder (default: here)")
    .option("--as <id>", "以哪位教师的身份(默认:git user.email 对应的教师)/ act as this teacher (default: the one whose e-mail is git's user.email)")
    .option("--commit", "写入后用 git 提交,作者为审核人 / commit afterwards, authored as the reviewer")
    .addOption(new Option("-f, --format <format>", "输出格式 / output format").choices(["text", "json"]).default("text"))
    .action(function (this: Command, refs: string[], opts: ApproveOptions) {
      const { repo, lang } = openRepo(io, opts.dir, this.optsWithGlobals().lang as string | undefined);
      run(io, this, repo, lang, opts, "reject", refs, undefined);
    });
}

function run(io: Io, cmd: Command, repo: LoadedRepo, lang: Lang, opts: ApproveOptions, action: ReviewAction, refs: string[], known: Teacher | undefined): void {
  const dataset = repo.dataset;
  if (!dataset) throw new UsageError(t(lang, "配置或名册无法读取,先运行 yanxiu check 看看问题在哪", "the config or roster cannot be read: run 'yanxiu check' to see why"));
  const actor = known ?? resolveActor(io, repo.root, dataset.roster.teachers, opts.as, lang);
  if (opts.commit && !insideGit(repo.root, io)) {
    throw new UsageError(t(lang, `--commit 需要 git 仓库,但 ${repo.root} 不在 git 仓库中`, `--commit needs a git repository, but ${repo.root} is not in one`));
  }
  const plan = planReviews({
    dataset,
    entries: reviewEntries(dataset.activities),
    broken: reviewEntries(repo.partialActivities),
    actor,
    refs,
    action,
    today: today(io.env),
    reason: opts.reason,
  });
  if (plan.refused.length > 0) {
    if (opts.format === "json") io.stdout.write(planJson(plan, action, actor, repo, lang, undefined));
    for (const r of plan.refused) {
      io.stderr.write(`yanxiu: ${refusalText(r.reason, r.ref, lang, (r.candidates ?? []).map((c) => `${c.file}:${c.line}`).join(", "))}\n`);
    }
    io.stderr.write(t(lang, "yanxiu: 未做任何修改。\n", "yanxiu: nothing was changed.\n"));
    setExitCode(cmd, EXIT.problems);
    return;
  }
  const out = writeReviews(io, repo, lang, plan.writes);
  if (!out.ok) {
    io.stderr.write(out.message);
    if (out.written.length > 0) io.stderr.write(t(lang, `yanxiu: 已写入的文件:${out.written.join("、")}\n`, `yanxiu: files already written: ${out.written.join(", ")}\n`));
    setExitCode(cmd, out.code);
    return;
  }
  let commit: string | undefined;
  if (opts.commit && out.files.length > 0) {
    const verb = action === "approve" ? "approve" : action === "verify" ? "verify" : "reject";
    const c = commitReviews(io, repo.root, out.files, actor, `yanxiu ${verb}: ${plan.changed.map((e) => e.ref).join(" ")}`);
    if ("error" in c) {
      io.stderr.write(t(lang, `yanxiu: 已写入,但 git 提交失败:${c.error}\n`, `yanxiu: written, but the git commit failed: ${c.error}\n`));
      setExitCode(cmd, EXIT.failure);
    } else commit = c.hash;
  }
  io.stdout.write(opts.format === "json" ? planJson(plan, action, actor, repo, lang, commit) : planText(plan, action, repo, lang, commit));
}

const WORD = { approve: ["审定", "approved"], verify: ["验证", "verified"], reject: ["退回", "returned"] } as const;

function planText(plan: ReviewPlan, action: ReviewAction, repo: LoadedRepo, lang: Lang, commit: string | undefined): string {
  const [zh, en] = WORD[action];
  const lines: string[] = [];
  if (plan.changed.length > 0) {
    lines.push(t(lang, `已${zh} ${plan.changed.length} 条:`, `${en} ${plan.changed.length}:`));
    for (const e of plan.changed) lines.push(`  ${entryLine(e, repo, lang)}`);
  }
  if (plan.unchanged.length > 0) {
    lines.push(t(lang, `已经是${zh}状态,未改动 ${plan.unchanged.length} 条:`, `already ${en}, left as they are: ${plan.unchanged.length}:`));
    for (const e of plan.unchanged) lines.push(`  ${entryLine(e, repo, lang)}`);
  }
  if (commit) lines.push(t(lang, `已提交 ${commit.slice(0, 8)}`, `committed ${commit.slice(0, 8)}`));
  return `${lines.join("\n")}\n`;
}

function planJson(plan: ReviewPlan, action: ReviewAction, actor: Teacher, repo: LoadedRepo, lang: Lang, commit: string | undefined): string {
  const row = (e: ReviewEntry) => ({ ref: e.ref, file: e.file, line: e.line, title: e.activities[0]!.title, date: e.activities[0]!.date });
  return `${JSON.stringify({
    version: 1,
    action,
    as: { id: actor.id, name: actor.name },
    changed: plan.changed.map(row),
    unchanged: plan.unchanged.map(row),
    refused: plan.refused.map((r) => ({ ref: r.ref, reason: r.reason, message: refusalText(r.reason, r.ref, lang) })),
    commit: commit ?? null,
  }, null, 2)}\n`;
}
