/**
 * Score a dataset a few teachers at a time, reporting progress between chunks. Teachers are
 * scored independently, so the merged result equals one scoreDataset call.
 */
import type { Dataset } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { scoreDataset } from "../score/evaluate.js";
import type { Period, ScoreResult } from "../score/types.js";

export function scoreWithProgress(dataset: Dataset, scheme: Scheme, period: Period, onProgress?: (done: number, total: number) => void, chunk = 8): ScoreResult {
  const teachers = [...dataset.roster.teachers].sort((x, y) => x.id.localeCompare(y.id));
  if (!onProgress || teachers.length <= chunk) {
    const r = scoreDataset(dataset, scheme, period);
    onProgress?.(teachers.length, teachers.length);
    return r;
  }
  let merged: ScoreResult | undefined;
  for (let i = 0; i < teachers.length; i += chunk) {
    const part = teachers.slice(i, i + chunk);
    const ids = new Set(part.map((x) => x.id));
    const r = scoreDataset({ ...dataset, roster: { ...dataset.roster, teachers: part }, activities: dataset.activities.filter((a) => ids.has(a.teacher)) }, scheme, period);
    merged = merged ? { ...merged, teachers: [...merged.teachers, ...r.teachers], notScored: [...merged.notScored, ...r.notScored], trace: [...merged.trace, ...r.trace] } : r;
    onProgress(Math.min(i + chunk, teachers.length), teachers.length);
  }
  return merged!;
}
