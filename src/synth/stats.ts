/** What the generator yields, and the counts it gathers on the way (src/synth/generate.ts). */

export type SchoolFile = [path: string, text: string];

/** Counts gathered while generating; pass an object to fill. */
export interface SchoolStats {
  teachers: number;
  groups: number;
  recordFiles: number;
  records: number;
  sessionFiles: number;
  sessions: number;
  attendance: number;
  /** Attendance entries other than 出勤. */
  notPresent: number;
  evidenceFiles: number;
  files: number;
  byKind: Record<string, number>;
  /** Teacher ids with more than 8 reflections in one year. */
  manyReflections: string[];
  /** Teacher ids who observed fewer than 10 lessons in some complete term. */
  fewObservations: string[];
  /** Teacher ids whose ethics notes are under 5000 字. */
  shortEthics: string[];
}

export function emptyStats(): SchoolStats {
  return {
    teachers: 0, groups: 0, recordFiles: 0, records: 0, sessionFiles: 0, sessions: 0, attendance: 0,
    notPresent: 0, evidenceFiles: 0, files: 0, byKind: {}, manyReflections: [], fewObservations: [], shortEthics: [],
  };
}

export function addStats(into: SchoolStats, s: SchoolStats): void {
  for (const k of ["teachers", "groups", "recordFiles", "records", "sessionFiles", "sessions", "attendance", "notPresent", "evidenceFiles", "files"] as const) {
    into[k] += s[k];
  }
  for (const [k, v] of Object.entries(s.byKind)) into.byKind[k] = (into.byKind[k] ?? 0) + v;
}
