/**
 * What changed in git, as repo-relative paths (which files a check must then report on:
 * checks/affected.ts).
 */
import { realpathSync } from "node:fs";
import { toRepoPath } from "../repo/layout.js";
import { gitOk, gitTopLevel, stagedChanges, workingChanges, type WorkingChanges } from "./git.js";

export interface RepoChanges {
  /** Repo-relative paths that exist and changed. */
  changed: string[];
  /** Repo-relative paths that were deleted. */
  deleted: string[];
}

/** Where the yanxiu repo sits in its git work tree; undefined outside git. */
export function gitPrefix(root: string): { top: string; prefix: string } | undefined {
  const top = gitTopLevel(root);
  if (!top) return undefined;
  const rel = toRepoPath(realpathSync(top), realpathSync(root));
  return { top, prefix: rel === "" ? "" : `${rel}/` };
}

function toRepo(changes: WorkingChanges, prefix: string): RepoChanges {
  const inside = (paths: string[]) => paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  return { changed: inside(changes.changed), deleted: inside(changes.deleted) };
}

/** Changes since `base` (default HEAD) in the work tree, untracked files included. */
export function changesSince(top: string, prefix: string, base?: string): RepoChanges {
  return toRepo(workingChanges(top, base), prefix);
}

/** Changes staged for the next commit. */
export function stagedRepoChanges(top: string, prefix: string): RepoChanges {
  return toRepo(stagedChanges(top), prefix);
}

/** Repo-relative paths of every file in the index (what a commit would contain). */
export function indexedFiles(top: string, prefix: string): Set<string> {
  const out = gitOk(top, ["ls-files", "-z", "--full-name", "--", prefix === "" ? "." : prefix]);
  return new Set(out.split("\0").filter((p) => p.startsWith(prefix) && p !== "").map((p) => p.slice(prefix.length)));
}
