/**
 * One save from the web page: add an item to a record or session file (plus any uploaded
 * evidence), check it exactly as `check` would, write it atomically under the file's lock,
 * and commit it as the person who saved it. Whole or not at all: on any failure (invalid
 * input, a file edited on disk meanwhile, a full disk, a broken repo) the files are left as
 * they were and the caller gets a reason to show.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../i18n.js";
import { t } from "../i18n.js";
import type { Problem } from "../problem.js";
import type { LoadedRepo } from "../repo/load.js";
import { parseBytes } from "../repo/read.js";
import { writeFileAtomic, writeNewFile } from "../repo/write.js";
import { removeOrphanTemps, LockBusyError } from "../add/lock.js";
import { mergeItem, newFileText, type MergeTarget } from "../add/merge.js";
import { commitPaths, unstage, type Person } from "./git-commit.js";
import { withFileLockAsync } from "./lock.js";
import { validateFileWrite } from "./validate.js";

export interface NewFile {
  /** Repo-relative path; must not exist yet. */
  path: string;
  bytes: Uint8Array;
}

export interface SaveRequest {
  root: string;
  lang: Lang;
  today: string;
  file: string;
  /** New text of the file from its current text (undefined when it does not exist). */
  transform: (current: string | undefined) => { ok: true; text: string } | { ok: false; message: string };
  newFiles?: NewFile[];
  author: Person;
  subject: string;
}

export type SaveResult =
  | { ok: true; after: LoadedRepo; problems: Problem[] }
  | { ok: false; reason: "invalid"; problems: Problem[] }
  | { ok: false; reason: "refused" | "busy" | "changed" | "io" | "git"; message: string };

class ChangedOnDisk extends Error {}

/** A transform that appends one item, as `yanxiu add` does. */
export function appendItem(target: MergeTarget, item: Record<string, unknown>, lang: Lang) {
  return (current: string | undefined) => {
    if (current === undefined) return { ok: true as const, text: newFileText(target, item) };
    const merged = mergeItem(current, target, item);
    if (merged.ok) return { ok: true as const, text: merged.text };
    return {
      ok: false as const,
      message: merged.reason === "owner-mismatch"
        ? t(lang, "这个文件属于别人,不能写入", "this file belongs to someone else; nothing was written")
        : t(lang, "这个文件的格式无法在不改动原有内容的情况下追加,请联系教务处手工添加", "this file cannot be added to without changing what is there; ask the office to add it by hand"),
    };
  };
}

export async function saveFile(req: SaveRequest): Promise<SaveResult> {
  const { root, lang, file } = req;
  const abs = join(root, file);
  try {
    return await withFileLockAsync(root, file, async () => {
      const before = existsSync(abs) ? readFileSync(abs) : undefined;
      if (before) {
        const parsed = parseBytes(file, before, lang);
        if (parsed.problems.length > 0) return { ok: false, reason: "refused", message: t(lang, `${file} 有语法错误,不会覆盖它;请教务处先修正`, `${file} does not parse, so it is left alone; ask the office to fix it first`) };
      }
      const next = req.transform(before?.toString("utf8"));
      if (!next.ok) return { ok: false, reason: "refused", message: next.message };

      const created: string[] = [];
      const undoNew = () => { for (const p of created) rmSync(join(root, p), { force: true }); };
      try {
        for (const f of req.newFiles ?? []) {
          writeNewFile(join(root, f.path), f.bytes as unknown as string);
          created.push(f.path);
        }
        const { after, introduced } = validateFileWrite(root, file, next.text, lang, req.today);
        if (introduced.some((p) => p.severity === "error")) {
          undoNew();
          return { ok: false, reason: "invalid", problems: introduced };
        }
        removeOrphanTemps(abs);
        // Verify, just before the rename, that nobody edited the file since we read it.
        writeFileAtomic(abs, next.text, { beforeRename: () => { if (!sameBytes(abs, before)) throw new ChangedOnDisk(); } });
        const err = await commitPaths(root, [file, ...created], req.subject, req.author);
        if (err) {
          if (sameText(abs, next.text)) restore(abs, before);
          undoNew();
          await unstage(root, [file, ...created]);
          return { ok: false, reason: "git", message: t(lang, `git 提交失败(${err}),没有保存任何内容`, `the git commit failed (${err}); nothing was saved`) };
        }
        return { ok: true, after, problems: introduced };
      } catch (e) {
        undoNew();
        if (e instanceof ChangedOnDisk) return { ok: false, reason: "changed", message: t(lang, "这个文件刚被别人修改过,没有保存;请刷新后再提交一次", "the file was changed meanwhile and nothing was saved; reload and submit again") };
        const code = (e as NodeJS.ErrnoException).code ?? String(e);
        return { ok: false, reason: "io", message: t(lang, `写入失败(${code}),原文件未改动;请告诉教务处(磁盘可能已满)`, `writing failed (${code}); the file is unchanged. Tell the office (the disk may be full)`) };
      }
    });
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, reason: "busy", message: t(lang, "另一个保存正在写这个文件,请稍后再试(原文件未改动)", "another save is writing this file; try again in a moment (the file is unchanged)") };
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return { ok: false, reason: "io", message: t(lang, `写入失败(${code}),原文件未改动`, `writing failed (${code}); the file is unchanged`) };
  }
}

function sameBytes(abs: string, before: Buffer | undefined): boolean {
  if (!existsSync(abs)) return before === undefined;
  return before !== undefined && readFileSync(abs).equals(before);
}

function sameText(abs: string, text: string): boolean {
  try {
    return readFileSync(abs, "utf8") === text;
  } catch {
    return false;
  }
}

function restore(abs: string, before: Buffer | undefined): void {
  if (before === undefined) rmSync(abs, { force: true });
  else writeFileAtomic(abs, before);
}
