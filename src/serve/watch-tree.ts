/**
 * Watching the school's folders for changes, one plain (non-recursive) watch per folder.
 * Node 20's `recursive: true` on Linux is built in JavaScript: it walks the whole tree (.git
 * included) on every change and keeps a stat poller per file, which in a 2,000-teacher school
 * cost more than the saves themselves. The school's data lies at most a few folders deep
 * (records/<term>/, evidence/<teacher>/…), so each folder is watched itself, and a folder that
 * appears is watched from then on. Folders that are not the school's data are never entered.
 */
import { lstatSync, readdirSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";

export interface TreeWatch {
  close(): void;
}

/** Deepest folder watched below the root (evidence/groups/<group>/<sub>/ is 4). */
const MAX_DEPTH = 4;

/**
 * Calls `changed` with the repo-relative path of whatever changed below `root`; folders for which
 * `skip` is true are not watched. Throws when the system cannot watch (the caller then polls).
 */
export function watchTree(root: string, changed: (path: string) => void, skip: (dir: string) => boolean): TreeWatch {
  const watchers = new Map<string, FSWatcher>();
  const add = (dir: string, depth: number) => {
    if (watchers.has(dir) || (dir !== "" && skip(dir))) return;
    let w: FSWatcher;
    try {
      w = watch(join(root, dir), (event, name) => {
        const rel = dir === "" ? String(name ?? "") : `${dir}/${name ?? ""}`;
        changed(rel);
        if (event === "rename" && name && depth < MAX_DEPTH && isFolder(join(root, rel))) add(rel, depth + 1);
      });
    } catch (e) {
      if (dir === "") throw e;
      return; // gone already, or not a folder
    }
    w.on("error", () => { watchers.get(dir)?.close(); watchers.delete(dir); changed(dir); });
    watchers.set(dir, w);
    if (depth < MAX_DEPTH) for (const sub of folders(join(root, dir))) add(dir === "" ? sub : `${dir}/${sub}`, depth + 1);
  };
  add("", 0);
  return { close: () => { for (const w of watchers.values()) w.close(); watchers.clear(); } };
}

function folders(abs: string): string[] {
  try {
    return readdirSync(abs, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

function isFolder(abs: string): boolean {
  try {
    return lstatSync(abs).isDirectory();
  } catch {
    return false;
  }
}
