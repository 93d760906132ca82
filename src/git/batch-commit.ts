/**
 * Many commits in a few git processes: the web server's queued saves become one commit each,
 * authored by the person who saved (committer: the server), all made by one `git fast-import`
 * stream on top of HEAD, then HEAD's branch moved by one `git update-ref` that names the old
 * value (so a branch moved meanwhile — a hand-run `git pull` — is never overwritten), then one
 * `git update-index` that puts the committed blobs in the index, with fresh stat data. Before
 * them, when the saves name the bytes they were made on, one `git ls-tree` finds files changed by
 * hand and never committed, which go in first in a commit of their own (src/git/found-on-disk.ts).
 * Three or four git processes per batch whatever its size (one more the first time, when git names
 * the repository's folder; HEAD is read from its files after that). Asynchronous: the server keeps answering meanwhile,
 * and it has them started by its git helper (src/git/runner.ts), not forked from itself.
 *
 * Whole or nothing: until the update-ref, nothing anyone can see has changed (fast-import only
 * adds objects and moves its own scratch ref, hence --force); after it, every commit is in the history. If the branch
 * moved without touching these files, the commits are made again on its new tip.
 */
import { spawn } from "node:child_process";
import { lstatSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { foundOnDisk, rememberCommitted } from "./found-on-disk.js";

export interface Person {
  name: string;
  email: string;
}

export interface CommitFile {
  /** Repo-relative, "/"-separated. */
  path: string;
  bytes: Uint8Array;
  /**
   * The bytes this change was made on, as read from disk (null: there was no file). Where HEAD
   * holds other bytes, they were changed by hand and not committed: they go in first, in a commit
   * of the committer's own (src/git/found-on-disk.ts), not in this one.
   */
  base?: Uint8Array | null;
}

export interface CommitSpec {
  author: Person;
  subject: string;
  files: CommitFile[];
}

export type BatchResult =
  | { ok: true; commits: string[]; indexNote?: string }
  /** "moved": the branch moved meanwhile and changed one of these files; "git": git failed. */
  | { ok: false; reason: "moved" | "git"; detail: string };

export interface BatchOptions {
  committer: Person;
  /** Test seam: runs after the commits exist and before the branch is moved. */
  beforeUpdateRef?: () => Promise<void> | void;
  /** Told the batch's last commit once it exists, before the branch is moved to it (the web server notes it). */
  onImported?: (tip: string) => void;
  /**
   * Told the moment the branch holds the commits, before git's index is brought in step (which
   * cannot undo them: the batch is then `ok` whatever the index does). The web server answers
   * the saves then.
   */
  onCommitted?: (tip: string) => void;
  /** How long to wait for another git's index.lock before leaving the index as it is (default 2 s). */
  indexWaitMs?: number;
  /** Runs git (default: spawned from this process; the web server passes its helper's, src/git/runner.ts). */
  git?: GitRun;
}

export const SCRATCH_REF = "refs/yanxiu/serve-batch";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs git in `root` with `input` on stdin; never rejects. */
export type GitRun = (root: string, args: string[], input?: Uint8Array | string) => Promise<Run>;

/**
 * The environment of the gits run here. glibc's malloc gives memory back to the system whenever
 * the top of its heap is free; fast-import frees and takes its zlib and delta buffers per object,
 * so it paid a page fault per page touched again, two thirds of its CPU (125 ms → 40 ms for 25
 * commits into the 2,000-teacher school, docs/benchmark.md). A git process lives for milliseconds:
 * keeping up to 64 MB until it exits costs nothing. Ignored by other C libraries; a value the
 * server was started with is kept.
 */
export function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { MALLOC_TRIM_THRESHOLD_: String(64 << 20), ...env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" };
}

/** Run git with `input` on stdin; never rejects (a git that cannot start is code 127). */
export function gitAsync(root: string, args: string[], input?: Uint8Array | string): Promise<Run> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn("git", args, { cwd: root, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
    } catch (e) {
      resolve({ code: 127, stdout: "", stderr: String((e as Error).message) });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.stdin.on("error", () => { /* git exited early: its stderr says why */ });
    child.on("error", (e) => resolve({ code: 127, stdout: "", stderr: String(e.message) }));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
    child.stdin.end(input ?? "");
  });
}

