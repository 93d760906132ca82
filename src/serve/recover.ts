/**
 * At start, the batch a killed server left half done (src/serve/journal.ts) is finished. For each
 * save of the note, its files are compared (by SHA-256) as HEAD holds them, as git's index holds
 * them and as they are on disk:
 * - in HEAD as the save made them: committed. An index entry still holding the bytes the save
 *   replaced (killed between moving the branch and updating the index) is set to HEAD's, so the
 *   office's next `git commit` does not undo the save; an entry anyone changed otherwise is left.
 * - not in HEAD, on disk as the save made them: placed and never committed. Committed now, one
 *   commit per save by its own author, as the batch would have been.
 * - anything else (edited by hand since, put back): left as it is, and said.
 * The note is emptied once this is done; kept when the commit fails, so the next start tries again.
 */
import { spawnSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { commitBatch, gitAsync, gitEnv, refreshIndex, type CommitSpec, type GitRun, type Person } from "../git/batch-commit.js";
import { ASIDE_PREFIX, JOURNAL_FILE, parseJournal, setNoteAside, sha256, type JournalFile, type JournalSave, type Note } from "./journal.js";
import { serveDir } from "./accounts.js";
import { git as runGit } from "../git/git.js";
import { removeOrphanTemps } from "../repo/update.js";
import { nodeFs } from "../repo/fs.js";

export interface Recovery {
  /** Subjects of the saves committed now. */
  committed: string[];
  /** Paths whose index entry was set to HEAD's. */
  indexFixed: string[];
  /** Saves left as they are, and why: a file changed since, the branch moved or rewound since, or made on changes by hand never committed. */
  left: { subject: string; path: string; why: "changed" | "moved" | "hand" | "undone" }[];
  /** Files of saves never put in place (uploaded photos) removed. */
  removed: string[];
  /** Notes that could not be read as one; kept beside them under these names. */
  broken: string[];
  /** Finishing failed: the note is kept for the next start. */
  failed?: string;
}

export interface Versions {
  /** Object id and bytes of the path in HEAD and in the index, undefined when absent. */
  head?: { id: string; bytes: Buffer };
  index?: { id: string; bytes: Buffer };
  disk?: Buffer;
}

/** Said in the subject of a save committed by a later start. */
export const RECOVERED = " (committed at the server's restart)";

/**
 * The batches left in notes finished: the note of the last run, then any set aside (oldest
 * first); undefined when there is none (the usual start: one read of an empty file and of a
 * folder's names). `git`: how the commits are made (the server's helper).
 */
export async function recoverSaves(root: string, committer: Person, git?: GitRun): Promise<Recovery | undefined> {
  const dir = serveDir(root);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(ASIDE_PREFIX) && n.endsWith(".json")).sort();
  } catch {
    return undefined;
  }
  const out: Recovery = { committed: [], indexFixed: [], left: [], removed: [], broken: [] };
  let any = false;
  for (const name of [...names, JOURNAL_FILE]) {
    const path = join(dir, name);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    if (text.trim() === "") continue;
    any = true;
    const note = parseJournal(text);
    if (!note) {
      const aside = `${path}.broken-${Date.now()}`;
      renameSync(path, aside);
      out.broken.push(aside);
      if (name === JOURNAL_FILE) writeFileSync(path, "");
      continue;
    }
    // After one failure (git's index locked, most likely), the rest waits for the next start too:
    // each would wait for the lock again before the server opens.
    const failed = out.failed ?? await finishNote(root, note, committer, git, out);
    if (failed) {
      out.failed = failed;
      // Kept for the next start, where the next batch's note does not overwrite it.
      if (name === JOURNAL_FILE) setNoteAside(path);
    } else if (name === JOURNAL_FILE) {
      truncateSync(path, 0);
    } else {
      rmSync(path, { force: true });
    }
  }
  return any ? out : undefined;
}

