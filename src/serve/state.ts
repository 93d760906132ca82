/**
 * The school's repository as the server sees it: loaded once, loaded again when anything in
 * the work tree changes (a `git pull`, a hand edit, a save from the page). A watcher marks it
 * stale; the next request reloads. Folders that are not the school's data are ignored.
 */
import { watch, type FSWatcher } from "node:fs";
import type { Lang } from "../i18n.js";
import { loadRepo, type LoadedRepo } from "../repo/load.js";
import { SERVE_DIR } from "./accounts.js";

const IGNORED = /^(\.git|\.yanxiu-cache|node_modules|\.yanxiu-serve)(\/|\\|$)/;

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
        const n = name?.toString() ?? "";
        if (!IGNORED.test(n) && !n.startsWith(SERVE_DIR)) this.stale = true;
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
