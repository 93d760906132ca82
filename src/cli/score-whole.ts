/**
 * A score the result cache could not answer: after a few changed files the last score's
 * outcomes with only the teachers they name scored again (score-incremental.ts), else the
 * whole school scored (score-run.ts), the report kept for the next run. Called by score's action
 * (through commander) and, for the plainest command lines, by main() without commander: then
 * from the warm path's second bundle (dist/cli/incremental.cjs), so a cold score never loads the
 * full CLI's ES modules nor opens the cache a second time. No commander here: `program` is
 * whatever holds the run's exit code (commander's command, or a stand-in; io.ts).
 */
import { EXIT, getExitCode, UsageError, type Io } from "./io.js";
import { recording } from "./recording.js";
import type { ScoreCacheLookup } from "./score-warm.js";
import type { ScoreOptions } from "./score.js";
import { scoreIncrementally, tableBeforeWhole, keepAfterWhole } from "./score-incremental.js";
import { scoreCommand, writeScore } from "./score-run.js";

/** A larger report is not kept (a million-record JSON report is hundreds of MB): streamed, not cached. */
const KEPT_BYTES = 64 * 1024 * 1024;

type Program = Parameters<typeof getExitCode>[0] & Parameters<typeof scoreCommand>[1];

export async function scoreWhole(io: Io, program: Program, lookup: ScoreCacheLookup, dir: string | undefined, opts: ScoreOptions): Promise<void> {
  const { cache, purpose, root, lang } = lookup;
  // After a few record or session files changed: the last score's outcomes, with only the teachers they name scored again.
  const again = cache && scoreIncrementally(io, cache, purpose, root, lang, opts);
  // The report goes into the entry as it goes to stdout.
  const entry = cache?.textEntry(purpose, KEPT_BYTES);
  if (again) {
    const rec = entry && recording(io, entry);
    const out = rec?.io ?? io;
    try {
      if (again.warning) out.stderr.write(again.warning);
      await writeScore(out, again.report);
    } catch (e) {
      entry?.abandon();
      throw e;
    }
    if (getExitCode(program) === EXIT.ok) {
      entry?.finish({ stderr: rec!.stderr() });
      again.keep();
    } else entry?.abandon();
    return;
  }
  // The files' stats before anything is read, for the next run's incremental score.
  const table = cache && tableBeforeWhole(io, cache, purpose, root);
  // Read through the cache's fs: the entry's stamp is taken from this run's own looks at the files.
  const rec = entry && recording({ ...io, readFs: cache!.readFs }, entry);
  let whole;
  try {
    whole = await scoreCommand(rec?.io ?? io, program, dir, opts);
  } catch (e) {
    entry?.abandon();
    throw e;
  }
  // Only a run that ended well is kept.
  if (getExitCode(program) === EXIT.ok) {
    entry?.finish({ stderr: rec!.stderr() });
    if (table && whole) keepAfterWhole(io, cache!, purpose, root, table, whole);
  } else entry?.abandon();
}

/**
 * scoreWhole for a plain command line, without commander: the exit code, a usage error
 * written as main() writes one (so that it is written from the second bundle too, whose
 * UsageError main's catch would not know).
 */
export async function scorePlain(io: Io, lookup: ScoreCacheLookup, dir: string | undefined, opts: ScoreOptions, lang: string | undefined): Promise<number> {
  const program = { parent: null, optsWithGlobals: () => (lang === undefined ? {} : { lang }) };
  try {
    await scoreWhole(io, program as unknown as Program, lookup, dir, opts);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`yanxiu: ${e.message}\n`);
    return EXIT.failure;
  }
  return getExitCode(program);
}
