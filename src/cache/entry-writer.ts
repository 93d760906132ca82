/** Writes result-cache entries laid out as src/cache/entry-layout.ts says, text first. */
import { join } from "node:path";
import type { WriteFs } from "../repo/fs.js";
import { processAlive } from "../repo/lock.js";
import { quietUnlink, tempPathFor, writeAll } from "../repo/write.js";
import { trailerFor } from "./entry-layout.js";
import { SIGNATURE_LINE, signer, type Mac } from "./secret.js";

/** Writes all of `bytes` at `position` of an open file, off the main thread; rejects on failure. */
export type WriteAt = (fd: number, bytes: Uint8Array, position: number) => Promise<void>;

/** An entry being written: its text as it comes, then its header. */
export interface EntryWriter {
  /**
   * Appends to the text: signed at once, and written at once, or with `writeAt` handed to the
   * thread pool (the piece must then stay unchanged until `written` resolves, as a piece given
   * to a pipe must until it drained).
   */
  add(piece: string | Uint8Array): void;
  /** Resolves once every piece added is on its way to disk; rejects (and drops the entry) if one failed. */
  written(): Promise<void>;
  /** Writes the header (one line of JSON, no newline) and the signature, and puts the entry in place. After `written`. */
  finish(header: string): void;
  /** Drops what was written (once the pieces under way are): the entry before, if any, stays. */
  abandon(): void;
}

/**
 * Starts an entry at `path`, written to a temporary file beside it. A failure of any step
 * removes that file and throws; after it, `add` and `finish` throw and `abandon` does nothing.
 * Unlike a school file the entry is not flushed to disk (no fsync): an entry cut short by a
 * crash fails its signature and is a miss, so flushing a report's megabytes buys nothing.
 *
 * With `writeAt` the text's pieces are written by the thread pool, each at its own place, while
 * the run makes the next one: copying a 26 MB report into the page cache is ~50 ms of the
 * kernel's time that the run's own thread then does not wait for.
 */
export function startEntry(fs: WriteFs, secret: Buffer, path: string, writeAt?: WriteAt): EntryWriter {
  const tmp = tempPathFor(path);
  const fd = fs.openSync(tmp, "wx", 0o644);
  let open = true;
  let mac: Mac;
  /** Where the next piece goes. */
  let position = 0;
  /** Pieces handed to the thread pool and not yet written; the file is closed only once none is. */
  let underWay = 0;
  let failure: unknown;
  let closeWhenWritten = false;
  const idle: (() => void)[] = [];
  const closeNow = (): void => {
    try {
      fs.closeSync(fd);
    } catch {
      /* the first error is the one that matters */
    }
    quietUnlink(fs, tmp);
  };
  const close = (): void => {
    if (!open) return;
    open = false;
    if (underWay > 0) closeWhenWritten = true;
    else closeNow();
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
  const writeHere = (bytes: Uint8Array): void => {
    writeAll(fs, fd, bytes, position);
    position += bytes.length;
  };
  const handOver = (bytes: Uint8Array): void => {
    underWay++;
    writeAt!(fd, bytes, position).then(
      () => {},
      (e: unknown) => {
        failure ??= e;
      },
    ).finally(() => {
      if (--underWay > 0) return;
      if (closeWhenWritten) closeNow();
      for (const done of idle.splice(0)) done();
    });
    position += bytes.length;
  };
  step(() => {
    mac = signer(secret);
    writeHere(Buffer.alloc(SIGNATURE_LINE, 0x0a)); // the signature's place
  });
  return {
    add: (piece) =>
      step(() => {
        if (failure) throw failure;
        const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
        mac.update(bytes);
        if (writeAt) handOver(bytes);
        else writeHere(bytes);
      }),
    async written() {
      if (underWay > 0) await new Promise<void>((done) => idle.push(done));
      if (failure) {
        close();
        throw failure;
      }
    },
    finish(header) {
      step(() => {
        if (underWay > 0) throw new Error("the entry's text is still being written");
        if (failure) throw failure;
        const line = Buffer.from(`${header}\n`, "utf8");
        const trailer = trailerFor(line.length);
        mac.update(line).update(trailer);
        writeHere(Buffer.concat([line, trailer]));
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
