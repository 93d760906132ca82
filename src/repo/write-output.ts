/**
 * A file the user named for output (`-o report.xlsx`, `-o /dev/null`). A regular file, or one
 * not there yet, is written whole or not at all (writeFileAtomic). What is not a regular file
 * is written into, as a shell's `>` does: renaming a temporary file over a device or a pipe
 * would replace the device itself (run as root, `-o /dev/null` left a regular file at
 * /dev/null and broke every program that writes there). A link is followed, so the link stays
 * and what it names is written.
 */
import { realpathSync } from "node:fs";
import { errorCode, isMissing, nodeFs, type FileStat, type WriteFs } from "./fs.js";
import { WriteStepError, writeAll, writeFileAtomic, toBytes } from "./write.js";

export interface OutputWriteOptions {
  fs?: WriteFs;
  /** Where a link leads (node's realpathSync by default). */
  realpath?: (path: string) => string;
}

export function writeOutputFile(path: string, data: string | Uint8Array, options: OutputWriteOptions = {}): void {
  const fs = options.fs ?? nodeFs;
  let target = path;
  let stat = lstatOrNone(fs, target);
  if (stat?.isSymbolicLink()) {
    try {
      target = (options.realpath ?? realpathSync)(path);
      stat = lstatOrNone(fs, target);
    } catch (e) {
      // A link to nothing is replaced by the file (its target's folder may not even exist).
      if (!isMissing(e)) throw new WriteStepError("open", errorCode(e), false, { cause: e });
      target = path;
      stat = undefined;
    }
  }
  if (!stat || stat.isFile() || stat.isSymbolicLink()) return writeFileAtomic(target, data, { fs });
  if (stat.isDirectory()) throw new WriteStepError("open", "EISDIR");
  writeInto(fs, target, toBytes(data));
}

function lstatOrNone(fs: WriteFs, path: string): FileStat | undefined {
  try {
    return fs.lstatSync(path);
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw new WriteStepError("open", errorCode(e), false, { cause: e });
  }
}

/** A device, pipe or socket: opened for writing (never created, never renamed over) and written. */
function writeInto(fs: WriteFs, path: string, bytes: Uint8Array): void {
  let fd: number;
  try {
    fd = fs.openSync(path, "w"); // as `>`: a pipe waits here for its reader
  } catch (e) {
    throw new WriteStepError("open", errorCode(e), false, { cause: e });
  }
  try {
    writeAll(fs, fd, bytes);
  } catch (e) {
    throw new WriteStepError("write", errorCode(e), false, { cause: e });
  } finally {
    fs.closeSync(fd);
  }
}
