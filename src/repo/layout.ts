/**
 * Where things live in a school repository, and how to find the repository from a path.
 *
 *   yanxiu.yaml                         config
 *   roster.yaml                         teachers and groups
 *   rules/*.yaml                        the rule files the config lists
 *   records/<term-id>/<teacher>.yaml    one teacher's records for one term
 *   sessions/<term-id>/<group>.yaml     one group's sessions for one term, kept by its leader
 *   evidence/…                          certificates, lesson plans, minutes
 *
 * One file per teacher (or group) per term means two people adding records at the same
 * time never edit the same file, so git never has to merge them.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { nodeReadFs, type ReadFs } from "./fs.js";

export const CONFIG_FILE = "yanxiu.yaml";
export const ROSTER_FILE = "roster.yaml";
export const RECORDS_DIR = "records";
export const SESSIONS_DIR = "sessions";
export const EVIDENCE_DIR = "evidence";
export const CACHE_DIR = ".yanxiu-cache";

export function recordFilePath(termId: string, teacherId: string): string {
  return `${RECORDS_DIR}/${termId}/${teacherId}.yaml`;
}

export function sessionFilePath(termId: string, groupId: string): string {
  return `${SESSIONS_DIR}/${termId}/${groupId}.yaml`;
}

/** Walk up from `start` (a file or folder) to the folder holding yanxiu.yaml. */
export function findRepoRoot(start: string): string | undefined {
  let dir = resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function toRepoPath(root: string, abs: string): string {
  return relative(root, abs).split(sep).join("/");
}

/** Every *.yaml / *.yml file under a repo folder, repo-relative, sorted for determinism. */
export function listYamlFiles(root: string, folder: string, fs: ReadFs = nodeReadFs): string[] {
  const out: string[] = [];
  const top = join(root, folder);
  // Entries under `top` are `top` + separator + names (never "." or ".."): their repo path is the
  // folder's own plus the rest, without a path.relative per file (thousands of them).
  const topInRepo = toRepoPath(root, top);
  const under = top.endsWith(sep) ? top : top + sep;
  for (const entry of fs.listTree(top)) {
    if (!entry.isFile && !entry.isSymbolicLink) continue;
    if (!/\.ya?ml$/i.test(entry.path)) continue;
    out.push(entry.path.startsWith(under) ? joinRepoPath(topInRepo, entry.path.slice(under.length)) : toRepoPath(root, entry.path));
  }
  return out.sort();
}

function joinRepoPath(folder: string, rest: string): string {
  const tail = sep === "/" ? rest : rest.split(sep).join("/");
  return folder === "" ? tail : `${folder}/${tail}`;
}

/** `./a//b/../c` → `a/c`; backslashes read as slashes. A path leaving its folder keeps its `..`. */
export function normalizeRepoPath(path: string): string {
  const n = posix.normalize(path.replace(/\\/g, "/"));
  return n === "." ? "" : n.replace(/^\.\//, "").replace(/\/$/, "");
}

/** A path (already normalised) that leaves the repository or starts at the file system's root. */
export function leavesRepo(normalised: string): boolean {
  return normalised === ".." || normalised.startsWith("../") || normalised.startsWith("/") || /^[A-Za-z]:/.test(normalised);
}

export type RepoFileKind = "config" | "roster" | "records" | "sessions" | "rules" | "other";

export function fileKind(repoPath: string, ruleFiles: readonly string[]): RepoFileKind {
  if (repoPath === CONFIG_FILE) return "config";
  if (repoPath === ROSTER_FILE) return "roster";
  if (ruleFiles.includes(repoPath)) return "rules";
  if (repoPath.startsWith(`${RECORDS_DIR}/`)) return "records";
  if (repoPath.startsWith(`${SESSIONS_DIR}/`)) return "sessions";
  return "other";
}

/**
 * Symbolic links to folders outside the repository under a repo folder. The listing above
 * does not follow them (their files are not the repository's), so they are reported instead
 * of being skipped in silence.
 */
export function linkedFoldersOutside(root: string, folder: string, fs: ReadFs = nodeReadFs): string[] {
  const entries = fs.listTree(join(root, folder));
  if (entries.length === 0) return [];
  const realRoot = fs.realpathSync(root);
  const out: string[] = [];
  for (const entry of entries) {
    if (!entry.isSymbolicLink) continue;
    let real: string;
    try {
      if (!fs.statSync(entry.path).isDirectory()) continue;
      real = fs.realpathSync(entry.path);
    } catch {
      continue; // a dangling link to a folder holds nothing to read
    }
    if (real !== realRoot && !real.startsWith(realRoot + sep)) out.push(toRepoPath(root, entry.path));
  }
  return out.sort();
}
