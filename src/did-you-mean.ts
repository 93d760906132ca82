/**
 * The closest of some names to a mistyped one. Its own module, importing no folder, so the
 * command line can suggest a command or check name without loading the schema code (yaml).
 */
import { closest, distance } from "fastest-levenshtein";

/** Suggest the closest candidate when it is plausibly a typo (distance small relative to length). */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || !input) return undefined;
  const best = closest(input, candidates as string[]);
  const dist = distance(input, best);
  return dist <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