/** One note's batch finished, into `out`; a string when git failed (the note is then kept). */
async function finishNote(root: string, note: Note, committer: Person, git: GitRun | undefined, out: Recovery): Promise<string | undefined> {
  const paths = [...new Set(note.saves.flatMap((s) => s.files.map((f) => f.path)))];
  const usable = safePaths(root, paths);
  // The dead server's temporary files beside these files (a kill before their renames).
  for (const p of usable) removeOrphanTemps(nodeFs, join(root, p));
  const versions = readVersions(root, paths.filter((p) => usable.has(p)));
  const headNow = gitText(root, ["rev-parse", "-q", "--verify", "HEAD^{commit}"]);
  // Saves the branch does not hold are committed only where it still stands where the batch left
  // it (or moved on without touching these files): never after the office rewound or reset it.
  // Committed: so marked, or its last commit is in the branch's log (killed before the mark was written).
  const committed = note.committed ?? (note.tip !== undefined && inReflog(root, note.tip) ? note.tip : undefined);
  const mayCommit = committed === undefined && (note.head === undefined || note.head === headNow
    || (headNow !== undefined && untouchedSince(root, note.head, headNow, paths)));
  const fixes = new Map<string, { blob: string; bytes: Uint8Array }>();
  const recommit: CommitSpec[] = [];
  // Committed once, and the branch still holds that commit (later saves may have changed the files since).
  const stillHeld = committed !== undefined && headNow !== undefined && isAncestor(root, committed, headNow);
  for (const save of note.saves) {
    if (!save.files.every((f) => usable.has(f.path))) {
      out.left.push({ subject: save.subject, path: save.files.find((f) => !usable.has(f.path))!.path, why: "changed" });
      continue;
    }
    for (const [path, fix] of staleEntries(save, versions)) fixes.set(path, fix);
    const verdict = judgeSave(save, versions, { committed: committed !== undefined, stillHeld });
    if (verdict.kind === "left") out.left.push({ subject: save.subject, path: verdict.path, why: verdict.why });
    else if (verdict.kind === "never-placed") {
      for (const path of verdict.uploads) rmSync(join(root, path), { force: true });
      out.removed.push(...verdict.uploads);
    } else if (verdict.kind === "placed") {
      if (mayCommit) recommit.push({ author: save.author, subject: save.subject + RECOVERED, files: save.files.map((f) => ({ path: f.path, bytes: versions.get(f.path)!.disk! })) });
      else out.left.push({ subject: save.subject, path: save.files[0]!.path, why: "moved" });
    }
  }
  if (fixes.size > 0) {
    const note2 = await refreshIndex(git ?? gitAsync, root, fixes, 2000);
    if (note2) return note2;
    out.indexFixed.push(...fixes.keys());
  }
  if (recommit.length > 0) {
    const r = await commitBatch(root, recommit, { committer, ...(git ? { git } : {}) });
    if (!r.ok) return r.detail;
    // Committed, git's index not: the note is kept, and the next start, finding the saves in HEAD, sets it.
    if (r.indexNote) return r.indexNote;
    out.committed.push(...recommit.map((c) => c.subject));
  }
  return undefined;
}

type Verdict =
  | { kind: "done" }
  | { kind: "left"; path: string; why: Recovery["left"][number]["why"] }
  /** Its record file as it was before: never put in place (or put back); only its uploads may be left. */
  | { kind: "never-placed"; uploads: string[] }
  /** In place, as the save made it, and not committed. */
  | { kind: "placed" };

/**
 * Pure: what is left to do for one save, from its files as HEAD, the index and the disk hold them.
 * `committed`: the batch was committed once; `stillHeld`: and the branch still holds that commit.
 */
