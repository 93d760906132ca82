/**
 * Load a whole school repository: read and validate every file, keep their sources for
 * positions, and build the Dataset the checks, the rule engine and the reports use.
 * A broken file contributes its problems and nothing else; every other file still loads.
 */
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import type { Activity, Config, Dataset, Roster, Teacher } from "../model.js";
import { configSchema, recordFileSchema, rosterSchema, sessionFileSchema, type RecordFile, type SessionFile } from "../schema/files.js";
import { recordActivities, sessionActivities } from "../schema/activities.js";
import { compileRuleFile, mergeRuleSets } from "../rules/load.js";
import type { RuleSet, Scheme } from "../rules/types.js";
import { CONFIG_FILE, leavesRepo, linkedFoldersOutside, listYamlFiles, normalizeRepoPath, RECORDS_DIR, ROSTER_FILE, SESSIONS_DIR } from "../repo/layout.js";
import { parseBytes, readYamlFile, type LoadedFile, type LoadedKind } from "../repo/read.js";
import { validate } from "../schema/zod-problems.js";
import { makeProblem, problemAt, type YamlSource } from "../repo/yaml-source.js";
import { TYPING_CHECKS } from "../repo/typing-problems.js";
import type { z } from "zod";
import { LineCounter } from "yaml";
import { readActivityFile, readFastSource, type FileResult } from "./read-files.js";
import { fastRosterFile } from "../schema/fast-validate.js";
import { nodeReadFs, type ReadFs } from "../repo/fs.js";
import { lineAt } from "../repo/fast-yaml.js";
import { lenientConfig, lenientRoster, type Unsure } from "./lenient-files.js";
import { attachValueFixes } from "./value-fixes.js";
import { slimSource } from "./slim-source.js";
import { growHeapSlowly } from "./heap-growth.js";

export type { LoadedFile, LoadedKind };

export interface LoadedRepo {
  root: string;
  files: LoadedFile[];
  /** Missing only when the config or roster could not be read. */
  dataset?: Dataset;
  scheme?: Scheme;
  ruleSets: RuleSet[];
  /** Problems that concern how files relate (a missing roster, rules that do not merge). */
  problems: Problem[];
  /**
   * Activities from records with an invalid field (already reported): checked for references
   * and duplicates, so one run reports everything, but never scored.
   */
  partialActivities: Activity[];
  /** Records with an unreadable date, kind or title, that field left empty: for the checks of their other fields. */
  stubActivities?: Activity[];
  /**
   * When the config or roster has errors, what is valid of them (src/repo/lenient-files.ts) with
   * every activity: for the checks that do not depend on the broken parts. Never scored.
   */
  checkable?: Dataset;
  /** What a broken config or roster leaves unknown, and the file to blame; checks needing it do not run. */
  unsure?: Map<Unsure, string>;
}

export interface LoadOptions {
  /** Read only these record/session files (repo-relative); all when absent. */
  only?: ReadonlySet<string>;
  /**
   * Record/session files (repo-relative) read from this text instead of the disk, present
   * or not: lets `add` check a would-be file exactly as `check` will read it once written.
   */
  overrides?: ReadonlyMap<string, string>;
  /** The file system to read (default node:fs): main() passes the one it was given. */
  fs?: ReadFs;
  /**
   * Take plain files with the fast reader (src/repo/fast-yaml.ts); on unless false:
   * everything then goes through the full parser, for tests that prove the fast paths
   * change nothing (YANXIU_NO_FAST=1).
   */
  fast?: boolean;
  /**
   * What to keep of the sources of record/session files read from the disk without problems:
   * "all" (the default: text, data, positions); "data", their data only, the text and positions
   * read again from the file when a check asks for one (src/pipeline/slim-source.ts: `check`);
   * "none", nothing (scoring needs only the activities). At a million records the texts, bytes
   * and line maps of valid files are a third of the memory.
   */
  validSources?: "all" | "data" | "none";
}

