/**
 * The school's repository as the server sees it: loaded once, loaded again when anything in
 * the work tree changes (a `git pull`, a hand edit, a save from the page). A watcher marks it
 * stale; the next request reloads. Folders that are not the school's data are ignored.
 */
import { readFileSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../i18n.js";
import { loadRepo, type LoadedRepo } from "../pipeline/load.js";
import { SERVE_DIR } from "./accounts.js";

const IGNORED = /^(\.git|\.yanxiu-cache|node_modules|\.yanxiu-serve)(\/|\\|$)/;
/** The temporary files of the safe write (".<name>.<pid>.<n>.tmp"). */
const TEMP = /(^|[\/])\.[^/\\]+\.\d+\.\d+\.tmp$/;

export class RepoState {
  private repo: LoadedRepo | undefined;
  private stale = true;
  private watcher: FSWatcher | undefined;
  private poll: NodeJS.Timeout | undefined;
  /** Bumped on every reload, so pages can tell (and tests can wait for) a fresh load. */
  generation = 0;

  constructor(readonly root: string, readonly lang: Lang) {}

  start(): void {
    try {
      this.watcher = watch(this.root, { recursive: true }, (_event, name) => {
        const n = (name?.toString() ?? "").replace(/\\/g, "/");
        if (IGNORED.test(n) || n.startsWith(SERVE_DIR) || TEMP.test(n) || this.isOwnWrite(n)) return;
        this.stale = true;
      });
      this.watcher.on("error", () => { this.stale = true; });
    } catch {
      // No recursive watching on this system: look again every few seconds instead.
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

  applySaved(file: string, after: LoadedRepo | undefined, written: Map<string, Buffer>): void {
    for (const [path, bytes] of written) this.expectWrite(path, bytes);
    const repo = this.repo;
    const loaded = after?.files.find((f) => f.file === file);
    if (!repo?.dataset || this.stale || !after?.dataset || !loaded) {
      this.stale = true;
      return;
    }
    repo.files = [...repo.files.filter((f) => f.file !== file), loaded];
    repo.dataset = { ...repo.dataset, activities: [...repo.dataset.activities.filter((a) => a.origin.file !== file), ...after.dataset.activities.filter((a) => a.origin.file === file)] };
    repo.partialActivities = [...repo.partialActivities.filter((a) => a.origin.file !== file), ...after.partialActivities.filter((a) => a.origin.file === file)];
    this.generation++;
  }

  markStale(): void {
    this.stale = true;
  }

  current(): LoadedRepo {
    if (!this.repo || this.stale) {
      this.stale = false;
      this.repo = loadRepo(this.root, this.lang, { cache: true });
      this.generation++;
    }
    return this.repo;
  }
}
