/**
 * What a check or plain score the result cache cannot answer needs beyond the warm path
 * (src/cli/warm.ts): the incremental runs (src/cli/check-incremental.ts: the loading pipeline, the
 * checks, zod, yaml), the whole check (src/cli/check-run.ts), the whole score (src/cli/score-whole.ts)
 * and the formatters. `npm run build` bundles them into one CommonJS file, dist/cli/incremental.cjs
 * (scripts/build-warm.js), which the warm path requires when its result cache missed, in place of
 * those modules' dynamic imports: the run then goes on in the same process instead of starting
 * the full CLI (ES modules, ~200 modules read through promises) from the beginning: a cold check
 * or plain score at 100,000 records ~0.2 s faster. The bundle is missing, or a whole check or score
 * throws: WARM_MISS, and the full CLI runs as before.
 */
import "./zod-jitless.js"; // first: before any schema is made
export * as checkIncremental from "./check-incremental.js";
export * as checkRun from "./check-run.js";
export * as scoreWhole from "./score-whole.js";
export * as problems from "../format/problems.js";
export * as problemsCi from "../format/problems-ci.js";
export * as problemsText from "../format/problems-text.js";
export * as ci from "../templates/ci.js";
export * as writeOutput from "../repo/write-output.js";
