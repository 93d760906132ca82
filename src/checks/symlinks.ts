/**
 * Record, session and evidence paths must be plain files, not symbolic links. A link inside
 * the repository is as dangerous as one leaving it: a record file linked to a file under
 * evidence/ (which reviewers of records do not watch) can be edited there, approved records
 * included, and the record file's own history never shows the change.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { makeProblem } from "../repo/yaml-source.js";
import { normalizeRepoPath, RECORDS_DIR, SESSIONS_DIR, toRepoPath } from "../repo/layout.js";
import { judgeEvidence } from "./evidence.js";
import { atActivity, type Check } from "./context.js";

/** The first symbolic link on the way from the repository's root to `repoPath` (itself included). */
export function linkOnPath(root: string, repoPath: string, seen?: Map<string, PathPart>): string | undefined {
  const parts = repoPath.split("/").filter((p) => p !== "" && p !== ".");
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join("/");
    if (sub.endsWith("..") || parts[i - 1] === "..") return undefined; // outside: the evidence check's
    let part = seen?.get(sub);
    if (part === undefined) {
      try {
        part = lstatSync(join(root, sub)).isSymbolicLink() ? "link" : "plain";
      } catch {
        part = "missing";
      }
      seen?.set(sub, part);
    }
    if (part === "link") return sub;
    if (part === "missing") return undefined; // missing: the evidence check's
  }
  return undefined;
}

/** What one step of a path is, remembered for a run: thousands of files share a few folders. */
type PathPart = "link" | "plain" | "missing";

/** Links to folders under records/ and sessions/ (their files are never listed). */
export function linkedFolders(root: string): string[] {
  const out: string[] = [];
  for (const folder of [RECORDS_DIR, SESSIONS_DIR]) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isSymbolicLink()) continue;
      const parent = (entry as { parentPath?: string; path?: string }).parentPath ?? (entry as { path?: string }).path ?? dir;
      const abs = join(parent, entry.name);
      try {
        if (statSync(abs).isDirectory()) out.push(toRepoPath(root, abs));
      } catch {
        // a dangling link: nothing to read, and the loader says nothing of it either
      }
    }
  }
  return out.sort();
}

export const symlinks: Check = {
  name: "symlink",
  severity: "error",
  description: { zh: "记录、集体活动和证明材料必须是文件本身,不能是符号链接", en: "record, session and evidence paths must be files, not symbolic links" },
  run(ctx) {
    const out: Problem[] = [];
    const root = ctx.repo.root;
    // Links reported already (leaving the repository, dangling, looping) are not reported twice.
    const reported = new Set(["path-outside-repo", "file-unreadable"]);
    const outside = new Set([...ctx.repo.problems, ...ctx.repo.files.flatMap((f) => f.problems)].filter((p) => reported.has(p.check)).map((p) => p.file));
    const seen = new Set<string>();
    const parts = new Map<string, PathPart>();
    for (const f of ctx.repo.files) {
      if (f.kind !== "records" && f.kind !== "sessions") continue;
      // The load read it as a plain file, not through a link: only the folders above it are looked at.
      if (f.plain) parts.set(f.file, "plain");
      const link = linkOnPath(root, f.file, parts);
      if (!link || outside.has(f.file) || outside.has(link) || seen.has(link)) continue;
      seen.add(link);
      out.push(makeProblem({ file: f.file, text: "" }, { line: 0, column: 0 }, this.name,
        link === f.file
          ? msg("symlink.file")
          : msg("symlink.in-folder", { link }),
        msg("symlink.hint-file", { link })));
    }
    for (const folder of ctx.linkedFolders ?? linkedFolders(root)) {
      if (outside.has(folder)) continue;
      out.push(makeProblem({ file: folder, text: "" }, { line: 0, column: 0 }, this.name,
        msg("symlink.folder"), msg("symlink.hint-folder")));
    }
    let realRoot: string | undefined;
    for (const a of ctx.entries) {
      for (const path of a.evidence) {
        const link = linkOnPath(root, normalizeRepoPath(path), parts);
        // A link leaving the repository is the evidence check's to report.
        if (!link || judgeEvidence(root, path, (realRoot ??= realpathSync(root))) !== "ok") continue;
        out.push(atActivity(ctx, a, "evidence", this.name,
          msg("symlink.evidence", { link, path }), msg("symlink.hint-evidence")));
      }
    }
    return out;
  },
};

