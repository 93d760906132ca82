/** Writes result-cache entries laid out as src/cache/entry-layout.ts says, text first. */
import { join } from "node:path";
import type { WriteFs } from "../repo/fs.js";
import { processAlive } from "../repo/lock.js";
import { quietUnlink, tempPathFor, writeAll } from "../repo/write.js";
import { trailerFor } from "./entry-layout.js";
import { SIGNATURE_LINE, signer, type Mac } from "./secret.js";

/** An entry being written: its text as it comes, then its header. */
export interface EntryWriter {
  /** Appends to the text: signed and written at once, the piece not kept (a buffer may be reused after). */
  add(piece: string | Uint8Array): void;
  /** Writes the header (one line of JSON, no newline) and the signature, and puts the entry in place. */
  finish(header: string): void;
  /** Drops what was written: the entry before, if any, stays. */
  abandon(): void;
}

/**
 * Starts an entry at `path`, written to a temporary file beside it. A failure of any step
 * removes that file and throws; after it, `add` and `finish` throw and `abandon` does nothing.
 * Unlike a school file the entry is not flushed to disk (no fsync): an entry cut short by a
 * crash fails its signature and is a miss, so flushing a report's megabytes buys nothing.
 */
export function startEntry(fs: WriteFs, secret: Buffer, path: string): EntryWriter {
  const tmp = tempPathFor(path);
  const fd = fs.openSync(tmp, "wx", 0o644);
  let open = true;
  let mac: Mac;
  const close = (): void => {
    if (!open) return;
    open = false;
    try {
      fs.closeSync(fd);
    } catch {
      /* the first error is the one that matters */
    }
    quietUnlink(fs, tmp);
  };
  /** Runs a step; on failure nothing of the entry is left. */
  const step = (what: () => void): void => {
    if (!open) throw new Error("the cache entry was abandoned");
    try {
      what();
    } catch (e) {
      close();
      throw e;
    }
  };
  step(() => {
    mac = signer(secret);
    writeAll(fs, fd, Buffer.alloc(SIGNATURE_LINE, 0x0a)); // the signature's place
  });
  const append = (bytes: Uint8Array): void => {
    mac.update(bytes);
    writeAll(fs, fd, bytes);
  };
  return {
    add: (piece) => step(() => append(typeof piece === "string" ? Buffer.from(piece, "utf8") : piece)),
    finish(header) {
      step(() => {
        const line = Buffer.from(`${header}\n`, "utf8");
        append(line);
        append(trailerFor(line.length));
        writeAll(fs, fd, Buffer.from(`${mac.digest().toString("hex")}\n`, "latin1"), 0);
        fs.closeSync(fd);
        open = false;
      });
      try {
        fs.renameSync(tmp, path);
      } catch (e) {
        quietUnlink(fs, tmp);
        throw e;
      }
    },
    abandon: close,
  };
}

/**
 * Removes the temporary files of writers that died before their rename (killed half way
 * through a report, or ended by a closed pipe): ".<entry>.<pid>.<n>.tmp" whose process is gone.
 */
export function removeDeadWriters(fs: WriteFs, folder: string, alive: (pid: number) => boolean = processAlive): void {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^\..+\.(\d+)\.\d+\.tmp$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) quietUnlink(fs, join(folder, name));
  }
}

const IGNORE_ALL = Buffer.from("# yanxiu's cache: never committed\n*\n", "utf8");

/**
 * The cache folder's own .gitignore, so that git never offers the cache to be committed. Not
 * flushed to disk: an fsync waits for the disk to write out whatever else is pending (on a
 * busy disk, seconds, measured), and a file cut short by a crash has the wrong size and is
 * written again by the next run that puts an entry.
 */
export function ensureIgnored(fs: WriteFs, cacheDir: string): void {
  const path = join(cacheDir, ".gitignore");
  try {
    if (fs.lstatSync(path).size === IGNORE_ALL.length) return;
  } catch {
    /* not there yet */
  }
  const tmp = tempPathFor(path);
  try {
    const fd = fs.openSync(tmp, "wx", 0o644);
    try {
      writeAll(fs, fd, IGNORE_ALL);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path);
  } catch (e) {
    quietUnlink(fs, tmp);
    throw e;
  }
}
