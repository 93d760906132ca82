/**
 * What review, approve and reject share in the shell: who is acting (--as, else git's
 * user.email), the words for refusals, writing reviews through updateFile, and the commit
 * authored as the approver.
 */
import { spawnSync } from "node:child_process";
import { t, type Lang } from "../i18n.js";
import type { Teacher } from "../model.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { updateFile } from "../repo/update.js";
import { isFileProblem, updateMessage } from "../repo/update-message.js";
import { applyReviews, type ApplyResult, type ReviewWrite } from "../approval/apply.js";
import type { ReviewEntry } from "../approval/ref.js";
import { didYouMean } from "../schema/zod-problems.js";
import { EXIT, UsageError, type Io } from "./io.js";

function git(root: string, args: string[], io: Io, env: Record<string, string> = {}) {
  return spawnSync("git", args, { cwd: root, encoding: "utf8", env: { ...process.env, ...io.env, ...env } });
}

/** The acting teacher: `--as` (id or unique name), else the roster teacher whose e-mail is git's user.email. */
export function resolveActor(io: Io, root: string, teachers: readonly Teacher[], as: string | undefined, lang: Lang): Teacher {
  if (as !== undefined) {
    const byId = teachers.find((x) => x.id === as);
    const byName = teachers.filter((x) => x.name === as);
    if (byId) return byId;
    if (byName.length === 1) return byName[0]!;
    const guess = didYouMean(as, teachers.map((x) => x.id));
    throw new UsageError(byName.length > 1
      ? t(lang, `有 ${byName.length} 位教师叫 ${as}:请用编号 ${byName.map((x) => x.id).join("、")}`, `${byName.length} teachers are called ${as}: use an id, ${byName.map((x) => x.id).join(", ")}`)
      : t(lang, `--as ${as}:名册里没有这位教师${guess ? `;是不是 ${guess}?` : ""}`, `--as ${as}: no such teacher in the roster${guess ? `; did you mean ${guess}?` : ""}`));
  }
  const r = git(root, ["config", "user.email"], io);
  const email = r.status === 0 ? r.stdout.trim().toLowerCase() : "";
  const found = email ? teachers.find((x) => x.emails.some((e) => e.trim().toLowerCase() === email)) : undefined;
  if (found) return found;
  throw new UsageError(email
    ? t(lang, `git 的 user.email(${email})不属于名册中的任何教师:用 --as 编号 说明你是谁,或在 roster.yaml 的 emails 中加上它`,
      `git's user.email (${email}) belongs to no teacher in the roster: say who you are with --as ID, or add it to your emails in roster.yaml`)
    : t(lang, "不知道你是谁:用 --as 编号,或设置 git config user.email 为名册中你的 e-mail",
      "who are you? Pass --as ID, or set git config user.email to your e-mail in the roster"));
}

export type Refusal = "own" | "own-session" | "not-allowed" | "unknown" | "ambiguous" | "invalid" | "not-approved-yet" | "already-verified" | "no-reason";

/** Why one ref was refused, in the user's language. */
export function refusalText(reason: Refusal, ref: string, lang: Lang, detail = ""): string {
  switch (reason) {
    case "own":
      return t(lang, `${ref}:这是你自己的记录,不能自己审核;请组长或教务处审核`, `${ref}: this is your own record and nobody reviews their own; ask your group leader or the office`);
    case "own-session":
      return t(lang, `${ref}:你是这次活动的组长、主备或参加者,不能审核它;集体活动由教务处审核`, `${ref}: you lead, led or attended this session, so you cannot review it; the office reviews sessions`);
    case "not-allowed":
      return t(lang, `${ref}:你没有审核这条记录的权限(组长审核本组成员,教务处审核全部;验证须有 yanxiu.yaml approval.verify 中的角色)`,
        `${ref}: you may not review this record (leaders review their groups' members, the office everyone's; verifying needs a role in yanxiu.yaml's approval.verify)`);
    case "unknown":
      return t(lang, `${ref}:找不到这条记录;用 yanxiu review 查看可审核的记录及其编号`, `${ref}: no such record; 'yanxiu review' lists the records you may review with their refs`);
    case "ambiguous":
      return t(lang, `${ref}:对应多条记录(${detail}),请写出完整编号`, `${ref}: names several records (${detail}); write the whole ref`);
    case "invalid":
      return t(lang, `${ref}:这条记录有错误,先修正(yanxiu check)再审核`, `${ref}: this record has errors; fix them (yanxiu check) before reviewing it`);
    case "not-approved-yet":
      return t(lang, `${ref}:还没有审定,不能验证;先由组长或教务处审定`, `${ref}: not approved yet, so it cannot be verified; it needs approval (审定) first`);
    case "already-verified":
      return t(lang, `${ref}:已经验证,不能再改回审定;如需更正请退回`, `${ref}: already verified, it cannot go back to approved; return it if it needs correcting`);
    case "no-reason":
      return t(lang, `${ref}:退回须写明原因:--reason "…"`, `${ref}: a return needs its reason: --reason "…"`);
  }
}