const firstLine = (r: Run) => (r.stderr.trim() || r.stdout.trim()).split("\n")[0] || `git exited with ${r.code}`;

/** Name and e-mail as git's ident allows them: no angle brackets or line breaks. */
export function identOf(p: Person): string {
  const clean = (s: string) => s.replace(/[<>\r\n\0]/g, "").trim();
  return `${clean(p.name) || "unknown"} <${clean(p.email)}>`;
}

/** A path for fast-import: C-quoted when it must be (a leading quote, a line break, a backslash). */
export function fastImportPath(path: string): string {
  if (!/^"|[\n\\"\0]/.test(path)) return path;
  return `"${path.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, "\\n").replace(/\0/g, "\\000")}"`;
}

/** Pure: the fast-import stream making `commits` on top of `parent` (undefined: a first commit). */
export function fastImportStream(commits: CommitSpec[], parent: string | undefined, committer: Person): Buffer {
  const parts: Buffer[] = [];
  const text = (s: string) => parts.push(Buffer.from(s, "utf8"));
  const data = (bytes: Uint8Array) => { text(`data ${bytes.length}\n`); parts.push(Buffer.from(bytes)); text("\n"); };
  text("feature done\n");
  let mark = 0;
  const blobMarks = commits.map((c) => c.files.map((f) => {
    text(`blob\nmark :${++mark}\n`);
    data(f.bytes);
    return mark;
  }));
  text(`reset ${SCRATCH_REF}\n${parent ? `from ${parent}\n` : ""}\n`);
  commits.forEach((c, i) => {
    text(`commit ${SCRATCH_REF}\nmark :${++mark}\nauthor ${identOf(c.author)} now\ncommitter ${identOf(committer)} now\n`);
    data(Buffer.from(c.subject.endsWith("\n") ? c.subject : `${c.subject}\n`, "utf8"));
    c.files.forEach((f, j) => text(`M 100644 :${blobMarks[i]![j]} ${fastImportPath(f.path)}\n`));
    text("\n");
  });
  text("done\n");
  return Buffer.concat(parts);
}

interface Head {
  /** The branch HEAD points at, or undefined when HEAD is detached. */
  ref?: string;
  /** Its commit, or undefined on an unborn branch. */
  commit?: string;
}

/**
 * The git folder of each work tree, as git named it once, when it holds the branches too (not a
 * linked worktree's). HEAD is then read from its files, as git reads them, without a git process
 * (one less per batch); whatever those files do not say plainly is asked of git again.
 */
const gitDirs = new Map<string, string>();
/** The folder holding each work tree's objects and branches (a linked worktree's is its main repository's), as git named it. */
const commonDirs = new Map<string, string>();

/** Where git keeps this work tree's objects, once a batch has asked git (pack upkeep, src/git/pack-upkeep.ts). */
export function commonDirOf(root: string): string | undefined {
  return commonDirs.get(root);
}

/**
 * The branch's commit as git's files say it now, without a git process, once a batch (or
 * learnHead) has had git name the repository's folder; undefined before that, or when the files
 * do not say it plainly.
 */
export function knownHead(root: string): string | undefined {
  const dir = gitDirs.get(root);
  return dir === undefined ? undefined : headFromFiles(dir)?.commit;
}

/** Has git name the repository's folder now (the server, at start), so that knownHead can answer from the first batch. */
export async function learnHead(git: GitRun, root: string): Promise<void> {
  await readHead(git, root);
}

