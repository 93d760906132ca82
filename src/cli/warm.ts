/**
 * The warm path's entry: `npm run build` bundles it, with the modules a warm check or score
 * needs, into one CommonJS file (dist/cli/warm.cjs, scripts/build-warm.js) that bin/yanxiu.js
 * loads first. node loads CommonJS without its ES module loader (which reads every module through
 * promises, one round trip after another) and one file instead of ~25: a warm run costs ~30 ms
 * less CPU (docs/benchmark.md, ninth round).
 *
 * In the bundle every dynamic import of a module left out of it (commander, the whole check, every
 * other command) is replaced by one that throws `WARM_MISS`: the run is then not answered here
 * (nothing has been written yet) and bin/yanxiu.js runs the full CLI (ES modules) from the start.
 * So no module of the bundle ever meets its twin from dist/ (no two UsageError classes, no two
 * tables of exit codes). A check the result cache cannot answer is the exception: its modules
 * (the incremental check, the whole check, the loading pipeline, and after them the formatters:
 * src/cli/incremental-path.ts) come from a second bundle, dist/cli/incremental.cjs, given only the
 * Io, the cache and plain data. When the incremental check gives no answer, the whole check runs
 * from the same bundle (a cold check never loads the full CLI's ~200 ES modules, nor opens the cache
 * and takes its stamp a second time); anything the whole check throws ends the warm path (main's
 * catch loads commander: WARM_MISS) and the full CLI runs the check again from the start,
 * without trying the incremental check again (`io.incrementalTried`).
 */
import { main } from "./main.js";
import { plainCheckArgs, plainScoreArgs } from "./plain-args.js";
import type { Io } from "./io.js";

export { guardOutput } from "./closed-pipe.js";

/** What the bundle's stand-in for a module left out of it throws (scripts/build-warm.js). */
export const WARM_MISS = "yanxiu:warm-miss";

const isWarmMiss = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === WARM_MISS;

/**
 * The exit code when the warm path answered the command by itself; undefined when the full CLI
 * must run it (not a plain check or score, or a module left out of the bundle was needed).
 */
export async function answerWarm(io: Io): Promise<number | undefined> {
  if (!plainCheckArgs(io.argv) && !plainScoreArgs(io.argv)) return undefined;
  try {
    return await main(io);
  } catch (e) {
    // main catches everything but what its own catch throws: its first step there imports commander.
    if (isWarmMiss(e)) return undefined;
    throw e;
  }
}
