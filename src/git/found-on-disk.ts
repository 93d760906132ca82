/**
 * Changes someone made on disk and never committed (the office fixing a teacher's file by hand
 * on the server) are not the next saver's: a web save is made on the file as it is on disk, and
 * its commit, authored by the teacher, would otherwise carry the office's edit too — `audit` and
 * `git blame` would then name the teacher for it. So, before a batch's commits, the bytes each
 * save was made on (its base) are compared with HEAD's: where they differ, one commit by the
 * server ("found on disk") puts the base in first, and the save's own commit then holds only the
 * save. One `git ls-tree` per batch; nothing when no file of the batch names its base.
 */
import { createHash } from "node:crypto";
import type { CommitFile, CommitSpec, GitRun, Person } from "./batch-commit.js";

/** Pure: git's object id of a blob with these bytes (SHA-1, or SHA-256 in a repository using it). */
export function blobId(bytes: Uint8Array, algorithm: "sha1" | "sha256"): string {
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** Pure: `git ls-tree -z` output as path → object id (blobs only). */
export function parseLsTree(out: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const entry of out.split("\0")) {
    const m = /^\d+ blob ([0-9a-f]+)\t([\s\S]+)$/.exec(entry);
    if (m) ids.set(m[2]!, m[1]!);
  }
  return ids;
}

/**
 * Pure: the commit that puts in what was on disk before the batch's saves, where HEAD differs
 * (undefined when nothing does). `inHead`: HEAD's blob of each path asked. A base of null (no
 * file when the save read it) over a file HEAD has is a deletion made by hand: not put in (a
 * commit here only adds or changes files), and the save's commit shows it.
 */
export function foundCommit(commits: readonly CommitSpec[], inHead: ReadonlyMap<string, string>, algorithm: "sha1" | "sha256", committer: Person): CommitSpec | undefined {
  const files: CommitFile[] = [];
  for (const c of commits) {
    for (const f of c.files) {
      if (!f.base) continue;
      if (inHead.get(f.path) !== blobId(f.base, algorithm)) files.push({ path: f.path, bytes: f.base });
    }
  }
  if (files.length === 0) return undefined;
  return {
    author: committer,
    subject: `Changes found on disk, not committed by whoever made them: ${files.map((f) => f.path).join(", ")}\n\n`
      + "yanxiu serve commits these before the web saves made on them, so that each save's own commit holds only that save.\n",
    files,
  };
}

/** The found-on-disk commit for a batch on `head` (a commit id), asking git for HEAD's blobs; a string when git failed. */
export async function foundOnDisk(git: GitRun, root: string, head: string, commits: readonly CommitSpec[], committer: Person): Promise<CommitSpec | undefined | string> {
  const paths = [...new Set(commits.flatMap((c) => c.files.filter((f) => f.base).map((f) => f.path)))];
  if (paths.length === 0) return undefined;
  const listed = await git(root, ["ls-tree", "-r", "-z", "--full-tree", head, "--", ...paths]);
  if (listed.code !== 0) return (listed.stderr.trim() || `git ls-tree exited with ${listed.code}`).split("\n")[0]!;
  return foundCommit(commits, parseLsTree(listed.stdout), head.length === 64 ? "sha256" : "sha1", committer);
}
