/**
 * One pass over the commits (parents before children) that says, for every commit, what it
 * changed and under which roster and config it is judged: the per-commit, per-file changes
 * every finding is computed from. Only blob ids are handled here; the shell reads the texts.
 *
 * - A merge is read against each parent, and only what differs from every parent is the
 *   merge's own change (what came from one side was audited in the commits that made it).
 * - The roster and config in force at a commit are its first parent's, followed along the
 *   history from the blob ids in each diff: nothing is looked up per commit.
 * - Roles are judged on the commit's date in commit order: the author date, or a parent's
 *   when that is later (a commit cannot be made before its parent, so an author date set
 *   back to borrow a role that has ended is moved up to the latest date before it).
 */
import type { CommitInfo, FileChange } from "../git/history.js";
import { CONFIG_FILE, ROSTER_FILE } from "../repo/layout.js";
import { isTopGovernance } from "./paths.js";

export interface FileEdit extends FileChange {
  /** Relative to the school folder; undefined outside it (a CI file at the top). */
  repoPath?: string;
  oldRepoPath?: string;
}

export interface TreeState {
  roster?: string;
  config?: string;
}

export interface WalkedCommit {
  commit: CommitInfo;
  /** ISO date roles are judged on (see above). */
  when: string;
  /** Blob ids of the roster and config in force (the first parent's) and after the commit. */
  before: TreeState;
  after: TreeState;
  /** Per parent (one for an ordinary commit); for a merge, the files changed against every parent. */
  edits: FileEdit[][];
}

/**
 * `boundary`: the roster and config at commits the history read does not include (the parents
 * of the oldest commits after `--since`).
 */
export function walkHistory(commits: CommitInfo[], prefix: string, boundary: ReadonlyMap<string, TreeState>): WalkedCommit[] {
  const states = new Map<string, TreeState>();
  const whens = new Map<string, string>();
  const rosterPath = `${prefix}${ROSTER_FILE}`;
  const configPath = `${prefix}${CONFIG_FILE}`;
  const out: WalkedCommit[] = [];
  for (const c of commits) {
    const first = c.parents[0];
    const before: TreeState = first ? { ...(states.get(first) ?? boundary.get(first) ?? {}) } : {};
    const after: TreeState = { ...before };
    for (const f of c.diffs[0]?.files ?? []) {
      if (f.oldPath === rosterPath) after.roster = undefined;
      if (f.oldPath === configPath) after.config = undefined;
      if (f.path === rosterPath) after.roster = f.newOid;
      if (f.path === configPath) after.config = f.newOid;
    }
    states.set(c.hash, after);

    let when = c.date;
    for (const p of c.parents) {
      const pw = whens.get(p);
      if (pw && Date.parse(pw) > Date.parse(when)) when = pw;
    }
    whens.set(c.hash, when);

    const relevant = (f: FileChange): FileEdit | undefined => {
      const inside = (p: string | undefined) => (p !== undefined && p.startsWith(prefix) ? p.slice(prefix.length) : undefined);
      const e: FileEdit = { ...f, repoPath: inside(f.path), oldRepoPath: inside(f.oldPath) };
      const keep = e.repoPath !== undefined || e.oldRepoPath !== undefined || isTopGovernance(f.path) || (f.oldPath !== undefined && isTopGovernance(f.oldPath));
      return keep ? e : undefined;
    };
    const perParent = c.diffs.map((d) => d.files.map(relevant).filter((e): e is FileEdit => !!e));
    let edits = perParent;
    if (perParent.length > 1) {
      // A merge's own change: a path that differs from every parent.
      const inAll = perParent.slice(1).reduce((set, list) => new Set(list.map((e) => e.path).filter((p) => set.has(p))), new Set(perParent[0]!.map((e) => e.path)));
      edits = perParent.map((list) => list.filter((e) => inAll.has(e.path)));
    }
    out.push({ commit: c, when, before, after, edits });
  }
  return out;
}

/** Did the commit change anything the audit looks at? */
export function touchesSchool(w: WalkedCommit): boolean {
  return w.edits.some((list) => list.length > 0);
}

/** Parents the history read does not include: their roster and config are looked up once. */
export function boundaryParents(commits: CommitInfo[]): string[] {
  const known = new Set(commits.map((c) => c.hash));
  return [...new Set(commits.flatMap((c) => c.parents).filter((p) => !known.has(p)))];
}
