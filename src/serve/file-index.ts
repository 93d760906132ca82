/**
 * Which record and session files of the loaded school a write into one file can concern, so a
 * save is checked with check's own code over a few files instead of 2,000 teachers' worth.
 * Across files, check compares activities in two ways only: the same teacher, date, kind and
 * folded title (duplicate-record) and the same ref (duplicate-id, approval's entries); and
 * file-place and term-folder compare a file with the same id's files in other folders (its .yml
 * twin, the place it would move to). The index keeps, per file, its loaded form, its activities
 * and those keys, and is kept in step with every save the server makes; and each teacher's
 * activities (src/serve/teacher-activities.ts), for 我的研修.
 */
import type { Activity, Teacher } from "../model.js";
import type { LoadedFile, LoadedRepo } from "../pipeline/load.js";
import { crossFileKeys, stemOf, type CrossFileKeys } from "../checks/cross-file-keys.js";
import { linkedFolders } from "../checks/symlinks.js";
import { TeacherActivities } from "./teacher-activities.js";
import type { KnownData } from "../add/merge.js";

export interface IndexedFile {
  loaded: LoadedFile;
  valid: Activity[];
  partial: Activity[];
}

type Keys = CrossFileKeys;

export class FileIndex {
  private readonly files = new Map<string, IndexedFile & Keys>();
  private readonly byDup = new Map<string, Set<string>>();
  private readonly byRef = new Map<string, Set<string>>();
  /** Folded titles, shared: a group's titles repeat for every member. */
  private readonly titles = new Map<string, string>();

  /** Files by their name without .yaml/.yml, lower-cased (file-place compares a file with its twin). */
  private readonly byStem = new Map<string, Set<string>>();
  /** The roster's teachers by id (the first of an id written twice, as check's lookups take it). */
  private readonly teachers = new Map<string, Teacher>();
  /** Each teacher's scored activities. */
  private readonly activities: TeacherActivities;
  /** The config, roster and rule files, which every save's check reads (a save never changes them). */
  shared: readonly LoadedFile[] = [];

  /** Links to folders under records/ and sessions/, listed once per load (a new one is a change the watcher reports). */
  private constructor(readonly linkedFolders: readonly string[], activities: readonly Activity[]) {
    this.activities = TeacherActivities.of(activities);
  }

  static of(repo: LoadedRepo): FileIndex {
    const index = new FileIndex(linkedFolders(repo.root), repo.dataset?.activities ?? []);
    for (const t of repo.dataset?.roster.teachers ?? []) if (!index.teachers.has(t.id)) index.teachers.set(t.id, t);
    index.shared = repo.files.filter((f) => f.kind === "config" || f.kind === "roster" || f.kind === "rules");
    const valid = groupByFile(repo.dataset?.activities ?? []);
    const partial = groupByFile(repo.partialActivities);
    for (const f of repo.files) {
      if (f.kind !== "records" && f.kind !== "sessions") continue;
      index.put(f.file, { loaded: f, valid: valid.get(f.file) ?? [], partial: partial.get(f.file) ?? [] });
    }
    return index;
  }

  /** The roster's teacher with this id. */
  teacher(id: string): Teacher | undefined {
    return this.teachers.get(id);
  }

  /** A teacher's scored activities, in the order a fresh load gives them. */
  activitiesOf(teacher: string): readonly Activity[] {
    return this.activities.of(teacher);
  }

  get(file: string): IndexedFile | undefined {
    return this.files.get(file);
  }

  /** Does the index hold the file with exactly these bytes, read without a problem? (Then it need not be parsed again.) */
  holdsClean(file: string, bytes: Uint8Array): boolean {
    return this.heldData(file, bytes) !== undefined;
  }

