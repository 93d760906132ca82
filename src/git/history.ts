/**
 * Reading history for the audit: one `git log` for every commit and the files it touched,
 * and `git cat-file --batch` for file contents at given commits, so the number of git
 * processes does not grow with the length of the history.
 */
import { spawnSync } from "node:child_process";
import { GitError, gitOk } from "./git.js";

export interface FileChange {
  /** A (added), M (modified), D (deleted), T (type changed). */
  status: string;
  /** Relative to the git top level. */
  path: string;
}

export interface CommitInfo {
  hash: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** ISO 8601 author date. */
  date: string;
  files: FileChange[];
}

// \x01 opens each commit: it cannot occur in a hash, an e-mail or a date, and git's -z
// output separates everything else by NUL.
const FORMAT = "%x01%H%x00%P%x00%an%x00%ae%x00%aI";

/**
 * Commits oldest first, each with the files it changed against its first parent.
 * Merge commits list no files (git shows no diff for them by default): what they bring in
 * is audited in the commits that made it.
 */
export function readHistory(dir: string, since?: string, pathspec: string[] = []): CommitInfo[] {
  const range = since ? [`${since}..HEAD`] : ["HEAD"];
  const out = gitOk(dir, ["log", "-z", "--reverse", "--topo-order", "--no-renames", "--name-status", `--format=${FORMAT}`, ...range, "--", ...pathspec]);
  return parseLog(out);
}

export function parseLog(out: string): CommitInfo[] {
  const commits: CommitInfo[] = [];
  for (const chunk of out.split("\x01")) {
    if (chunk.trim() === "") continue;
    const parts = chunk.split("\0");
    const [hash, parents, authorName, authorEmail, date] = parts;
    const files: FileChange[] = [];
    const rest = parts.slice(5).map((s) => s.replace(/^\n/, "")).filter((s) => s !== "");
    for (let i = 0; i + 1 < rest.length; i += 2) files.push({ status: rest[i]!.charAt(0), path: rest[i + 1]! });
    commits.push({
      hash: hash!,
      parents: parents ? parents.split(" ").filter(Boolean) : [],
      authorName: authorName ?? "",
      authorEmail: authorEmail ?? "",
      date: date ?? "",
      files,
    });
  }
  return commits;
}

/**
 * Contents of `rev:path` specs (path relative to the top level). A spec that names no file
 * maps to undefined. Object ids are looked up first so a file that stays the same over
 * many commits (the roster) is read once.
 */
export function readBlobs(dir: string, specs: Iterable<string>): Map<string, string | undefined> {
  const list = [...new Set(specs)];
  const result = new Map<string, string | undefined>();
  if (list.length === 0) return result;
  for (const s of list) if (/[\n\0]/.test(s)) throw new Error(`unreadable path in ${JSON.stringify(s)}`);
  const check = gitOk(dir, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], list.join("\n") + "\n").split("\n");
  const oidOf = new Map<string, string>();
  list.forEach((spec, i) => {
    const [oid, type] = (check[i] ?? "").split(" ");
    if (type === "blob" && oid) oidOf.set(spec, oid);
    else result.set(spec, undefined);
  });
  const oids = [...new Set(oidOf.values())];
  const texts = readObjects(dir, oids);
  for (const [spec, oid] of oidOf) result.set(spec, texts.get(oid));
  return result;
}

function readObjects(dir: string, oids: string[]): Map<string, string> {
  const texts = new Map<string, string>();
  if (oids.length === 0) return texts;
  const out = gitBuffer(dir, ["cat-file", "--batch"], oids.join("\n") + "\n");
  let pos = 0;
  for (const oid of oids) {
    const nl = out.indexOf(0x0a, pos);
    if (nl < 0) break;
    const header = out.subarray(pos, nl).toString("utf8").split(" ");
    const size = Number(header[2]);
    if (header[1] === "missing" || !Number.isFinite(size)) {
      pos = nl + 1;
      continue;
    }
    texts.set(oid, out.subarray(nl + 1, nl + 1 + size).toString("utf8"));
    pos = nl + 1 + size + 1;
  }
  return texts;
}

/** Like gitOk, but keeps stdout as bytes: blob sizes are in bytes. */
function gitBuffer(cwd: string, args: string[], input: string): Buffer {
  const r = spawnSync("git", args, { cwd, input, maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, LC_ALL: "C" } });
  if (r.error || r.status !== 0) throw new GitError(args, r.stderr?.toString() ?? String(r.error));
  return r.stdout;
}
