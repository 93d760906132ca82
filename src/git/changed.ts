/**
 * Which files a check of "what changed" must report on. The whole repository is still
 * loaded (references and duplicates span files); this only narrows the report, so the
 * problems of a changed file are exactly those a full check finds in it.
 */
import { realpathSync } from "node:fs";
import { normalize } from "node:path";
import type { LoadedRepo } from "../repo/load.js";
import { CONFIG_FILE, ROSTER_FILE, toRepoPath } from "../repo/layout.js";
import { duplicateKey } from "../checks/duplicates.js";
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

/**
 * Files whose problems can differ after these changes: the changed record and session
 * files, the files holding a duplicate of one of their activities, and the files citing
 * changed or deleted evidence. A changed config, roster or rule file changes the meaning of
 * every file: then the answer is undefined, meaning "all".
 */
export function filesToCheck(repo: LoadedRepo, changes: RepoChanges): Set<string> | undefined {
  const touched = [...changes.changed, ...changes.deleted];
  const ruleFiles = new Set(repo.dataset?.config.rules ?? repo.files.filter((f) => f.kind === "rules").map((f) => f.file));
  if (touched.some((p) => p === CONFIG_FILE || p === ROSTER_FILE || ruleFiles.has(p))) return undefined;

  const loaded = new Set(repo.files.map((f) => f.file));
  const files = new Set(changes.changed.filter((p) => loaded.has(p)));
  const activities = repo.dataset?.activities ?? [];
  const touchedSet = new Set(touched);
  const byKey = new Map<string, Set<string>>();
  for (const a of activities) {
    const k = duplicateKey(a);
    byKey.set(k, (byKey.get(k) ?? new Set()).add(a.origin.file));
  }
  const direct = new Set(files);
  for (const a of activities) {
    if (direct.has(a.origin.file)) for (const f of byKey.get(duplicateKey(a)) ?? []) files.add(f);
    if (a.evidence.some((e) => touchedSet.has(normalize(e).replace(/\\/g, "/")))) files.add(a.origin.file);
  }
  return files;
}
