/** Writing generated files to disk. */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SchoolFile } from "./generate.js";

/**
 * Writes every [path, text] pair under `dir`, creating folders as needed. Accepts a Map or any
 * iterable (such as the `schoolFiles` generator), so files stream to disk without being held.
 * Returns the number of files written.
 */
export function writeSchool(dir: string, files: Iterable<SchoolFile> | Map<string, string>): number {
  const made = new Set<string>();
  let n = 0;
  for (const [rel, text] of files) {
    if (rel.startsWith("/") || rel.split("/").includes("..")) throw new Error(`refusing to write outside ${dir}: ${rel}`);
    const path = join(dir, rel);
    const parent = dirname(path);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(path, text);
    n++;
  }
  return n;
}

/** Removes the generated folders (records, sessions, evidence) so a rerun leaves no stale files. */
export function cleanGenerated(dir: string): void {
  for (const sub of ["records", "sessions", "evidence"]) rmSync(join(dir, sub), { recursive: true, force: true });
}
