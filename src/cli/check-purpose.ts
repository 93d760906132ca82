/**
 * The name check's incremental entry is kept under (src/cli/check-incremental.ts): the whole
 * check's purpose under its own name and format. Apart, so that the warm path (src/cli/check.ts)
 * can ask for the stamp's table of files only when such an entry is there to compare it with.
 */
export const INCREMENTAL_FORMAT = 2;

export const incrementalPurpose = (purpose: readonly unknown[]): unknown[] => ["check-incremental", INCREMENTAL_FORMAT, ...purpose.slice(1)];
