/**
 * The school's repository as the server sees it: loaded once, loaded again when anything in
 * the work tree changes (a `git pull`, a hand edit, a save from the page). A watcher marks it
 * stale; the next request reloads. Folders that are not the school's data are ignored.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../i18n.js";
import { loadRepo, type LoadedRepo } from "../pipeline/load.js";
import { SERVE_DIR } from "./accounts.js";
import { FileIndex } from "./file-index.js";
import { watchTree, type TreeWatch } from "./watch-tree.js";
import type { Written } from "./save.js";
import type { Dataset } from "../model.js";
import type { TeacherLookup } from "./my-data.js";

const IGNORED = /^(\.git|\.yanxiu-cache|node_modules|\.yanxiu-serve)(\/|\\|$)/;
/** The temporary files of the safe write (".<name>.<pid>.<n>.tmp"). */
const TEMP = /(^|[\/])\.[^/\\]+\.\d+\.\d+\.tmp$/;

export class RepoState {
  private repo: LoadedRepo | undefined;
  private stale = true;
  private watcher: TreeWatch | undefined;
  private fileIndex: FileIndex | undefined;
  private indexed: LoadedRepo | undefined;
  private poll: NodeJS.Timeout | undefined;
  /** Bumped on every reload, so pages can tell (and tests can wait for) a fresh load. */
  generation = 0;

  constructor(readonly root: string, readonly lang: Lang, private readonly afterLoad?: () => void) {}

  start(): void {
    try {
      this.watcher = watchTree(this.root, (n) => {
        if (IGNORED.test(n) || n.startsWith(SERVE_DIR) || TEMP.test(n) || this.isOwnWrite(n)) return;
        this.stale = true;
      }, (dir) => IGNORED.test(dir) || dir.startsWith(SERVE_DIR));
    } catch {
      // No watching on this system: look again every few seconds instead.
      this.poll = setInterval(() => { this.stale = true; }, 3000);
      this.poll.unref();
    }
  }

  stop(): void {
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
  }

  /** Files this server wrote, with their bytes: the watcher's news of them is no news. */
  private readonly own = new Map<string, Buffer>();

  private isOwnWrite(path: string): boolean {
    const bytes = this.own.get(path);
    if (!bytes) return false;
    try {
      return readFileSync(join(this.root, path)).equals(bytes);
    } catch {
      return false;
    }
  }

  /**
   * After a save: the saved file's entry and activities, from the load that validated it,
   * take the place of the old ones, so the next page needs no reload of the whole school.
   */
  expectWrite(path: string, bytes: Buffer): void {
    if (this.own.size > 10_000) this.own.clear();
    this.own.set(path, bytes);
  }

  /**
   * After a save is written: the file's entry and activities, as its check read them, take the
   * place of the old ones, so the next save and the next page need no reload of the whole school.
   */
  applyWritten(w: Written): void {
    this.expectWrite(w.file, Buffer.from(w.text));
    for (const f of w.created) this.expectWrite(f.path, Buffer.from(f.bytes));
    const repo = this.repo;
    if (!repo?.dataset || this.stale) {
      this.stale = true;
      return;
    }
    const { loaded, found } = w.after;
    // In place: copying 100,000 activities on every save cost more than the save.
    const old = this.fileIndex?.get(w.file);
    replaceInPlace(repo.files, (f) => f.file === w.file, [loaded], old && [old.loaded]);
    replaceInPlace(repo.dataset.activities, (a) => a.origin.file === w.file, found.valid, old?.valid);
    replaceInPlace(repo.partialActivities, (a) => a.origin.file === w.file, found.partial, old?.partial);
    this.fileIndex?.replace(w.file, { loaded, valid: found.valid, partial: found.partial });
    this.generation++;
  }

  /** The loaded school's files by what they can collide with (src/serve/file-index.ts), built once per load. */
  index(): FileIndex {
    const repo = this.current();
    if (!this.fileIndex || this.indexed !== repo) {
      this.fileIndex = FileIndex.of(repo);
      this.indexed = repo;
    }
    return this.fileIndex;
  }

  /**
   * Each teacher's activities for 我的研修 (src/serve/file-index.ts), when `dataset` is the
   * loaded school's as it stands; undefined when it is not (the page then scans `dataset`).
   */
  lookupFor(dataset: Dataset): TeacherLookup | undefined {
    return !this.stale && this.repo?.dataset === dataset ? this.index() : undefined;
  }

  markStale(): void {
    this.stale = true;
  }

  current(): LoadedRepo {
    if (!this.repo || this.stale) {
      this.stale = false;
      this.repo = loadRepo(this.root);
      this.afterLoad?.();
      this.fileIndex = undefined;
      this.generation++;
      // Built between requests, so the first save after a load does not wait for it.
      setTimeout(() => { if (!this.stale) this.index(); }, 0).unref();
    }
    return this.repo;
  }
}

/**
 * Put `next` where the run of items `isOld` picks stands (a file's items are one run), or at the
 * end. `known`: the old items themselves, when known, found by identity (no scan calling isOld).
 */
export function replaceInPlace<T>(list: T[], isOld: (x: T) => boolean, next: readonly T[], known?: readonly T[]): void {
  if (known && known.length > 0) {
    const at = list.indexOf(known[0]!);
    if (at >= 0 && known.every((x, k) => list[at + k] === x) && (at + known.length >= list.length || !isOld(list[at + known.length]!))) {
      list.splice(at, known.length, ...next);
      return;
    }
  }
  const first = list.findIndex(isOld);
  let end = first;
  while (end >= 0 && end < list.length && isOld(list[end]!)) end++;
  if (first >= 0 && list.findIndex((x, i) => i >= end && isOld(x)) < 0) {
    list.splice(first, end - first, ...next);
    return;
  }
  let kept = 0;
  for (const x of list) if (!isOld(x)) list[kept++] = x;
  list.length = kept;
  for (const x of next) list.push(x);
}
