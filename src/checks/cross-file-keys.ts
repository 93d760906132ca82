/**
 * What check compares across files, as keys per file: the checks that look at more than one
 * file find a problem only between activities with the same key, so a file's problems can change
 * only when a file sharing one of its keys changes.
 * - duplicate-record: the same teacher, date, kind and folded title (`duplicateKey`);
 * - duplicate-id (and approval's entries): the same ref;
 * - file-place and term-folder: the same id's file in another folder of records/ (or sessions/):
 *   its .yml twin, the place it would move to (`stemOf`).
 * Used by the web server's index of the loaded school (src/serve/file-index.ts) and by check's
 * incremental run (src/cli/check-incremental.ts).
 */
import type { Activity } from "../model.js";
import { reviewEntries } from "../approval/ref.js";
import { duplicateKey } from "./duplicates.js";

export interface CrossFileKeys {
  dup: string[];
  refs: string[];
}

/**
 * One file's keys (its valid and partial activities); `titles` keeps folded titles between calls.
 * Without `refs` no ref is worked out (hashing every record: check's incremental entry leaves them
 * out when no activity has an id, since duplicate-id then finds nothing).
 */
export function crossFileKeys(activities: readonly Activity[], titles: Map<string, string>, refs = true): CrossFileKeys {
  return {
    dup: [...new Set(activities.map((a) => duplicateKey(a, titles)))],
    refs: refs ? [...new Set(reviewEntries(activities).map((e) => e.ref))] : [],
  };
}

/** records/ or sessions/ and the file's id, case folded: the files file-place and term-folder compare. */
export function stemOf(file: string): string {
  return `${file.split("/")[0]}/${file.split("/").at(-1)!.replace(/\.ya?ml$/i, "").toLowerCase()}`;
}
