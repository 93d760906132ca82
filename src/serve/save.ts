/**
 * One save from the web page, in three steps: add (or change) an item in a record or session
 * file, plus any uploaded evidence, checked as `check` would check it (src/serve/validate.ts,
 * against the school the server keeps loaded) and written to a temporary file under the file's
 * lock (writeSave: src/repo/update-staged.ts, updateFile's safe write in two halves); then the
 * temporary files of a whole batch of saves flushed together, checked unchanged and renamed into
 * place (finishWrites); then the batch's commit (src/serve/queue.ts, src/git/batch-commit.ts); if
 * it fails, undoWrite puts every file back. Whole or not at all: on any failure (invalid input,
 * a file edited meanwhile, a full disk, a broken repo) the files are left as they were and the
 * caller gets a reason.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../i18n.js";
import { t } from "../i18n.js";
import type { Problem } from "../problem.js";
import type { LoadedRepo } from "../pipeline/load.js";
import type { FileResult } from "../pipeline/read-files.js";
import { parseBytes } from "../repo/read.js";
import { updateFile, type UpdateProblem } from "../repo/update.js";
import { abandonStaged, finishStaged, stageUpdate, type StageOptions, type StagedWrite } from "../repo/update-staged.js";
import { updateMessage } from "../repo/update-message.js";
import { writeNewFile } from "../repo/write.js";
import { mergeItem, newFileText, type KnownData, type MergeTarget } from "../add/merge.js";
import type { ReadText } from "../repo/fast-yaml.js";
import type { Person } from "../git/batch-commit.js";
import type { FileIndex } from "./file-index.js";
import { closedRefusal, validateInState } from "./validate.js";

export interface NewFile {
  /** Repo-relative path; must not exist yet. */
  path: string;
  bytes: Uint8Array;
}

/**
 * `known`: the current text's data as the server holds it, when it does (a transform may use it
 * instead of reading the text again). `read`: the new text as the fast reader read it, when the
 * transform read it (the check then need not).
 */
export type Transform = (current: string | undefined, known?: KnownData) => { ok: true; text: string; read?: ReadText } | { ok: false; message: string };

export interface SaveRequest {
  root: string;
  lang: Lang;
  today: string;
  file: string;
  /** New text of the file from its current text (undefined when it does not exist). Pure. */
  transform: Transform;
  newFiles?: NewFile[];
  author: Person;
  subject: string;
  /** Told each path and its bytes before they are written (so the watcher knows our own writes); the queue sets it. */
  announce?: (path: string, bytes: Buffer) => void;
}

export type SaveResult =
  | { ok: true; problems: Problem[] }
  | { ok: false; reason: "invalid"; problems: Problem[] }
  /** "changed": the file was saved by someone else between reading and writing (the queue tries again). */
  | { ok: false; reason: "refused" | "busy" | "changed" | "io" | "git"; message: string };

type Refusal = { invalid: Problem[] } | { message: string };

/** A transform that appends one item, as `yanxiu add` does. */
export function appendItem(target: MergeTarget, item: Record<string, unknown>, lang: Lang): Transform {
  return (current, known) => {
    if (current === undefined) return { ok: true, text: newFileText(target, item) };
    const merged = mergeItem(current, target, item, known);
    if (merged.ok) return { ok: true, text: merged.text, read: merged.read };
    return {
      ok: false,
      message: merged.reason === "owner-mismatch"
        ? t(lang, "这个文件属于别人,不能写入", "this file belongs to someone else; nothing was written")
        : t(lang, "这个文件的格式无法在不改动原有内容的情况下追加,请联系教务处手工添加", "this file cannot be added to without changing what is there; ask the office to add it by hand"),
    };
  };
}

/** A save written to disk and not yet committed. */
export interface Written {
  file: string;
  /** The file's bytes before (undefined: it did not exist). */
  before: Uint8Array | undefined;
  text: Uint8Array;
  /** Evidence files created for it. */
  created: NewFile[];
  /** Warnings the write brings (errors refuse it). */
  problems: Problem[];
  /** The file as check reads it now, for the server's state. */
  after: FileResult;
  /** Its temporary file and lock, until finishWrites. */
  staged: StagedWrite;
}

export type Failure = Exclude<SaveResult, { ok: true }>;

/**
 * The first step of a save, synchronous: evidence, then the file staged (src/repo/update-staged.ts),
 * checked against `repo` (the loaded school, with `index`). The file's lock is tried once: a lock
 * held by another program answers "busy" at once, and the queue tries again a moment later. The
 * lock stays held until finishWrites (or abandonWrite).
 */
