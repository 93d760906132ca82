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
import { readFileSync, renameSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { commitBatch, gitAsync, gitEnv, refreshIndex, type CommitSpec, type GitRun, type Person } from "../git/batch-commit.js";
import { journalPath, parseJournal, sha256, type JournalSave } from "./journal.js";

export interface Recovery {
  /** Subjects of the saves committed now. */
  committed: string[];
  /** Paths whose index entry was set to HEAD's. */
  indexFixed: string[];
  /** Saves left as they are, and why. */
  left: { subject: string; path: string }[];
  /** The note could not be read as one; kept beside it under this name. */
  broken?: string;
  /** The commit failed: the note is kept for the next start. */
  failed?: string;
}

interface Versions {
  /** Object id and bytes of the path in HEAD and in the index, undefined when absent. */
  head?: { id: string; bytes: Buffer };
  index?: { id: string; bytes: Buffer };
  disk?: Buffer;
}

/**
 * The batch left in the note finished; undefined when there is none (the usual start: one read
 * of an empty file). `git`: how the commit is made (the server's helper).
 */
export async function recoverSaves(root: string, committer: Person, git?: GitRun): Promise<Recovery | undefined> {
  const path = journalPath(root);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  if (text.trim() === "") return undefined;
  const saves = parseJournal(text);
  const out: Recovery = { committed: [], indexFixed: [], left: [] };
  if (!saves) {
    out.broken = `${path}.broken-${Date.now()}`;
    renameSync(path, out.broken);
    return out;
  }
  const versions = readVersions(root, [...new Set(saves.flatMap((s) => s.files.map((f) => f.path)))]);
  const fixes = new Map<string, { blob: string; bytes: Uint8Array }>();
  const recommit: CommitSpec[] = [];
  for (const save of saves) {
    const inHead = save.files.every((f) => hashOf(versions.get(f.path)?.head?.bytes) === f.sha256);
    if (inHead) {
      for (const f of save.files) {
        const v = versions.get(f.path)!;
        const stale = v.index ? v.index.id !== v.head!.id && sha256(v.index.bytes) === f.before : f.before === null;
        if (stale) fixes.set(f.path, { blob: v.head!.id, bytes: v.head!.bytes });
      }
    } else if (save.files.every((f) => hashOf(versions.get(f.path)?.disk) === f.sha256)) {
      recommit.push({ author: save.author, subject: save.subject, files: save.files.map((f) => ({ path: f.path, bytes: versions.get(f.path)!.disk! })) });
    } else if (!save.files.every((f) => hashOf(versions.get(f.path)?.disk) === (f.before ?? undefined))) {
      // (Files all as they were before the save: never placed, or put back. Nothing to finish.)
      const changed = save.files.find((f) => hashOf(versions.get(f.path)?.disk) !== f.sha256)!;
      out.left.push({ subject: save.subject, path: changed.path });
    }
  }
  const run = git ? { git } : {};
  if (fixes.size > 0) {
    const note = await refreshIndex(git ?? gitAsync, root, fixes, 2000);
    if (note) out.failed = note;
    else out.indexFixed.push(...fixes.keys());
  }
  if (recommit.length > 0) {
    const r = await commitBatch(root, recommit, { committer, ...run });
    if (r.ok) out.committed.push(...recommit.map((c) => c.subject));
    else out.failed = r.detail;
  }
  if (!out.failed) clearNote(path);
  return out;
}

function hashOf(bytes: Buffer | undefined): string | undefined {
  return bytes === undefined ? undefined : sha256(bytes);
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

/** The one-line account of what a start finished, for the server's log; undefined when nothing was left. */
export function recoveryText(r: Recovery | undefined): string | undefined {
  if (!r) return undefined;
  const lines: string[] = [];
  if (r.broken) lines.push(`yanxiu serve: the note of an unfinished batch could not be read; kept as ${r.broken}. Check 'git status' for files saved but not committed`);
  if (r.indexFixed.length > 0) lines.push(`yanxiu serve: the last run stopped before git's index was updated; set to the commits for ${r.indexFixed.join(", ")}`);
  if (r.committed.length > 0) lines.push(`yanxiu serve: the last run stopped before committing; committed now: ${r.committed.join("; ")}`);
  for (const l of r.left) lines.push(`yanxiu serve: the last run stopped before committing '${l.subject}'; ${l.path} has changed since, so it is left as it is (see 'git status')`);
  if (r.failed) lines.push(`yanxiu serve: finishing the last run's batch failed (${r.failed}); tried again at the next start`);
  return lines.length > 0 ? lines.join("\n") + "\n" : undefined;
}

export type { JournalSave };
