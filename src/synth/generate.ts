/**
 * Deterministic generator of realistic school repositories.
 *
 * `schoolFiles(opts)` yields [path, text] pairs one at a time (config and roster first, then one
 * record file per teacher per term, then one session file per group per term, README last), so a
 * benchmark can write a million activities without holding them. Every part draws from its own
 * seeded stream, so the same options always give byte-identical files.
 */
import { buildPlan, schoolSeed } from "./plan.js";
import type { SchoolOptions } from "./plan-types.js";
import { SCHOOL_NAMES } from "./words.js";
import { addStats, emptyStats, type SchoolFile, type SchoolStats } from "./stats.js";
import { configText, GITIGNORE, readmeText, rosterText } from "./school-texts.js";
import { activeSpan, teacherTermFile } from "./teacher-files.js";
import { groupTermFile } from "./session-files.js";

export type { SchoolOptions } from "./plan-types.js";
export { emptyStats, type SchoolFile, type SchoolStats } from "./stats.js";
export { configText, rosterText } from "./school-texts.js";

/** Yields every file of the school, one at a time. */
export function* schoolFiles(opts: SchoolOptions, stats: SchoolStats = emptyStats()): Generator<SchoolFile> {
  const plan = buildPlan(opts);
  stats.teachers = plan.teachers.length;
  stats.groups = plan.groups.length;
  const emit = (f: SchoolFile): SchoolFile => {
    stats.files++;
    return f;
  };
  yield emit(["yanxiu.yaml", configText(plan)]);
  yield emit(["roster.yaml", rosterText(plan)]);
  yield emit([".gitignore", GITIGNORE]);

  const many = new Set<string>();
  const few = new Set<string>();
  for (const year of plan.years) {
    const reflections = new Map<number, number>();
    for (const term of year.terms) {
      for (const t of plan.teachers) {
        const f = teacherTermFile(plan, t, term);
        if (!f) continue;
        for (const e of f.evidence) yield emit(e);
        stats.evidenceFiles += f.evidence.length;
        stats.recordFiles++;
        stats.records += f.records;
        for (const k of f.kinds) stats.byKind[k] = (stats.byKind[k] ?? 0) + 1;
        reflections.set(t.idx, (reflections.get(t.idx) ?? 0) + f.reflections);
        if (f.observed < 10 && activeSpan(plan, t, term)![1] >= term.endDay - 14) few.add(t.id);
        yield emit([f.path, f.text]);
      }
      for (const grp of plan.groups) {
        const f = groupTermFile(plan, grp, term);
        if (!f) continue;
        for (const e of f.evidence) yield emit(e);
        stats.evidenceFiles += f.evidence.length;
        stats.sessionFiles++;
        stats.sessions += f.sessions;
        stats.attendance += f.attendance;
        stats.notPresent += f.notPresent;
        yield emit([f.path, f.text]);
      }
    }
    for (const [i, c] of reflections) if (c > 8) many.add(plan.teachers[i]!.id);
  }
  stats.manyReflections = [...many].sort();
  stats.fewObservations = [...few].sort();
  stats.shortEthics = plan.teachers.filter((t) => t.shortEthics).map((t) => t.id);
  if (plan.opts.readme) yield emit(["README.md", readmeText(plan, stats)]);
}

/** The whole school in memory: repo-relative path → file text. */
export function generateSchool(opts: SchoolOptions, stats?: SchoolStats): Map<string, string> {
  return new Map(schoolFiles(opts, stats));
}

/**
 * Several schools, each a complete repository under `<school-id>/` (s01, s02, …), for
 * district-sized benchmarks. Each school gets its own seed derived from `seed`.
 */
export function* districtFiles(
  opts: Omit<SchoolOptions, "schoolName"> & { schools: number },
  stats: SchoolStats = emptyStats(),
): Generator<SchoolFile> {
  const width = Math.max(2, String(opts.schools).length);
  for (let s = 0; s < opts.schools; s++) {
    const id = `s${String(s + 1).padStart(width, "0")}`;
    const base = SCHOOL_NAMES[s % SCHOOL_NAMES.length]!;
    const name = s < SCHOOL_NAMES.length ? base : `${base}（${Math.floor(s / SCHOOL_NAMES.length) + 1}分校）`;
    const part = emptyStats();
    const { schools: _schools, ...rest } = opts;
    for (const [p, text] of schoolFiles({ ...rest, seed: schoolSeed(opts.seed, s), schoolName: name, emailDomain: `${id}.school.edu.cn` }, part)) {
      yield [`${id}/${p}`, text];
    }
    addStats(stats, part);
  }
}