export function writeSave(req: SaveRequest, repo: LoadedRepo, index: FileIndex, opts: StageOptions = {}): { ok: true; written: Written } | Failure {
  const { root, lang, file } = req;
  const created: NewFile[] = [];
  const undoNew = () => { for (const f of created) rmSync(join(root, f.path), { force: true }); };
  // Evidence first: the record's check looks for it on disk.
  try {
    for (const f of req.newFiles ?? []) {
      req.announce?.(f.path, Buffer.from(f.bytes));
      writeNewFile(join(root, f.path), f.bytes);
      created.push(f);
    }
  } catch (e) {
    undoNew();
    return { ok: false, reason: "io", message: ioText(e, lang) };
  }

  const closed = closedRefusal(repo, file, req.today);
  let before: Uint8Array | undefined;
  const r = stageUpdate<Refusal, { after: FileResult; problems: Problem[] }>({
    root, file,
    lock: { waitMs: 0 },
    transform: (cur) => {
      before = cur.exists ? cur.bytes : undefined;
      if (closed) return { refuse: { invalid: [closed] } };
      const held = cur.exists ? index.heldData(file, cur.bytes) : undefined;
      if (cur.exists && !held && parseBytes(file, cur.bytes, lang).problems.length > 0) {
        return { refuse: { message: t(lang, `${file} 有语法错误,不会覆盖它;请教务处先修正`, `${file} does not parse, so it is left alone; ask the office to fix it first`) } };
      }
      const next = req.transform(held?.text ?? (cur.exists ? Buffer.from(cur.bytes).toString("utf8") : undefined), held);
      if (!next.ok) return { refuse: { message: next.message } };
      const v = validateInState(repo, index, file, cur.exists ? cur.bytes : undefined, next.text, req.today, next.read);
      if (v.introduced.some((p) => p.severity === "error")) return { refuse: { invalid: v.introduced } };
      req.announce?.(file, Buffer.from(next.text, "utf8"));
      return { text: next.text, value: { after: v.after, problems: v.introduced } };
    },
  }, opts);
  if (!r.ok) {
    undoNew();
    if (r.reason === "refused") return "invalid" in r.refusal ? { ok: false, reason: "invalid", problems: r.refusal.invalid } : { ok: false, reason: "refused", message: r.refusal.message };
    return problemFailure(r, file, lang);
  }
  return { ok: true, written: { file, before, text: r.text, created, problems: r.value!.problems, after: r.value!.after, staged: r.staged } };
}

/**
 * The second step for a batch of written saves: every file flushed, checked unchanged, renamed
 * into place, its folder flushed (src/repo/update-staged.ts); nothing renamed before `ready`
 * (the batch's note) holds, and nothing at all when it rejects. For each save, undefined when its
 * file is in place, else the failure to tell its user — its files then as they were (evidence
 * removed; a file renamed whose folder could not be flushed put back).
 */
export async function finishWrites(root: string, all: readonly Written[], langs: readonly Lang[], ready?: Promise<void>): Promise<(Failure | undefined)[]> {
  const problems = await finishStaged(all.map((w) => w.staged), { ready });
  return problems.map((p, i) => {
    if (!p) return undefined;
    const w = all[i]!;
    if (p.reason === "io" && p.renamed) undoWrite(root, w);
    else undoCreated(root, w);
    return problemFailure(p, w.file, langs[i]!);
  });
}

/** Give up a written save before finishWrites: its temporary file and evidence removed, its lock released. */
export function abandonWrite(root: string, w: Written): void {
  abandonStaged(w.staged);
  undoCreated(root, w);
}

function problemFailure(p: UpdateProblem, file: string, lang: Lang): Failure {
  return { ok: false, reason: p.reason === "busy" ? "busy" : p.reason === "kept-changing" ? "changed" : "io", message: updateMessage(p, file, lang).replace(/^yanxiu: /, "").trim() };
}

/** Put a written save's files back as they were, unless someone changed them again meanwhile. */
export function undoWrite(root: string, w: Written): void {
  const ours = Buffer.from(w.text);
  updateFile<string>({
    root, file: w.file,
    transform: (cur) => (cur.exists && Buffer.from(cur.bytes).equals(ours) ? { text: w.before ?? new Uint8Array(0) } : { refuse: "changed" }),
  });
  if (w.before === undefined && sameAs(join(root, w.file), new Uint8Array(0))) rmSync(join(root, w.file), { force: true });
  undoCreated(root, w);
}

/** The evidence files a save created, removed unless changed since. */
function undoCreated(root: string, w: Written): void {
  for (const f of w.created) if (sameAs(join(root, f.path), f.bytes)) rmSync(join(root, f.path), { force: true });
}

/** What each user is told when the batch's commit failed (their files are back as they were). */
export function commitFailure(reason: "moved" | "git", detail: string, lang: Lang): Failure {
  return reason === "moved"
    ? { ok: false, reason: "git", message: t(lang, `仓库刚刚被别人修改了这个文件(例如 git pull:${detail}),这次没有保存;请刷新后再试`, `the repository was just changed by someone else (a git pull, for instance: ${detail}); nothing was saved. Reload and try again`) }
    : { ok: false, reason: "git", message: t(lang, `git 提交失败(${detail}),没有保存任何内容;请告诉教务处`, `the git commit failed (${detail}); nothing was saved. Tell the office`) };
}

function sameAs(abs: string, bytes: Uint8Array): boolean {
  try {
    return Buffer.from(readFileSync(abs)).equals(Buffer.from(bytes));
  } catch {
    return false;
  }
}

function ioText(e: unknown, lang: Lang): string {
  const code = (e as NodeJS.ErrnoException).code ?? String(e);
  const full = code === "ENOSPC" || code === "EDQUOT";
  return full ? t(lang, "磁盘已满,没有保存任何内容;请告诉教务处", "the disk is full and nothing was saved; tell the office")
    : t(lang, `写入失败(${code}),没有保存任何内容;请告诉教务处`, `writing failed (${code}); nothing was saved. Tell the office`);
}
