/** Applying fixes (ESLint's way): in order of position, each on the original text, one that overlaps an earlier one left for the next pass. */
import type { Fix } from "../problem.js";

export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[]; skipped: Fix[] } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  let out = "";
  let at = 0;
  for (const f of sorted) {
    if (f.range[0] < at || f.range[1] < f.range[0] || f.range[1] > text.length) {
      skipped.push(f);
      continue;
    }
    out += text.slice(at, f.range[0]) + f.text;
    at = f.range[1];
    applied.push(f);
  }
  return { text: out + text.slice(at), applied, skipped };
}
