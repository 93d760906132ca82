/**
 * score's answer from the result cache, without commander: the output a score printed to
 * stdout is kept (src/cache/results.ts), so an unchanged repository answers at the cost of a
 * stat of every file. Used by score's action, and before commander is loaded for the plainest
 * score command lines (cli/plain-args.ts), which then hand the very same options.
 */
import { DEFAULT_WIDTH } from "../format/width.js";
import { today, useColour, type Io } from "./io.js";
import { locateRepo, resultCacheFor } from "./repo-locate.js";
import { scoreIncrementalPurpose } from "./incremental-purpose.js";
import type { ResultCache } from "../cache/results.js";
import type { ScoreOptions } from "./score.js";
import type { Lang } from "../i18n.js";

export interface ScoreCacheLookup {
  cache: ResultCache | undefined;
  purpose: unknown[];
  root: string;
  lang: Lang;
  /** The kept output was written: nothing else to do (exit 0, as only such runs are kept). */
  answered: boolean;
}

/** Opens the cache (never with -o: a file written is made afresh) and prints the kept output, if any. */
export async function scoreFromCache(io: Io, dir: string | undefined, opts: ScoreOptions, langFlag: string | undefined): Promise<ScoreCacheLookup> {
  const { root, lang } = locateRepo(io, dir, langFlag);
  const cache = opts.output ? undefined : await resultCacheFor(io, root);
  const purpose = ["score", lang, today(io.env), opts, terminalWidth(io), useColour(io)];
  // The stamp (taken by the look below) keeps its walk as a table of files only when an
  // incremental entry is there to compare it with (src/cli/score-incremental.ts).
  cache?.tableWanted(scoreIncrementalPurpose(purpose));
  const hit = cache?.getWithText<{ stderr: string }>(purpose);
  if (!hit) return { cache, purpose, root, lang, answered: false };
  io.stderr.write(hit.value.stderr);
  await hit.text.copyTo((piece) => writeAndWait(io, piece));
  return { cache, purpose, root, lang, answered: true };
}

/**
 * Write, and when the stream asks for it (a pipe is written asynchronously, so unread output
 * would pile up in memory), wait until it has drained, is closed or has failed. True when the
 * stream then holds nothing written so far (the chunk's buffer may be reused): it waited, or
 * it says it holds nothing (a file is written at once, and so is what fits in a pipe).
 */
export async function writeAndWait(io: Io, chunk: string | Buffer): Promise<boolean> {
  // Bytes go out as they are (io.stdout is process.stdout for the real binary).
  if ((io.stdout.write as (chunk: string | Buffer) => boolean | void)(chunk) !== false) {
    // Without this a cached report copied to a file took a fresh megabyte for each piece.
    return (io.stdout as { writableLength?: number }).writableLength === 0;
  }
  const stream = io.stdout as Partial<Pick<NodeJS.WritableStream, "once" | "removeListener">>;
  if (typeof stream.once !== "function" || typeof stream.removeListener !== "function") return false;
  const events = ["drain", "error", "close"];
  await new Promise<void>((done) => {
    const settle = () => {
      for (const event of events) stream.removeListener!(event, settle);
      done();
    };
    for (const event of events) stream.once!(event, settle);
  });
  return true;
}

/** COLUMNS when set (as the shell sets it), else the terminal's width, else 120 (pipes, files). */
export function terminalWidth(io: Io): number {
  const fromEnv = Number(io.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const cols = (io.stdout as { columns?: number }).columns;
  return io.stdout.isTTY && cols && cols > 0 ? cols : DEFAULT_WIDTH;
}