/**
 * Record and session files from which check and score bound the heap's growth (heap-growth.ts):
 * at 100,000 records (8,400 files) unbounded is 4–5 full collections → 2, for ~20–30 MB more at
 * score's peak; at a million (84,000 files) bounded keeps the peak under 1 GB (docs/benchmark.md).
 */
export const BOUND_HEAP_FROM_FILES = 20_000;

export function loadRepo(root: string, opts: LoadOptions = {}): LoadedRepo {
  const keep = opts.validSources ?? "all";
  // A long-running reader (the web server keeps whole sources) bounds its heap from the start.
  if (keep === "all") growHeapSlowly();
  const files: LoadedFile[] = [];
  const repo: LoadedRepo = { root, files, ruleSets: [], problems: [], partialActivities: [] };

  const fs = opts.fs ?? nodeReadFs;
  const configFile = readAndValidate(fs, root, CONFIG_FILE, "config", configSchema);
  files.push(configFile.loaded);
  const fast = opts.fast !== false;
  const rosterFile = fast ? readRoster(fs, root) : readAndValidate(fs, root, ROSTER_FILE, "roster", rosterSchema);
  files.push(rosterFile.loaded);

  const config = configFile.data ? toConfig(configFile.data) : undefined;
  // A config with errors still names its rule files and calendar when those parts are valid.
  const unsure = new Map<Unsure, string>();
  const lenient = config ? undefined : lenientConfig(configFile.loaded.source?.data);
  lenient?.unsure.forEach((u) => unsure.set(u, CONFIG_FILE));
  const usableConfig = config ?? toConfig(lenient!.data);
  for (const [i, ruleFile] of usableConfig.rules.entries()) {
    if (leavesRepo(ruleFile)) {
      // Read only from the repository: CI's clone, audit's history and the result cache's
      // stamp see nothing outside it, so such a file could change the hours unseen.
      const src = configFile.loaded.source;
      const message = msg("path-outside-repo.rules", { file: ruleFile });
      repo.problems.push(src ? problemAt(src, ["rules", i], "path-outside-repo", message, msg("path-outside-repo.rules-hint"))
        : makeProblem({ file: CONFIG_FILE, text: "" }, { line: 0, column: 0 }, "path-outside-repo", message, msg("path-outside-repo.rules-hint")));
      repo.ruleSets.push(unreadableRuleSet(ruleFile, undefined));
      continue;
    }
    const read = readYamlFile(root, ruleFile, undefined, fs);
    const loaded: LoadedFile = { file: ruleFile, kind: "rules", source: read.source, problems: read.problems };
    files.push(loaded);
    if (read.source && read.problems.length === 0) {
      const compiled = compileRuleFile(read.source);
      loaded.problems.push(...compiled.problems);
      if (compiled.ruleSet) repo.ruleSets.push(compiled.ruleSet);
    } else {
      // A rule file that does not even parse defines nothing we can see: stand in for it with a
      // set whose every list is unknown, so its kinds and items are not reported as undefined
      // elsewhere (its own problems say what is wrong), and nothing is scored meanwhile.
      repo.ruleSets.push(unreadableRuleSet(ruleFile, read.source));
    }
  }
  if (repo.ruleSets.length > 0) {
    const merged = mergeRuleSets(repo.ruleSets);
    repo.scheme = merged.scheme;
    repo.problems.push(...merged.problems);
  }

  const activities: Activity[] = [];
  const collect = (found: { valid: Activity[]; partial: Activity[]; stubs?: Activity[] }) => {
    activities.push(...found.valid);
    repo.partialActivities.push(...found.partial);
    if (found.stubs) (repo.stubActivities ??= []).push(...found.stubs);
  };
  const wanted = (f: string) => !opts.only || opts.only.has(f);
  const overridden = (folder: string) => [...(opts.overrides?.keys() ?? [])].filter((f) => f.startsWith(`${folder}/`));
  const listed = (folder: string) => [...new Set([...listYamlFiles(root, folder, fs), ...overridden(folder)])].sort();
  const activityFile = (file: string, kind: "records" | "sessions"): FileResult => {
    const fresh = (bytes?: Uint8Array): FileResult => activityFileResult(root, file, kind, opts.overrides?.get(file), bytes, fs);
    if (opts.overrides?.has(file) || !fast) return fresh();
    return readActivityFile(root, file, kind, fresh, fs);
  };
  const activityFiles = ([[RECORDS_DIR, "records"], [SESSIONS_DIR, "sessions"]] as const).map(([folder, kind]) => [listed(folder).filter(wanted), kind] as const);
  // check and score (which keep less of each source) run once: the heap's growth is bounded only
  // for a district's repository, where it keeps them under 1 GB; at school scale it made twice
  // as many full collections for nothing.
  if (activityFiles.reduce((n, [list]) => n + list.length, 0) >= BOUND_HEAP_FROM_FILES) growHeapSlowly();
  for (const [list, kind] of activityFiles) {
    for (const file of list) {
      const r = activityFile(file, kind);
      if (keep !== "all" && r.loaded.problems.length === 0 && r.loaded.source && !opts.overrides?.has(file)) {
        r.loaded.source = keep === "data" ? slimSource(root, file, r.loaded.source.data, fs) : undefined;
      }
      files.push(r.loaded);
      collect(r.found);
    }
  }

  for (const folder of [RECORDS_DIR, SESSIONS_DIR].flatMap((f) => linkedFoldersOutside(root, f, fs))) {
    repo.problems.push(makeProblem({ file: folder, text: "" }, { line: 0, column: 0 }, "path-outside-repo",
      msg("path-outside-repo.folder"), msg("path-outside-repo.folder-hint")));
  }

  if (config && rosterFile.data) {
    repo.dataset = { config, roster: toRoster(rosterFile.data, rosterFile.loaded.source!), activities };
  } else {
    const roster = rosterFile.data ? undefined : lenientRoster(rosterFile.loaded.source?.data);
    roster?.unsure.forEach((u) => unsure.set(u, ROSTER_FILE));
    const rosterSource = rosterFile.loaded.source ?? { file: ROSTER_FILE, text: "", lineCounter: new LineCounter(), data: undefined };
    repo.checkable = { config: usableConfig, roster: toRoster(rosterFile.data ?? roster!.data, rosterSource), activities };
    repo.unsure = unsure;
  }
  return repo;
}