export function judgeSave(save: JournalSave, versions: ReadonlyMap<string, Versions>, batch: { committed: boolean; stillHeld: boolean }): Verdict {
  const v = (f: JournalFile) => versions.get(f.path);
  const inHead = (f: JournalFile) => hashOf(v(f)?.head?.bytes) === f.sha256;
  const onDisk = (f: JournalFile) => hashOf(v(f)?.disk) === f.sha256;
  const asBefore = (f: JournalFile) => hashOf(v(f)?.disk) === (f.before ?? undefined);
  const headAsBefore = (f: JournalFile) => hashOf(v(f)?.head?.bytes) === (f.before ?? undefined);
  if (save.files.every(inHead)) return { kind: "done" };
  if (batch.stillHeld) {
    // The branch still holds the batch, but a later commit took this file out or back (a hand
    // `git commit -a` over git's stale index): said, for the office to put it back.
    const undone = save.files.find((f) => !inHead(f) && onDisk(f) && headAsBefore(f));
    return undone ? { kind: "left", path: undone.path, why: "undone" } : { kind: "done" };
  }
  if (batch.committed) return { kind: "left", path: save.files[0]!.path, why: "moved" };
  // Uploads (files after the first) are written as the save is staged: new, and named by nothing else.
  const leftUpload = (f: JournalFile) => f.before === null && onDisk(f) && !v(f)?.head && !v(f)?.index;
  if (save.files.every((f, i) => asBefore(f) || (i > 0 && leftUpload(f)))) {
    return { kind: "never-placed", uploads: save.files.slice(1).filter((f) => f.before === null && v(f)?.disk && onDisk(f)).map((f) => f.path) };
  }
  if (save.files.every(onDisk)) {
    // Made on bytes HEAD does not hold (changes by hand, never committed): not put under the
    // saver's name; the next save of the file commits them as found on disk, by the server.
    const hand = save.files.find((f) => !headAsBefore(f));
    return hand ? { kind: "left", path: hand.path, why: "hand" } : { kind: "placed" };
  }
  const changed = save.files.find((f) => !onDisk(f) && !asBefore(f)) ?? save.files[0]!;
  return { kind: "left", path: changed.path, why: "changed" };
}

/**
 * Pure: the index entries to set to HEAD's, for the files HEAD holds as the save made them: an
 * entry still holding what the save replaced, or anything else while the file on disk is HEAD's
 * (a later batch's note, a hand edit committed first as found on disk): the index is the odd one out.
 */
export function staleEntries(save: JournalSave, versions: ReadonlyMap<string, Versions>): [string, { blob: string; bytes: Uint8Array }][] {
  const out: [string, { blob: string; bytes: Uint8Array }][] = [];
  for (const f of save.files) {
    const now = versions.get(f.path);
    if (!now?.head || hashOf(now.head.bytes) !== f.sha256) continue;
    const diskIsHead = now.disk !== undefined && now.disk.equals(now.head.bytes);
    const stale = now.index
      ? now.index.id !== now.head.id && (hashOf(now.index.bytes) === f.before || diskIsHead)
      : f.before === null || diskIsHead;
    if (stale) out.push([f.path, { blob: now.head.id, bytes: now.head.bytes }]);
  }
  return out;
}

/** The paths that are plain files reached through no symlink and not ignored by git: the only ones finished. */
function safePaths(root: string, paths: string[]): Set<string> {
  const plain = paths.filter((p) => {
    let at = root;
    for (const part of p.split("/")) {
      at = join(at, part);
      try {
        if (lstatSync(at).isSymbolicLink()) return false;
      } catch {
        return true; // absent: judged by its hashes
      }
    }
    return true;
  });
  const r = runGit(root, ["check-ignore", "-z", "--stdin", "--no-index"], plain.join("\0") + "\0");
  const ignored = new Set(r.status === 0 ? r.stdout.split("\0").filter(Boolean) : []);
  return new Set(plain.filter((p) => !ignored.has(p)));
}

