/**
 * Reading history for the audit: one `git log` pass gives every commit with, for each of its
 * parents, the files it changed and their blob ids before and after (`--raw`). Contents are
 * then read by blob id with one `git cat-file --batch`, so the number of git processes does
 * not grow with the history, no file is looked up by path per commit, and a path holding a
 * newline (or anything else) is read like any other.
 *
 * Merges are read against each parent (`-m`): what a merge changed on its own (a file that
 * differs from every parent) is an edit made by whoever made the merge. Renames are followed
 * (`-M`): the old path and the new one are both given.
 */
import { spawnSync } from "node:child_process";
import { GitError } from "./git.js";

export interface FileChange {
  /** A (added), M (modified), D (deleted), T (type changed), R (renamed), C (copied). */
  status: string;
  /** Relative to the git top level: the path after the change. */
  path: string;
  /** For R and C: the path before. */
  oldPath?: string;
  /** Blob ids before and after; undefined where the file does not exist on that side. */
  oldOid?: string;
  newOid?: string;
  /** git file modes, e.g. 100644; 120000 is a symbolic link, 160000 a submodule. */
  oldMode: string;
  newMode: string;
}

export interface ParentDiff {
  parent: string;
  files: FileChange[];
}

export interface CommitInfo {
  hash: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** ISO 8601 author date. */
  date: string;
  committerName: string;
  committerEmail: string;
  /** The diff against each parent, in parent order; one diff against nothing for a root commit. */
  diffs: ParentDiff[];
}

export const SYMLINK_MODE = "120000";
const ZERO_OID = /^0+$/;

// \x01 opens each commit: it cannot occur in a hash, an e-mail or a date, and git's -z
// output separates everything else by NUL.
const FORMAT = "%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00";
const HEADER_FIELDS = 7;

export function logArgs(since?: string): string[] {
  const range = since ? [`${since}..HEAD`] : ["HEAD"];
  return ["log", "-z", "--reverse", "--topo-order", "-m", "-M", "--raw", "--no-abbrev", `--format=${FORMAT}`, ...range, "--"];
}

/** Commits oldest first (parents before children), every one of them, whatever it touched. */
export function readHistory(dir: string, since?: string): CommitInfo[] {
  return parseLog(gitText(dir, logArgs(since)));
}

export function parseLog(out: string): CommitInfo[] {
  const commits: CommitInfo[] = [];
  let last: CommitInfo | undefined;
  for (const chunk of out.split("\x01")) {
    if (chunk.trim() === "") continue;
    const parts = chunk.split("\0");
    const [hash, parents, authorName, authorEmail, date, committerName, committerEmail] = parts;
    const parentList = parents ? parents.split(" ").filter(Boolean) : [];
    const files = parseRaw(parts.slice(HEADER_FIELDS));
    // With -m a merge comes once per parent, in parent order.
    if (last && last.hash === hash) {
      last.diffs.push({ parent: parentList[last.diffs.length] ?? "", files });
      continue;
    }
    last = {
      hash: hash!,
      parents: parentList,
      authorName: authorName ?? "",
      authorEmail: authorEmail ?? "",
      date: date ?? "",
      committerName: committerName ?? "",
      committerEmail: committerEmail ?? "",
      diffs: [{ parent: parentList[0] ?? "", files }],
    };
    commits.push(last);
  }
  // A merge that changed nothing against one parent is listed once per parent that differs;
  // give it an empty diff for the others so "changed against every parent" stays exact.
  for (const c of commits) {
    if (c.parents.length > 1 && c.diffs.length < c.parents.length) {
      const seen = new Set(c.diffs.map((d) => d.parent));
      for (const p of c.parents) if (!seen.has(p)) c.diffs.push({ parent: p, files: [] });
    }
  }
  return commits;
}

/** `:old-mode new-mode old-oid new-oid STATUS` then one path (two for R and C). */
function parseRaw(tokens: string[]): FileChange[] {
  const files: FileChange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const meta = tokens[i]!.replace(/^\n/, "");
    if (!meta.startsWith(":")) continue;
    const [oldMode, newMode, oldOid, newOid, status] = meta.slice(1).split(" ");
    const kind = (status ?? "").charAt(0);
    const change: FileChange = {
      status: kind,
      path: "",
      oldOid: oldOid && !ZERO_OID.test(oldOid) ? oldOid : undefined,
      newOid: newOid && !ZERO_OID.test(newOid) ? newOid : undefined,
      oldMode: oldMode ?? "",
      newMode: newMode ?? "",
    };
    if (kind === "R" || kind === "C") {
      change.oldPath = tokens[++i] ?? "";
      change.path = tokens[++i] ?? "";
    } else {
      change.path = tokens[++i] ?? "";
    }
    if (kind === "D") change.newOid = undefined;
    if (kind === "A") change.oldOid = undefined;
    files.push(change);
  }
  return files;
}

/** Blob ids of `rev:path` specs, for the few paths read at a commit outside the history read. */
export function blobIdsAt(dir: string, specs: string[]): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>();
  const list = [...new Set(specs)].filter((s) => !/[\n\0]/.test(s));
  if (list.length === 0) return result;
  const check = gitText(dir, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], list.join("\n") + "\n").split("\n");
  list.forEach((spec, i) => {
    const [oid, type] = (check[i] ?? "").split(" ");
    result.set(spec, type === "blob" ? oid : undefined);
  });
  return result;
}

/** Texts of blobs by id, in one `git cat-file --batch`. */
export function readObjects(dir: string, oids: Iterable<string>): Map<string, string> {
  const list = [...new Set(oids)];
  const texts = new Map<string, string>();
  if (list.length === 0) return texts;
  const out = gitBuffer(dir, ["cat-file", "--batch"], list.join("\n") + "\n");
  let pos = 0;
  for (const oid of list) {
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

const ENV = () => ({ ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" });

function gitText(cwd: string, args: string[], input?: string): string {
  return gitBuffer(cwd, args, input).toString("utf8");
}

/** Keeps stdout as bytes: blob sizes are in bytes. */
export function gitBuffer(cwd: string, args: string[], input?: string, config: string[] = []): Buffer {
  const r = spawnSync("git", [...config, ...args], { cwd, input, maxBuffer: 2 ** 31 - 1, env: ENV() });
  if (r.error) throw new GitError(args, (r.error as NodeJS.ErrnoException).code === "ENOENT" ? "git is not installed" : r.error.message);
  if (r.status !== 0) throw new GitError(args, r.stderr?.toString() ?? "");
  return r.stdout;
}

/**
 * Each commit's signature as git verifies it (%G? %GF %GP), in one more `git log` pass.
 * `config` is passed as `-c` options, e.g. gpg.ssh.allowedSignersFile.
 */
export function readSignatures(dir: string, since: string | undefined, config: string[]): Map<string, { status: string; fingerprint: string; primary: string }> {
  const range = since ? [`${since}..HEAD`] : ["HEAD"];
  const out = gitBuffer(dir, ["log", "-z", "--format=%H%x00%G?%x00%GF%x00%GP", ...range, "--"], undefined, config.flatMap((c) => ["-c", c])).toString("utf8");
  const result = new Map<string, { status: string; fingerprint: string; primary: string }>();
  const parts = out.split("\0");
  for (let i = 0; i + 3 < parts.length; i += 4) {
    result.set(parts[i]!.replace(/^\n/, ""), { status: parts[i + 1]!, fingerprint: parts[i + 2]!, primary: parts[i + 3]! });
  }
  return result;
}
