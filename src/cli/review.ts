/** `yanxiu review [dir]`: the records and sessions the user may approve or verify now, with what each would earn. */
import { Command, Option } from "commander";
import { t, type Lang } from "../i18n.js";
import { buildReviewQueue, type QueueFilter, type QueueRow } from "../approval/queue.js";
import { STATUSES } from "../schema/vocab.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { today, UsageError, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";
import { entryLine, resolveActor } from "./approval-shell.js";

export interface QueueOptions {
  as?: string;
  group?: string;
  teacher?: string;
  status?: string;
  format: "text" | "json";
}

/** The filter and actor options review and approve --all-shown share. */
export function addQueueOptions(cmd: Command, statusHelp: string): Command {
  return cmd
    .option("--as <id>", "以哪位教师的身份(默认:git user.email 对应的教师)/ act as this teacher (default: the one whose e-mail is git's user.email)")
    .option("--group <id>", "只看这个组 / only this group's records and sessions")
    .option("--teacher <id>", "只看这位教师 / only this teacher's records")
    .option("--status <status>", statusHelp)
    .addOption(new Option("-f, --format <format>", "输出格式 / output format").choices(["text", "json"]).default("text"));
}

/** The queue for the options: the actor, then the filtered rows. */
export function openQueue(io: Io, repo: LoadedRepo, lang: Lang, opts: { as?: string; group?: string; teacher?: string }, status: string | undefined) {
  const dataset = repo.dataset;
  if (!dataset) throw new UsageError(t(lang, "配置或名册无法读取,先运行 yanxiu check 看看问题在哪", "the config or roster cannot be read: run 'yanxiu check' to see why"));
  const actor = resolveActor(io, repo.root, dataset.roster.teachers, opts.as, lang);
  if (opts.group && !dataset.roster.groups.some((g) => g.id === opts.group)) throw new UsageError(t(lang, `名册里没有组 ${opts.group}`, `no group ${opts.group} in the roster`));
  if (opts.teacher && !dataset.roster.teachers.some((x) => x.id === opts.teacher)) throw new UsageError(t(lang, `名册里没有教师 ${opts.teacher}`, `no teacher ${opts.teacher} in the roster`));
  const filter: QueueFilter = { group: opts.group, teacher: opts.teacher, status };
  const scheme = repo.problems.some((p) => p.severity === "error") ? undefined : repo.scheme;
  return { actor, rows: buildReviewQueue(dataset, scheme, actor, today(io.env), filter) };
}

/** A status word (录入, 审定, draft, approved…) as its id, or a usage error. */
export function statusId(word: string | undefined, lang: Lang): string | undefined {
  if (word === undefined) return undefined;
  const id = STATUSES.normalize(word);
  if (!id) throw new UsageError(t(lang, `不认识的状态 ${word}:可用 录入、审定、验证、退回`, `unknown status ${word}: use 录入, 审定, 验证 or 退回 (draft, approved, verified, rejected)`));
  return id;
}

export function registerReview(program: Command, io: Io): void {
  const cmd = program
    .command("review")
    .description("列出我可以审核的记录:教师、日期、类型、标题、证明材料、可得学时 / the records I may approve or verify, with what each would earn")
    .argument("[dir]", "仓库目录(默认当前目录)/ the repository folder (default: here)");
  addQueueOptions(cmd, "只看这个状态:录入(待审定)或 审定(待验证)/ only this status: 录入 (to approve) or 审定 (to verify)")
    .action(function (this: Command, dir: string | undefined, opts: QueueOptions) {
      const { repo, lang } = openRepo(io, dir, this.optsWithGlobals().lang as string | undefined);
      const { actor, rows } = openQueue(io, repo, lang, opts, statusId(opts.status, lang));
      io.stdout.write(opts.format === "json" ? queueJson(rows, actor, repo) : queueText(rows, actor, repo, lang));
    });
}

function queueJson(rows: QueueRow[], actor: { id: string; name: string }, repo: LoadedRepo): string {
  return `${JSON.stringify({
    version: 1,
    as: { id: actor.id, name: actor.name },
    records: rows.map((r) => {
      const a = r.entry.activities[0]!;
      return {
        ref: r.entry.ref,
        type: r.entry.kind,
        file: r.entry.file,
        line: r.entry.line,
        teacher: r.entry.kind === "record" ? r.entry.owner : null,
        teacherName: r.entry.kind === "record" ? (repo.dataset!.roster.teachers.find((x) => x.id === r.entry.owner)?.name ?? null) : null,
        group: r.entry.kind === "session" ? r.entry.owner : null,
        members: r.entry.kind === "session" ? r.entry.activities.map((x) => x.teacher) : null,
        date: a.date,
        kind: a.kind,
        title: a.title,
        evidence: a.evidence,
        status: r.status,
        lapsed: r.lapsed,
        action: r.action,
        as: r.as,
        credit: r.credit ?? null,
      };
    }),
  }, null, 2)}\n`;
}

function queueText(rows: QueueRow[], actor: { id: string; name: string }, repo: LoadedRepo, lang: Lang): string {
  if (rows.length === 0) return t(lang, `${actor.name}(${actor.id})现在没有待审核的记录。\n`, `Nothing for ${actor.name} (${actor.id}) to review now.\n`);
  const lines = rows.map((r) => {
    const a = r.entry.activities[0]!;
    const what = r.action === "approve" ? t(lang, "待审定", "to approve") : t(lang, "待验证", "to verify");
    const credit = r.credit === undefined ? "—" : String(r.credit);
    const lapsed = r.lapsed ? t(lang, "  (审核后又被修改)", "  (changed after its review)") : "";
    const evidence = a.evidence.length > 0 ? `\n    ${t(lang, "证明材料", "evidence")}: ${a.evidence.join(", ")}` : "";
    const members = r.entry.kind === "session" ? `\n    ${t(lang, "参加", "attendance")}: ${r.entry.activities.map((x) => x.teacher).join(", ")}` : "";
    return `${entryLine(r.entry, repo, lang)}\n    ${what} · ${t(lang, "可得", "would earn")} ${credit} · ${r.entry.file}:${r.entry.line}${lapsed}${evidence}${members}`;
  });
  const head = t(lang, `${actor.name}(${actor.id})可审核 ${rows.length} 条:\n\n`, `${rows.length} for ${actor.name} (${actor.id}) to review:\n\n`);
  const tail = t(lang, "\n审定:yanxiu approve 编号…;全部审定:yanxiu approve --all-shown;退回:yanxiu reject 编号 --reason \"…\"\n",
    "\nApprove: yanxiu approve REF…; all of them: yanxiu approve --all-shown; return: yanxiu reject REF --reason \"…\"\n");
  return head + lines.join("\n") + "\n" + tail;
}
