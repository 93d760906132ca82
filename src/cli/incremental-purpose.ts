/**
 * The names the incremental entries are kept under (src/cli/check-incremental.ts,
 * src/cli/score-incremental.ts): the whole run's purpose under its own name and format. Apart,
 * so that the warm path (src/cli/check.ts, src/cli/score-warm.ts) can ask for the stamp's table
 * of files only when such an entry is there to compare it with.
 */
export const INCREMENTAL_FORMAT = 2;

export const incrementalPurpose = (purpose: readonly unknown[]): unknown[] => ["check-incremental", INCREMENTAL_FORMAT, ...purpose.slice(1)];

export const SCORE_INCREMENTAL_FORMAT = 1;

export const scoreIncrementalPurpose = (purpose: readonly unknown[]): unknown[] => ["score-incremental", SCORE_INCREMENTAL_FORMAT, ...purpose.slice(1)];