  /** The file's text and data as held, when the index holds it with exactly these bytes, read without a problem. */
  heldData(file: string, bytes: Uint8Array): KnownData | undefined {
    const source = this.files.get(file)?.loaded;
    if (!source?.source || source.problems.length > 0) return undefined;
    const { text, data } = source.source;
    if (text !== Buffer.from(bytes).toString("utf8") || typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
    return { text, data: data as Record<string, unknown> };
  }

  /** Put a file's new form in place of the old (undefined: the file is gone). */
  replace(file: string, next: IndexedFile | undefined): void {
    this.activities.replaceFile(file, this.files.get(file)?.valid ?? [], next?.valid ?? [], loadOrder);
    this.put(file, next);
  }

  private put(file: string, next: IndexedFile | undefined): void {
    const old = this.files.get(file);
    if (old) {
      for (const k of old.dup) drop(this.byDup, k, file);
      for (const r of old.refs) drop(this.byRef, r, file);
      this.files.delete(file);
      drop(this.byStem, stemOf(file), file);
    }
    if (!next) return;
    const keys = this.keysFor(file, [...next.valid, ...next.partial]);
    this.files.set(file, { ...next, ...keys });
    for (const k of keys.dup) add(this.byDup, k, file);
    for (const r of keys.refs) add(this.byRef, r, file);
    add(this.byStem, stemOf(file), file);
  }

  /**
   * The other files holding an activity that could collide with one of `activities`, or holding
   * the same id's entries in another folder. Each list is one version of the file (as it is, as it
   * would be), its refs counted as in that version.
   */
  related(file: string, ...versions: (readonly Activity[])[]): string[] {
    const out = new Set<string>();
    for (const activities of versions) {
      const keys = this.keysFor(file, activities);
      for (const k of keys.dup) for (const f of this.byDup.get(k) ?? []) out.add(f);
      for (const r of keys.refs) for (const f of this.byRef.get(r) ?? []) out.add(f);
    }
    // The same id's file in every folder of records/ (or sessions/): the .yml twin, and the file a
    // misplaced one would move to (term-folder and file-place offer the move only when it is absent).
    for (const f of this.byStem.get(stemOf(file)) ?? []) out.add(f);
    out.delete(file);
    return [...out];
  }

  /**
   * A version of a file's keys, computed once per save: the file as held has its keys already,
   * and the file as it would be is keyed by the save's check (related) and again when the save
   * is applied (put) — the very same activities, so the second time is the first's answer.
   */
  private keysFor(file: string, activities: readonly Activity[]): Keys {
    const held = this.files.get(file);
    if (held && sameItems(activities, held.valid, held.partial)) return held;
    const last = this.lastKeyed;
    if (last && last.file === file && sameItems(activities, last.activities)) return last.keys;
    const keys = this.keysOf(activities);
    this.lastKeyed = { file, activities, keys };
    return keys;
  }

  private lastKeyed: { file: string; activities: readonly Activity[]; keys: Keys } | undefined;

  private keysOf(activities: readonly Activity[]): Keys {
    return crossFileKeys(activities, this.titles);
  }
}

/** The same objects in the same order as `a` then `b`. */
function sameItems(list: readonly Activity[], a: readonly Activity[], b: readonly Activity[] = []): boolean {
  if (list.length !== a.length + b.length) return false;
  for (let i = 0; i < a.length; i++) if (list[i] !== a[i]) return false;
  for (let i = 0; i < b.length; i++) if (list[a.length + i] !== b[i]) return false;
  return true;
}

function groupByFile(activities: readonly Activity[]): Map<string, Activity[]> {
  const by = new Map<string, Activity[]>();
  for (const a of activities) {
    const list = by.get(a.origin.file);
    if (list) list.push(a);
    else by.set(a.origin.file, [a]);
  }
  return by;
}

function add(map: Map<string, Set<string>>, key: string, file: string): void {
  const set = map.get(key);
  if (set) set.add(file);
  else map.set(key, new Set([file]));
}

function drop(map: Map<string, Set<string>>, key: string, file: string): void {
  const set = map.get(key);
  set?.delete(file);
  if (set?.size === 0) map.delete(key);
}

/** loadRepo's order: records/ before sessions/, each sorted by path. */
export function loadOrder(a: string, b: string): number {
  const rank = (f: string) => (f.startsWith("records/") ? 0 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
