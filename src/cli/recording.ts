/**
 * An Io whose stdout and stderr are also written down, so a command's output can be kept in
 * the result cache (src/cache/results.ts). Past `limit` characters nothing more is kept (a
 * million-record JSON report is streamed, not held), and `taken()` says there is nothing.
 */
import type { Io, Writer } from "./io.js";

export interface Recording {
  io: Io;
  /** What was written (stdout in the pieces it was written in), or undefined when it grew past the limit. */
  taken(): { stdout: string[]; stderr: string } | undefined;
}

export function recording(io: Io, limit = 64 * 1024 * 1024): Recording {
  const kept = { stdout: [] as string[], stderr: [] as string[] };
  let size = 0;
  let over = false;
  const tee = (w: Writer, into: string[]): Writer => {
    const stream = w as Writer & { columns?: number; once?: (...a: unknown[]) => unknown; removeListener?: (...a: unknown[]) => unknown };
    const copy: Writer & Record<string, unknown> = {
      write(chunk: string) {
        if (!over) {
          size += chunk.length;
          if (size > limit) over = true;
          else into.push(chunk);
        }
        return w.write(chunk);
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
    io: { ...io, stdout: tee(io.stdout, kept.stdout), stderr: tee(io.stderr, kept.stderr) },
    taken: () => (over ? undefined : { stdout: kept.stdout, stderr: kept.stderr.join("") }),
  };
}
