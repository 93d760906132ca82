/** What every check receives, and the helpers they share to point at a record's fields. */
import type { Msg, Problem, Severity } from "../problem.js";
import type { Activity, Dataset } from "../model.js";
import type { LoadedRepo } from "../pipeline/load.js";
import type { Unsure } from "../pipeline/lenient-files.js";
import { makeProblem, problemAt, type YamlPath, type YamlSource } from "../repo/yaml-source.js";
import type { ClosedBaseline } from "./closed-terms.js";

export interface CheckContext {
  repo: LoadedRepo;
  /** Today's date, YYYY-MM-DD; passed in so tests are reproducible. */
  today: string;
  source(file: string): YamlSource | undefined;
  /**
   * The repo's dataset; when the config or roster has errors, what is valid of them (the
   * runner skips the checks that need the broken parts: see Check.needs).
   */
  dataset?: Dataset;
  /** Every activity found, partial ones included (see schema/activities.ts). */
  activities: Activity[];
  /** The same, one per written entry: a session's per-member activities count once. */
  entries: Activity[];
  /** Entries, and records whose other core fields are unreadable, that have this field. */
  entriesWith(field: "date" | "kind"): Activity[];
  /** Closed terms' files at their closing points, by term id (read from git by the shell). */
  closed?: ReadonlyMap<string, ClosedBaseline>;
  /** Links to folders under records/ and sessions/, when the caller has listed them already (symlinks.ts lists them otherwise). */
  linkedFolders?: readonly string[];
}

export interface Check {
  /** Stable name, used in output and to switch the check off. */
  name: string;
  severity: Severity;
  description: { zh: string; en: string };
  /** What must be known for the check to mean anything; when a broken file leaves it unknown, the check does not run. */
  needs?: readonly Unsure[];
  run(ctx: CheckContext): Problem[];
}

export function makeContext(repo: LoadedRepo, today: string, closed?: ReadonlyMap<string, ClosedBaseline>, linkedFolders?: readonly string[]): CheckContext {
  const byFile = new Map(repo.files.map((f) => [f.file, f.source]));
  const dataset = repo.dataset ?? repo.checkable;
  const activities = [...(dataset?.activities ?? []), ...repo.partialActivities];
  const entries = distinctEntries(activities);
  const stubs = distinctEntries(repo.stubActivities ?? []);
  const entriesWith = (field: "date" | "kind") => [...entries, ...stubs.filter((a) => a[field] !== "")];
  return { repo, today, source: (file) => byFile.get(file), dataset, activities, entries, entriesWith, closed, linkedFolders };
}

/** The YAML path of an activity's field inside its file (record or session). */
export function activityPath(a: Activity, field?: string): YamlPath {
  const base: (string | number)[] = a.group ? ["sessions", a.origin.index] : ["records", a.origin.index];
  return field ? [...base, field] : base;
}

/** A problem at an activity's field; falls back to the activity's line when the source is gone. */
export function atActivity(
  ctx: CheckContext,
  a: Activity,
  field: string | undefined,
  check: string,
  message: Msg | string,
  hint?: Msg | string,
  severity: Severity = "error",
): Problem {
  const src = ctx.source(a.origin.file);
  if (src) return problemAt(src, activityPath(a, field), check, message, hint, { severity });
  return makeProblem({ file: a.origin.file, text: "" }, { line: a.origin.line, column: 1 }, check, message, hint, severity);
}

/** Session activities repeat per member; checks about the session itself look at one of them. */
function distinctEntries(activities: Activity[]): Activity[] {
  const seen = new Map<string, Set<number>>();
  return activities.filter((a) => {
    let indexes = seen.get(a.origin.file);
    if (!indexes) seen.set(a.origin.file, (indexes = new Set()));
    if (indexes.has(a.origin.index)) return false;
    indexes.add(a.origin.index);
    return true;
  });
}
