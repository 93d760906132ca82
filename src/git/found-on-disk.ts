/**
 * Changes someone made on disk and never committed (the office fixing a teacher's file by hand
 * on the server) are not the next saver's: a web save is made on the file as it is on disk, and
 * its commit, authored by the teacher, would otherwise carry the office's edit too — `audit` and
 * `git blame` would then name the teacher for it. So, before a batch's commits, the bytes each
 * save was made on (its base) are compared with HEAD's: where they differ, one commit by the
 * server ("found on disk") puts the base in first, and the save's own commit then holds only the
 * save. One `git ls-tree` per batch, for the files whose blob in HEAD this process does not know
 * from its own last commits; nothing when no file of the batch names its base.
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

/**
 * Per work tree, the blobs this process's batches committed, while the branch stands at the last
 * of them: a file saved again is then known to be as HEAD holds it without asking git (a
 * teacher's second save of the day). Anyone else moving the branch makes it unknown again.
 */
const ours = new Map<string, { tip: string; blobs: Map<string, string> }>();

/** A batch on `parent` made `tip`, with these blobs at these paths. */
export function rememberCommitted(root: string, parent: string | undefined, tip: string, blobs: ReadonlyMap<string, string>): void {
  const before = ours.get(root);
  const kept = before && before.tip === parent ? before.blobs : new Map<string, string>();
  for (const [path, id] of blobs) kept.set(path, id);
  ours.set(root, { tip, blobs: kept });
}

/**
 * Learn every blob of HEAD at once (the server, at start, while it is small): the first save of
 * each file then needs no `git ls-tree` either, while the branch stays where it was.
 */
export async function learnBlobs(git: GitRun, root: string, head: string | undefined): Promise<void> {
  if (!head) return;
  const listed = await git(root, ["ls-tree", "-r", "-z", "--full-tree", head]);
  if (listed.code === 0) ours.set(root, { tip: head, blobs: parseLsTree(listed.stdout) });
}

/** The found-on-disk commit for a batch on `head` (a commit id), asking git for HEAD's blobs it does not know; a string when git failed. */
export async function foundOnDisk(git: GitRun, root: string, head: string, commits: readonly CommitSpec[], committer: Person): Promise<CommitSpec | undefined | string> {
  const algorithm = head.length === 64 ? "sha256" : "sha1";
  const known = ours.get(root)?.tip === head ? ours.get(root)!.blobs : undefined;
  const inHead = new Map<string, string>();
  const ask = new Set<string>();
  for (const c of commits) {
    for (const f of c.files) {
      if (!f.base) continue;
      const id = known?.get(f.path);
      if (id !== undefined && id === blobId(f.base, algorithm)) inHead.set(f.path, id);
      else ask.add(f.path);
    }
  }
  if (ask.size > 0) {
    const listed = await git(root, ["ls-tree", "-r", "-z", "--full-tree", head, "--", ...ask]);
    if (listed.code !== 0) return (listed.stderr.trim() || `git ls-tree exited with ${listed.code}`).split("\n")[0]!;
    for (const [path, id] of parseLsTree(listed.stdout)) if (ask.has(path)) inHead.set(path, id);
  }
  return foundCommit(commits, inHead, algorithm, committer);
}
