/**
 * The words for an UpdateProblem, in the user's language: what happened, that the file is
 * unchanged (or, after a rename, that it is written but not yet safe on disk), and what to do.
 * Callers print the transform's own refusals themselves.
 */
import { t, type Lang } from "../i18n.js";
import type { UpdateProblem } from "./update.js";

const STEP_EN: Record<string, string> = {
  read: "reading it", mkdir: "making its folder", open: "creating the temporary file", write: "writing",
  fsync: "flushing to disk", close: "closing the temporary file", verify: "the final check", rename: "renaming into place",
  "fsync-folder": "flushing the folder",
};
const STEP_ZH: Record<string, string> = {
  read: "读取", mkdir: "创建文件夹", open: "创建临时文件", write: "写入", fsync: "刷新到磁盘", close: "关闭临时文件",
  verify: "最后核对", rename: "替换原文件", "fsync-folder": "刷新文件夹",
};

function codeNote(code: string, lang: Lang): string {
  if (code === "ENOSPC" || code === "EDQUOT") return t(lang, `${code}:磁盘已满`, `${code}: the disk is full`);
  if (code === "EIO") return t(lang, "EIO:磁盘读写出错", "EIO: a disk input/output error");
  if (code === "EACCES" || code === "EPERM") return t(lang, `${code}:没有写入权限`, `${code}: no permission to write`);
  if (code === "EROFS") return t(lang, "EROFS:磁盘是只读的", "EROFS: the disk is read-only");
  return code;
}

/** One line, starting "yanxiu: " and ending in a newline. */
export function updateMessage(p: UpdateProblem, file: string, lang: Lang): string {
  const line = (zh: string, en: string) => `yanxiu: ${t(lang, zh, en)}\n`;
  switch (p.reason) {
    case "busy":
      return line(`另一个 yanxiu 命令正在写入 ${file},请稍后再试(原文件未改动)`,
        `another yanxiu command is writing ${file}; try again in a moment (the file is unchanged)`);
    case "lock-failed":
      return line(`无法创建锁文件 ${p.lockPath}(${codeNote(p.code, lang)}),未写入 ${file}(原文件未改动)`,
        `cannot create the lock file ${p.lockPath} (${codeNote(p.code, lang)}); nothing was written to ${file} (the file is unchanged)`);
    case "not-a-file":
      return p.kind === "directory"
        ? line(`${file} 是一个文件夹而不是文件,未写入;把这个文件夹改名或移走后再试`,
          `${file} is a folder, not a file; nothing was written. Rename or move the folder, then try again`)
        : p.kind === "symlink"
          ? line(`${file} 是符号链接,yanxiu 不会通过链接写入,未写入;换成普通文件后再试`,
            `${file} is a symbolic link and yanxiu does not write through links; nothing was written. Replace it with a plain file`)
          : line(`${file} 不是普通文件,未写入`, `${file} is not a plain file; nothing was written`);
    case "too-large":
      return line(`${file} 太大(${mb(p.size)} MB,上限 ${mb(p.limit)} MB,与 check 相同),未读取也未写入;检查是否放错了文件`,
        `${file} is too large (${mb(p.size)} MB; the limit is ${mb(p.limit)} MB, as in check), so it was neither read nor written; check this is the right file`);
    case "read-only":
      return line(`${file} 是只读文件,未写入`, `${file} is read-only; nothing was written`);
    case "kept-changing":
      return line(`${file} 在写入期间一再被别的程序修改(试了 ${p.attempts} 次),为了不覆盖这些修改,未写入;保存并关闭正在编辑它的编辑器后再试`,
        `${file} kept being changed by another program while it was written (${p.attempts} tries); to keep those changes nothing was written. Save and close the editor that has it open, then try again`);
    case "io":
      if (p.renamed) {
        return line(`${file} 已写入,但无法把文件夹刷新到磁盘(${codeNote(p.code, lang)}),断电时这次修改可能丢失;请检查磁盘`,
          `${file} is written, but its folder could not be flushed to disk (${codeNote(p.code, lang)}); a power cut could lose this change. Check the disk`);
      }
      return line(`写入 ${file} 失败(${STEP_ZH[p.step] ?? p.step}:${codeNote(p.code, lang)}),原文件未改动`,
        `writing ${file} failed (${STEP_EN[p.step] ?? p.step}: ${codeNote(p.code, lang)}); the file is unchanged`);
  }
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

/** Problems with the file itself (exit 1), as opposed to the tool or the disk failing (exit 2). */
export function isFileProblem(p: UpdateProblem): boolean {
  return p.reason === "not-a-file" || p.reason === "too-large" || p.reason === "read-only";
}
