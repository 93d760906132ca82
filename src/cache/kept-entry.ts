/**
 * The entry an incremental run (check's, score's) starts from: kept for this purpose, well formed,
 * made for this folder by this build of the tool. Anything else is a reason to run whole.
 */
import type { ReadFs } from "../repo/fs.js";
import type { ResultCache } from "./results.js";
import { toolFingerprint } from "./tool-stamp.js";

export function keptEntry<T extends { root: string; tool: string }>(
  cache: ResultCache, purpose: unknown, root: string, fs: ReadFs, wellFormed: (e: T | undefined) => e is T,
): T | { whole: string } {
  const kept = cache.getSigned<T>(purpose);
  if (!wellFormed(kept)) return { whole: "no entry" };
  if (kept.root !== root) return { whole: "another folder's entry" };
  if (kept.tool !== toolFingerprint(fs)) return { whole: "another build of the tool" };
  return kept;
}