function gitText(root: string, args: string[]): string | undefined {
  const r = runGit(root, args);
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The commit is in HEAD's reflog (the branch was moved to it at some time). */
function inReflog(root: string, commit: string): boolean {
  return gitText(root, ["log", "-g", "--format=%H", "HEAD"])?.split("\n").includes(commit) ?? false;
}

function isAncestor(root: string, then: string, now: string): boolean {
  return runGit(root, ["merge-base", "--is-ancestor", then, now]).status === 0;
}

/** `now` descends from `then` and no commit between them touched these paths. */
function untouchedSince(root: string, then: string, now: string, paths: string[]): boolean {
  if (!isAncestor(root, then, now)) return false;
  return gitText(root, ["diff-tree", "-r", "--name-only", "-z", then, now, "--", ...paths]) === "";
}

/** Each buffer's hash, taken once: a save's files are compared several ways, and a photo may be 10 MB. */
const hashes = new WeakMap<Buffer, string>();

function hashOf(bytes: Buffer | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  let h = hashes.get(bytes);
  if (h === undefined) hashes.set(bytes, (h = sha256(bytes)));
  return h;
}

function clearNote(path: string): void {
  truncateSync(path, 0);
}

/** Each path as HEAD, the index and the disk hold it: one `git cat-file --batch` for HEAD and index. */
function readVersions(root: string, paths: string[]): Map<string, Versions> {
  const names = paths.flatMap((p) => [`HEAD:${p}`, `:${p}`]);
  const r = spawnSync("git", ["cat-file", "--batch"], { cwd: root, input: names.join("\n") + "\n", env: gitEnv(), maxBuffer: 1 << 30 });
  const objects = r.status === 0 ? parseBatch(r.stdout, names.length) : [];
  const out = new Map<string, Versions>();
  paths.forEach((p, i) => {
    let disk: Buffer | undefined;
    try {
      disk = readFileSync(join(root, p));
    } catch {
      disk = undefined;
    }
    out.set(p, { head: objects[2 * i], index: objects[2 * i + 1], disk });
  });
  return out;
}

/** Pure: `git cat-file --batch` output, one entry per name asked (undefined: missing). */
export function parseBatch(out: Buffer, count: number): ({ id: string; bytes: Buffer } | undefined)[] {
  const found: ({ id: string; bytes: Buffer } | undefined)[] = [];
  let at = 0;
  while (found.length < count && at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = out.subarray(at, eol).toString("utf8");
    const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(header);
    if (!m) {
      found.push(undefined); // "<name> missing" (or ambiguous)
      at = eol + 1;
      continue;
    }
    const size = Number(m[3]);
    found.push(m[2] === "blob" ? { id: m[1]!, bytes: out.subarray(eol + 1, eol + 1 + size) } : undefined);
    at = eol + 1 + size + 1;
  }
  while (found.length < count) found.push(undefined);
  return found;
}

/** What a start finished, for the server's log; undefined when nothing was left. */
export function recoveryText(r: Recovery | undefined): string | undefined {
  if (!r) return undefined;
  const lines: string[] = [];
  for (const b of r.broken) lines.push(`yanxiu serve: the note of an unfinished batch could not be read; kept as ${b}. Check 'git status' for files saved but not committed`);
  if (r.indexFixed.length > 0) lines.push(`yanxiu serve: the last run stopped before git's index was updated; set to the commits for ${r.indexFixed.join(", ")}`);
  if (r.committed.length > 0) lines.push(`yanxiu serve: the last run stopped before committing; committed now: ${r.committed.join("; ")}`);
  if (r.removed.length > 0) lines.push(`yanxiu serve: the last run stopped before placing a save; its uploads removed: ${r.removed.join(", ")}`);
  for (const l of r.left) {
    lines.push(l.why === "moved"
      ? `yanxiu serve: the last run stopped before committing '${l.subject}', and the branch has been moved or reset since; its files are left as they are (see 'git status')`
      : l.why === "undone"
        ? `yanxiu serve: '${l.subject}' was committed, but a later commit took ${l.path} back out (a 'git commit' over git's index before the restart); the file on disk still holds the save: 'git add ${l.path}' and commit it to put it back`
        : l.why === "hand"
        ? `yanxiu serve: the last run stopped before committing '${l.subject}'; ${l.path} also held changes made by hand and never committed, so it is not committed under the saver's name: commit it yourself, or the next save of it commits it as found on disk`
        : `yanxiu serve: the last run stopped before committing '${l.subject}'; ${l.path} has changed since, so it is left as it is (see 'git status')`);
  }
  if (r.failed) {
    const lock = /index\.lock/.test(r.failed) ? "; if no git is running, remove .git/index.lock" : "";
    lines.push(`yanxiu serve: finishing the last run's batch failed (${r.failed})${lock}; it is tried again at the next start`);
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : undefined;
}

export type { JournalSave };