/**
 * One record or session file read as loadRepo reads it (from `text` or `bytes` when given,
 * else from the disk): its LoadedFile and its activities, valid and partial.
 */
export function activityFileResult(root: string, file: string, kind: "records" | "sessions", text?: string, bytes?: Uint8Array, fs: ReadFs = nodeReadFs): FileResult {
  const schema = kind === "records" ? recordFileSchema : sessionFileSchema;
  const r = readAndValidate(fs, root, file, kind, schema, text, bytes);
  // A file that validated as a whole gives its records as validated; only a file with
  // problems is gone through record by record (for the partial activities).
  const found = !r.readable ? { valid: [], partial: [] }
    : kind === "records" ? recordActivities(r.readable, r.data as RecordFile | undefined)
    : sessionActivities(r.readable, r.data as SessionFile | undefined);
  // Read past a syntax error: checked, never scored.
  if (r.recovered) return { loaded: r.loaded, found: { ...found, valid: [], partial: [...found.valid, ...found.partial] } };
  return { loaded: r.loaded, found };
}

function readAndValidate<S extends z.ZodType>(fs: ReadFs, root: string, file: string, kind: LoadedKind, schema: S, text?: string, bytes?: Uint8Array) {
  const read = text !== undefined ? parseBytes(file, new TextEncoder().encode(text))
    : bytes !== undefined ? parseBytes(file, bytes) : readYamlFile(root, file, undefined, fs);
  const loaded: LoadedFile = { file, kind, source: read.source, problems: read.problems };
  // A file with syntax errors is still checked outside the entries they spoil, but never used
  // as it is (its records are partial, its roster or config lenient); one that did not read at
  // all (encoding, a code tag) contributes its problems only.
  const recoverable = (p: Problem) => p.check === "yaml-syntax" || TYPING_CHECKS.has(p.check);
  const syntaxOk = read.source?.broken !== undefined || !read.problems.some((p) => p.check === "yaml-syntax");
  const recovered = read.source?.data != null && read.problems.length > 0 && syntaxOk && read.problems.every(recoverable);
  if (!read.source || (read.problems.length > 0 && !recovered)) return { loaded, data: undefined, readable: undefined, recovered: false };
  const v = validate(read.source, schema);
  const problems = attachValueFixes(read.source, v.problems);
  loaded.problems.push(...(recovered ? withoutFollowOns(read.source, problems) : problems));
  return { loaded, data: recovered ? undefined : v.data, readable: read.source, recovered };
}

