/**
 * An Io whose stdout and stderr are also written down, so a command's output can be kept in
 * the result cache (src/cache/results.ts). Past `limit` bytes nothing more is kept (a
 * million-record JSON report is streamed, not held), and `taken()` says there is nothing.
 * A real stream's stdout is encoded once here: the same bytes go out and into the cache (a
 * 100,000-record JSON report is 26 MB: encoding it twice cost a cold score ~0.1 s).
 */
import type { Io, Writer } from "./io.js";

export interface Recording {
  io: Io;
  /** What was written (stdout in the pieces it was written in), or undefined when it grew past the limit. */
  taken(): { stdout: (string | Buffer)[]; stderr: string } | undefined;
}

export function recording(io: Io, limit = 64 * 1024 * 1024): Recording {
  const kept = { stdout: [] as (string | Buffer)[], stderr: [] as string[] };
  let size = 0;
  let over = false;
  const tee = (w: Writer, into: (string | Buffer)[], asBytes: boolean): Writer => {
    const stream = w as Writer & { columns?: number; once?: (...a: unknown[]) => unknown; removeListener?: (...a: unknown[]) => unknown };
    // Only a Node stream is sure to take bytes; a test's writer may collect strings.
    const bytes = asBytes && typeof stream.once === "function";
    const copy: Writer & Record<string, unknown> = {
      write(chunk: string) {
        const piece = bytes ? Buffer.from(chunk, "utf8") : chunk;
        if (!over) {
          size += bytes ? piece.length : Buffer.byteLength(chunk, "utf8");
          if (size > limit) {
            over = true;
            // Nothing will be kept: let go of what was (at a million records, 64 MB held to the end).
            into.length = 0;
          } else into.push(piece);
        }
        return (w.write as (c: string | Buffer) => boolean | void)(piece);
      },
      isTTY: w.isTTY,
      columns: stream.columns,
    };
    // Back-pressure goes to the real stream (score waits for "drain" on a pipe).
    if (typeof stream.once === "function") copy.once = stream.once.bind(stream);
    if (typeof stream.removeListener === "function") copy.removeListener = stream.removeListener.bind(stream);
    return copy;
  };
  return {
    io: { ...io, stdout: tee(io.stdout, kept.stdout, true), stderr: tee(io.stderr, kept.stderr, false) },
    taken: () => (over ? undefined : { stdout: kept.stdout, stderr: kept.stderr.join("") }),
  };
}