async function readHead(git: GitRun, root: string): Promise<Head | string> {
  const known = gitDirs.get(root);
  const fromFiles = known === undefined ? undefined : headFromFiles(known);
  if (fromFiles) return fromFiles;
  gitDirs.delete(root);
  // One git in the usual case (a branch with commits); two on an unborn branch.
  const both = await git(root, ["rev-parse", "--absolute-git-dir", "--git-common-dir", "HEAD", "--symbolic-full-name", "HEAD"]);
  if (both.code === 0) {
    const [gitDir, commonDir, commit, name] = both.stdout.trim().split("\n");
    if (gitDir && commonDir) commonDirs.set(root, resolve(root, commonDir));
    if (gitDir && commonDir && resolve(root, commonDir) === gitDir) gitDirs.set(root, gitDir);
    return { commit, ref: name && name !== "HEAD" ? name : undefined };
  }
  const sym = await git(root, ["symbolic-ref", "-q", "HEAD"]);
  if (sym.code !== 0) return firstLine(both);
  const rev = await git(root, ["rev-parse", "-q", "--verify", "HEAD^{commit}"]);
  return rev.code === 0 ? firstLine(both) : { ref: sym.stdout.trim() };
}

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})\n$/;

/**
 * HEAD from the files git keeps it in: `HEAD` naming a branch whose own file (or, without one,
 * its line in packed-refs) holds a commit id, or holding the id itself (detached). Anything else
 * (a reftable repository, a symbolic ref of a symbolic ref): undefined, and git is asked.
 */
export function headFromFiles(gitDir: string): Head | undefined {
  try {
    const head = readFileSync(join(gitDir, "HEAD"), "utf8");
    if (OBJECT_ID.test(head)) return { commit: head.trim() };
    const ref = /^ref: (refs\/heads\/[^\n]+)\n$/.exec(head)?.[1];
    if (!ref || ref.split("/").some((part) => part === "" || part === "." || part === ".." || part.endsWith(".lock"))) return undefined;
    let value: string;
    try {
      value = readFileSync(join(gitDir, ref), "utf8");
    } catch {
      // Only in packed-refs (after `git gc` or `git pack-refs`), on a line "<id> <ref>".
      const packed = readFileSync(join(gitDir, "packed-refs"), "utf8");
      const line = packed.split("\n").find((l) => l.endsWith(` ${ref}`) && !l.startsWith("#") && !l.startsWith("^"));
      value = line ? `${line.slice(0, line.indexOf(" "))}\n` : "";
    }
    return OBJECT_ID.test(value) ? { ref, commit: value.trim() } : undefined;
  } catch {
    return undefined;
  }
}

