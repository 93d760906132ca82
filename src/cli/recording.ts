/**
 * An Io whose stdout also goes, piece by piece as it is written, into a result-cache entry
 * (src/cache/results.ts, `textEntry`), and whose stderr is written down for the entry's value.
 * Nothing of stdout is held: each piece is written to the entry at once (a 100,000-record JSON
 * report is 26 MB; held to the end and written there, it cost a cold score ~0.3 s of CPU).
 * A real stream's stdout is encoded once here: the same bytes go out and into the entry.
 */
import type { Io, Writer } from "./io.js";

/** Where stdout's pieces go besides stdout: used at once, never kept (the piece may be reused after). */
export interface TextSink {
  add(piece: string | Uint8Array): void;
}

export interface Recording {
  io: Io;
  /** What was written to stderr. */
  stderr(): string;
}

export function recording(io: Io, text: TextSink): Recording {
  const stderr: string[] = [];
  const out = io.stdout as Writer & { columns?: number; once?: (...a: unknown[]) => unknown; removeListener?: (...a: unknown[]) => unknown };
  // Only a Node stream is sure to take bytes; a test's writer may collect strings.
  const bytes = typeof out.once === "function";
  const stdout: Writer & Record<string, unknown> = {
    write(chunk: string | Uint8Array) {
      const piece = bytes && typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      const written = (out.write as (c: string | Uint8Array) => boolean | void)(piece);
      text.add(piece);
      return written;
    },
    isTTY: out.isTTY,
    columns: out.columns,
  };
  // Back-pressure goes to the real stream (score waits for "drain" on a pipe).
  if (typeof out.once === "function") stdout.once = out.once.bind(out);
  if (typeof out.removeListener === "function") stdout.removeListener = out.removeListener.bind(out);
  const err: Writer = {
    write(chunk: string) {
      stderr.push(chunk);
      return io.stderr.write(chunk);
    },
    isTTY: io.stderr.isTTY,
  };
  return { io: { ...io, stdout, stderr: err }, stderr: () => stderr.join("") };
}