/** One line about a record: ref, teacher, date, kind, title. */
export function entryLine(entry: ReviewEntry, repo: LoadedRepo, lang: Lang): string {
  const a = entry.activities[0]!;
  const who = entry.kind === "record"
    ? (repo.dataset?.roster.teachers.find((x) => x.id === entry.owner)?.name ?? entry.owner)
    : (repo.dataset?.roster.groups.find((g) => g.id === entry.owner)?.name ?? entry.owner);
  const kind = repo.scheme?.kinds.get(a.kind);
  const label = kind ? (lang === "en" ? kind.labelEn : kind.label) : a.kind;
  return `${entry.ref}  ${who}  ${a.date}  ${label}  ${a.title}`;
}

export type WriteOutcome = { ok: true; files: string[] } | { ok: false; code: number; message: string; written: string[] };

/**
 * Write the reviews, file by file, each through updateFile (locked, verified before rename).
 * Every ref was checked beforehand; a file changed meanwhile so that a ref is gone stops the run
 * before the next file (files already written stay whole).
 */
export function writeReviews(io: Io, repo: LoadedRepo, lang: Lang, writes: ReadonlyMap<string, { kind: ReviewEntry["kind"]; reviews: ReviewWrite[] }>): WriteOutcome {
  const written: string[] = [];
  for (const [file, { kind, reviews }] of writes) {
    const r = updateFile<Extract<ApplyResult, { ok: false }>>({
      root: repo.root,
      file,
      fs: io.fs,
      transform: (cur) => {
        if (!cur.exists) return { refuse: { ok: false, reason: "unknown-ref" } };
        const out = applyReviews(Buffer.from(cur.bytes).toString("utf8"), kind, reviews);
        return out.ok ? { text: out.text } : { refuse: out };
      },
    });
    if (!r.ok) {
      const message = r.reason === "refused"
        ? t(lang, `yanxiu: ${file} 在审核期间被修改了(${r.refusal.ref ?? ""} ${r.refusal.reason}),未写入;重新运行 yanxiu review 再试\n`,
          `yanxiu: ${file} changed while it was being reviewed (${r.refusal.ref ?? ""} ${r.refusal.reason}); nothing was written to it. Run 'yanxiu review' and try again\n`)
        : updateMessage(r, file, lang);
      const code = r.reason === "refused" || isFileProblem(r) ? EXIT.problems : EXIT.failure;
      return { ok: false, code, message, written };
    }
    if (r.written) written.push(file);
  }
  return { ok: true, files: written };
}

/** The approver as git should record them: the roster name and first e-mail. */
export function approverIdentity(actor: Teacher): { name: string; email: string } | undefined {
  const email = actor.emails[0];
  return email ? { name: actor.name, email } : undefined;
}

/**
 * Commit just these files, authored as the approver (the committer stays whoever runs git, so
 * the history shows both). Returns the commit hash, or an error message.
 */
export function commitReviews(io: Io, root: string, files: string[], actor: Teacher, subject: string): { hash: string } | { error: string } {
  const who = approverIdentity(actor);
  if (!who) return { error: `${actor.id} has no e-mail in roster.yaml` };
  const env = { GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email };
  for (let attempt = 0; ; attempt++) {
    const add = git(root, ["add", "--", ...files], io);
    const commit = add.status === 0 ? git(root, ["commit", "-q", "--no-verify", "-m", subject, "--", ...files], io, env) : add;
    if (commit.status === 0) return { hash: git(root, ["rev-parse", "HEAD"], io).stdout.trim() };
    const msg = `${commit.stderr}${commit.stdout}`.trim();
    if (!/index\.lock/.test(msg) || attempt >= 40) return { error: msg.split("\n")[0] || `git exited with ${commit.status}` };
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

/** Is `root` inside a git work tree? */
export function insideGit(root: string, io: Io): boolean {
  const r = git(root, ["rev-parse", "--is-inside-work-tree"], io);
  return r.status === 0 && r.stdout.trim() === "true";
}