export async function commitBatch(root: string, commits: CommitSpec[], opts: BatchOptions): Promise<BatchResult> {
  if (commits.length === 0) return { ok: true, commits: [] };
  const git = opts.git ?? gitAsync;
  const paths = [...new Set(commits.flatMap((c) => c.files.map((f) => f.path)))];
  const scratch = mkdtempSync(join(tmpdir(), "yanxiu-commit-"));
  try {
    let head = await readHead(git, root);
    for (let attempt = 1; ; attempt++) {
      if (typeof head === "string") return { ok: false, reason: "git", detail: head };
      const found = head.commit ? await foundOnDisk(git, root, head.commit, commits, opts.committer) : undefined;
      if (typeof found === "string") return { ok: false, reason: "git", detail: found };
      const all = found ? [found, ...commits] : commits;
      const marksFile = join(scratch, `marks-${attempt}`);
      // unpackLimit=0: the batch's objects always stay one pack (a small batch's were exploded into loose
      // objects by a second process, ~15 ms more); the packs are rolled up by src/git/pack-upkeep.ts.
      const imported = await git(root, ["-c", "fastimport.unpackLimit=0", "fast-import", "--quiet", "--force", "--date-format=now", `--export-marks=${marksFile}`], fastImportStream(all, head.commit, opts.committer));
      if (imported.code !== 0) return { ok: false, reason: "git", detail: firstLine(imported) };
      const marks = new Map(readFileSync(marksFile, "utf8").trim().split("\n").map((l) => l.split(" ") as [string, string]));
      const blobCount = all.reduce((n, c) => n + c.files.length, 0);
      const ids = all.map((_, i) => marks.get(`:${blobCount + i + 1}`)!);
      const tip = ids.at(-1)!;
      opts.onImported?.(tip);
      await opts.beforeUpdateRef?.();
      const old = head.commit ?? "0".repeat(tip.length);
      const target = head.ref ?? "HEAD";
      const moved = await git(root, ["update-ref", "--stdin", "-m", `yanxiu serve: ${commits.length} save(s)`],
        `${head.ref ? "" : "option no-deref\n"}update ${target} ${tip} ${old}\ndelete ${SCRATCH_REF}\n`);
      // The branch moved since HEAD was read (or the helper running git stopped: then it may have moved it to our tip).
      const now = moved.code === 0 ? undefined : await readHead(git, root);
      if (moved.code === 0 || (typeof now === "object" && now.ref === head.ref && now.commit === tip)) {
        opts.onCommitted?.(tip);
        const blobs = new Map<string, Committed>();
        let k = 0;
        for (const c of all) for (const f of c.files) blobs.set(f.path, { blob: marks.get(`:${++k}`)!, bytes: f.bytes });
        rememberCommitted(root, head.commit, tip, new Map([...blobs].map(([path, c]) => [path, c.blob])));
        const indexNote = await refreshIndex(git, root, blobs, opts.indexWaitMs ?? 2000);
        const made = found ? ids.slice(1) : ids;
        return indexNote ? { ok: true, commits: made, indexNote } : { ok: true, commits: made };
      }
      // Moved by someone else: again on its new tip, unless it changed these files.
      if (now === undefined || typeof now === "string" || attempt >= 3 || now.ref !== head.ref || now.commit === head.commit) return { ok: false, reason: "git", detail: firstLine(moved) };
      if (head.commit && now.commit) {
        const touched = await git(root, ["diff-tree", "-r", "--name-only", "-z", head.commit, now.commit, "--", ...paths]);
        if (touched.code !== 0) return { ok: false, reason: "git", detail: firstLine(touched) };
        if (touched.stdout.length > 0) return { ok: false, reason: "moved", detail: touched.stdout.split("\0").filter(Boolean).join(", ") };
      } else {
        return { ok: false, reason: "moved", detail: firstLine(moved) };
      }
      head = now;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface Committed {
  blob: string;
  bytes: Uint8Array;
}

/**
 * The index then holds exactly the committed blobs of these paths (whatever else is staged by
 * hand stays staged), and the stat data of those still on disk as committed is fresh, so
 * `git status` is clean for them. Only these paths are looked at: `--refresh` stat'ed every file of
 * the index (8,400 in the bench school, ~30 ms a batch). Each path goes in by its blob (mode 100644,
 * as committed, no stat data), then, when the file on disk is a plain file with the committed bytes,
 * once more by its path, which git hashes again (the same blob) and stats. A file changed on disk
 * since (by hand) keeps no stat data and shows as modified, as it is. Should git refuse a path (a
 * folder on the way that is a link), the blobs go in alone and the whole index is refreshed, as
 * before. Another git holding index.lock is waited for a moment; after that the commits stand and
 * the note says the index was left (a later `git status` shows those files as changed until
 * `git reset -q`).
 */
export async function refreshIndex(git: GitRun, root: string, blobs: Map<string, Committed>, waitMs: number): Promise<string | undefined> {
  const asCommitted = [...blobs].map(([path, c]) => onDiskAsCommitted(join(root, path), c.bytes));
  const byBlob = ["update-index", "--add", ...[...blobs].flatMap(([path, c]) => ["--cacheinfo", `100644,${c.blob},${path}`])];
  let args = [...byBlob, "--", ...[...blobs.keys()].filter((_, i) => asCommitted[i])];
  const deadline = Date.now() + waitMs;
  for (;;) {
    const r = await git(root, args);
    if (r.code === 0) return undefined;
    if (!/index\.lock/.test(r.stderr)) {
      if (args.includes("--refresh")) return firstLine(r);
      args = [...byBlob, "-q", "--refresh"];
      continue;
    }
    if (Date.now() >= deadline) return firstLine(r);
    await new Promise((done) => setTimeout(done, 25 + Math.random() * 25));
  }
}

/** The file is a plain, not executable file holding exactly these bytes (synchronous: a few small files, cheaper so than through the thread pool). */
function onDiskAsCommitted(file: string, bytes: Uint8Array): boolean {
  try {
    const st = lstatSync(file);
    if (!st.isFile() || (st.mode & 0o111) !== 0 || st.size !== bytes.length) return false;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(readFileSync(file));
  } catch {
    return false;
  }
}
