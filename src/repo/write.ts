/**
 * Writing into a school repository without ever losing a byte: new files are created
 * exclusively, existing ones are replaced atomically (write a temporary file beside it,
 * flush it, then rename over the original), so a crash leaves either the old or the new file.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Create a file that must not exist yet (fails with EEXIST otherwise). */
export function writeNewFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "wx");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface AtomicWriteHooks {
  /** Test seam: called after the temporary file is written, before the rename. */
  beforeRename?: (tmpPath: string) => void;
}

/** Replace (or create) `path` atomically, keeping the original file's mode. */
export function writeFileAtomic(path: string, text: string | Uint8Array, hooks: AtomicWriteHooks = {}): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    mode = undefined;
  }
  const fd = openSync(tmp, "wx", mode ?? 0o644);
  try {
    if (typeof text === "string") writeSync(fd, text);
    else writeSync(fd, text); // binary reports (xlsx)
    fsyncSync(fd);
    closeSync(fd);
    hooks.beforeRename?.(tmp);
    renameSync(tmp, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(tmp, { force: true });
    throw e;
  }
}
