/**
 * One save from the web page: add (or change) an item in a record or session file, plus any
 * uploaded evidence, checked exactly as `check` would, written by the safe update of
 * src/repo/update.ts (per-file lock, verify before rename), then committed as the person who
 * saved it. Whole or not at all: on any failure (invalid input, a file edited meanwhile, a
 * full disk, a broken repo) the files are left as they were and the caller gets a reason.
 * Callers run saves one at a time (WriteQueue), so commits never race for git's index.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../i18n.js";
import { t } from "../i18n.js";
import type { Problem } from "../problem.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { parseBytes } from "../repo/read.js";
import { updateFile } from "../repo/update.js";
import { updateMessage } from "../repo/update-message.js";
import { writeNewFile } from "../repo/write.js";
import { mergeItem, newFileText, type MergeTarget } from "../add/merge.js";
import { commitPaths, unstage, type Person } from "./git-commit.js";
import { validateFileWrite } from "./validate.js";

export interface NewFile {
  /** Repo-relative path; must not exist yet. */
  path: string;
  bytes: Uint8Array;
}

export type Transform = (current: string | undefined) => { ok: true; text: string } | { ok: false; message: string };

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
  /** Told each path and its bytes before they are written (so the watcher knows our own writes). */
  announce?: (path: string, bytes: Buffer) => void;
}

export type SaveResult =
  | { ok: true; after?: LoadedRepo; problems: Problem[]; written: Map<string, Buffer> }
  | { ok: false; reason: "invalid"; problems: Problem[] }
  | { ok: false; reason: "refused" | "busy" | "io" | "git"; message: string };

type Refusal = { invalid: Problem[] } | { message: string };

/** A transform that appends one item, as `yanxiu add` does. */
export function appendItem(target: MergeTarget, item: Record<string, unknown>, lang: Lang): Transform {
  return (current) => {
    if (current === undefined) return { ok: true, text: newFileText(target, item) };
    const merged = mergeItem(current, target, item);
    if (merged.ok) return { ok: true, text: merged.text };
    return {
      ok: false,
      message: merged.reason === "owner-mismatch"
        ? t(lang, "这个文件属于别人,不能写入", "this file belongs to someone else; nothing was written")
        : t(lang, "这个文件的格式无法在不改动原有内容的情况下追加,请联系教务处手工添加", "this file cannot be added to without changing what is there; ask the office to add it by hand"),
    };
  };
}

export async function saveFile(req: SaveRequest): Promise<SaveResult> {
  const { root, lang, file } = req;
  const created: string[] = [];
  const undoNew = () => { for (const p of created) rmSync(join(root, p), { force: true }); };
  // Evidence first: the record's check looks for it on disk.
  try {
    for (const f of req.newFiles ?? []) {
      req.announce?.(f.path, Buffer.from(f.bytes));
      writeNewFile(join(root, f.path), f.bytes);
      created.push(f.path);
    }
  } catch (e) {
    undoNew();
    return { ok: false, reason: "io", message: ioText(e, lang) };
  }

  let after: LoadedRepo | undefined;
  let problems: Problem[] = [];
  let before: Uint8Array | undefined;
  const r = updateFile<Refusal>({
    root, file,
    transform: (cur) => {
      before = cur.exists ? cur.bytes : undefined;
      if (cur.exists && parseBytes(file, cur.bytes, lang).problems.length > 0) {
        return { refuse: { message: t(lang, `${file} 有语法错误,不会覆盖它;请教务处先修正`, `${file} does not parse, so it is left alone; ask the office to fix it first`) } };
      }
      const next = req.transform(cur.exists ? Buffer.from(cur.bytes).toString("utf8") : undefined);
      if (!next.ok) return { refuse: { message: next.message } };
      const v = validateFileWrite(root, file, next.text, lang, req.today);
      if (v.introduced.some((p) => p.severity === "error")) return { refuse: { invalid: v.introduced } };
      after = v.after;
      problems = v.introduced;
      req.announce?.(file, Buffer.from(next.text, "utf8"));
      return { text: next.text };
    },
  });
  if (!r.ok) {
    undoNew();
    if (r.reason === "refused") return "invalid" in r.refusal ? { ok: false, reason: "invalid", problems: r.refusal.invalid } : { ok: false, reason: "refused", message: r.refusal.message };
    return { ok: false, reason: r.reason === "busy" ? "busy" : "io", message: updateMessage(r, file, lang).replace(/^yanxiu: /, "").trim() };
  }

  const err = await commitPaths(root, [file, ...created], req.subject, req.author);
  if (err) {
    // Put the file back as it was, unless someone changed it again meanwhile.
    const written = r.text;
    updateFile<string>({
      root, file,
      transform: (cur) => (cur.exists && Buffer.from(cur.bytes).equals(Buffer.from(written)) ? { text: before ?? new Uint8Array(0) } : { refuse: "changed" }),
    });
    if (before === undefined && sameAs(join(root, file), new Uint8Array(0))) rmSync(join(root, file), { force: true });
    undoNew();
    await unstage(root, [file, ...created]);
    return { ok: false, reason: "git", message: t(lang, `git 提交失败(${err}),没有保存任何内容;请告诉教务处`, `the git commit failed (${err}); nothing was saved. Tell the office`) };
  }
  const written = new Map<string, Buffer>([[file, Buffer.from(r.text)], ...(req.newFiles ?? []).map((f) => [f.path, Buffer.from(f.bytes)] as [string, Buffer])]);
  return { ok: true, after, problems, written };
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
