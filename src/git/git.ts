/**
 * A small wrapper over the real `git` binary. Every call passes an argument array to
 * spawnSync (never a shell string), so paths and revisions with spaces or quotes are safe.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export interface GitResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Thrown when git fails: the message is git's own first stderr line, for a UsageError. */
export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
  ) {
    super(stderr.trim().split("\n")[0] || `git ${args.join(" ")} failed`);
    this.name = "GitError";
  }
}

const MAX_BUFFER = 1024 * 1024 * 1024;

/** Run git in `cwd`; never throws on a non-zero exit (see gitOk). */
export function git(cwd: string, args: string[], input?: string | Buffer): GitResult {
  const r = spawnSync("git", args, {
    cwd,
    input,
    encoding: "utf8",
    maxBuffer: MAX_BUFFER,
    // Quoted paths (core.quotePath) and localised messages would break parsing.
    env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" },
  });
  if (r.error) throw new GitError(args, (r.error as NodeJS.ErrnoException).code === "ENOENT" ? "git is not installed" : r.error.message);
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function gitOk(cwd: string, args: string[], input?: string | Buffer): string {
  const r = git(cwd, args, input);
  if (r.status !== 0) throw new GitError(args, r.stderr);
  return r.stdout;
}

/** The work tree's top folder, or undefined outside a git work tree. */
export function gitTopLevel(dir: string): string | undefined {
  try {
    const r = git(dir, ["rev-parse", "--show-toplevel"]);
    return r.status === 0 ? r.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Absolute path of a file inside the git dir (honours core.hooksPath for hooks/). */
export function gitPath(dir: string, name: string): string {
  return resolve(dir, gitOk(dir, ["rev-parse", "--git-path", name]).trim());
}

export function revExists(dir: string, rev: string): boolean {
  return git(dir, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]).status === 0;
}

function splitZ(text: string): string[] {
  return text.split("\0").filter((s) => s !== "");
}

export interface WorkingChanges {
  /** Paths relative to the git top level that exist now and differ. */
  changed: string[];
  /** Paths relative to the git top level that are gone. */
  deleted: string[];
}

/**
 * Files changed in the work tree: against HEAD (staged, unstaged and untracked) or, with
 * `base`, everything that differs from `base` plus untracked files.
 */
export function workingChanges(dir: string, base?: string): WorkingChanges {
  const changed = new Set<string>();
  const deleted = new Set<string>();
  const note = (path: string, gone: boolean) => {
    (gone ? deleted : changed).add(path);
    (gone ? changed : deleted).delete(path);
  };
  const hasHead = revExists(dir, "HEAD");
  const against = base ?? (hasHead ? "HEAD" : undefined);
  if (against) {
    // --no-renames: a rename is a deletion plus an addition, both of which matter here.
    const diff = splitZ(gitOk(dir, ["diff", "--name-status", "--no-renames", "-z", against, "--"]));
    for (let i = 0; i + 1 < diff.length; i += 2) note(diff[i + 1]!, diff[i]!.startsWith("D"));
  } else {
    // No commit yet: everything staged is new.
    for (const p of splitZ(gitOk(dir, ["diff", "--cached", "--name-only", "-z", "--"]))) note(p, false);
  }
  for (const p of splitZ(gitOk(dir, ["ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"]))) note(p, false);
  return { changed: [...changed].sort(), deleted: [...deleted].sort() };
}

/** Files staged for the next commit (paths relative to the top level). */
export function stagedChanges(dir: string): WorkingChanges {
  const against = revExists(dir, "HEAD") ? "HEAD" : gitOk(dir, ["hash-object", "-t", "tree", "--stdin"], "").trim();
  const diff = splitZ(gitOk(dir, ["diff", "--cached", "--name-status", "--no-renames", "-z", against, "--"]));
  const changed: string[] = [];
  const deleted: string[] = [];
  for (let i = 0; i + 1 < diff.length; i += 2) (diff[i]!.startsWith("D") ? deleted : changed).push(diff[i + 1]!);
  return { changed: changed.sort(), deleted: deleted.sort() };
}

/** Paths with unstaged modifications (so what is checked on disk differs from what is committed). */
export function unstagedPaths(dir: string): string[] {
  return splitZ(gitOk(dir, ["diff", "--name-only", "-z", "--"]));
}