/** Schema problems inside an entry a syntax error spoilt only repeat that error. */
function withoutFollowOns(source: YamlSource, problems: Problem[]): Problem[] {
  const spans = (source.broken ?? []).map(([a, b]) => [source.lineCounter.linePos(a).line, source.lineCounter.linePos(b).line] as const);
  return problems.filter((p) => !spans.some(([a, b]) => p.line >= a && p.line <= b));
}

/**
 * A district roster holds thousands of teachers: a plain, valid one is taken by the fast
 * reader; any other goes the ordinary way, which positions every problem.
 */
function readRoster(fs: ReadFs, root: string): ReturnType<typeof readAndValidate<typeof rosterSchema>> {
  const source = readFastSource(root, ROSTER_FILE, fs);
  // The hand-written validator takes a valid roster; zod judges anything else.
  const quick = source && fastRosterFile(source.data);
  const valid = quick ? { success: true as const, data: quick } : source && rosterSchema.safeParse(source.data);
  if (source && valid?.success) {
    return { loaded: { file: ROSTER_FILE, kind: "roster", source, problems: [] }, data: valid.data, readable: source, recovered: false };
  }
  return readAndValidate(fs, root, ROSTER_FILE, "roster", rosterSchema);
}

function toConfig(c: z.output<typeof configSchema>): Config {
  return {
    file: CONFIG_FILE,
    school: c.school,
    district: c.district,
    lang: c.lang,
    // As the repository lists its files: `./rules/x.yaml` is rules/x.yaml, so an edit of it is never taken for another file.
    rules: c.rules.map(normalizeRepoPath),
    years: c.years.map((y) => ({
      id: y.id,
      name: y.name ?? y.id,
      start: y.start,
      end: y.end,
      terms: y.terms.map((term) => ({ id: term.id, name: term.name ?? term.id, start: term.start, end: term.end, year: y.id })),
    })),
    cycle: c.cycle ? { ...c.cycle, name: c.cycle.name ?? c.cycle.id } : undefined,
    checks: c.checks,
    notScored: c.notScored,
    ...(c.reports?.signatures ? { signatures: c.reports.signatures } : {}),
    ...(c.approval ? { approval: c.approval } : {}),
  };
}

function toRoster(r: z.output<typeof rosterSchema>, src: YamlSource): Roster {
  const teachers: Teacher[] = r.teachers.map((tch, i) => ({
    id: tch.id,
    name: tch.name,
    groups: tch.groups,
    roles: tch.roles.map((role) => (typeof role === "string" ? { role } : role)),
    emails: tch.emails,
    joined: tch.joined,
    left: tch.left,
    ...(tch.scored === false ? { scored: false } : {}),
    line: lineAt(src, ["teachers", i]),
  }));
  return { file: ROSTER_FILE, teachers, groups: r.groups };
}

function unreadableRuleSet(file: string, source: YamlSource | undefined): RuleSet {
  return {
    file,
    source: source ?? { file, text: "", lineCounter: new LineCounter(), data: undefined },
    kinds: [],
    categories: [],
    items: [],
    requirements: [],
    grades: [],
    skipped: { kinds: "any", categories: "any", items: "any", scheme: true },
  };
}
