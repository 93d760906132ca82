/** The files of each closed term at its closing point, read from git for the closed-term check. */
import { closedOn, closedTermsOf, type ClosedBaseline } from "../repo/closed-terms.js";
import { RECORDS_DIR, SESSIONS_DIR } from "../repo/layout.js";
import { gitPrefix } from "./changed.js";
import { git } from "./git.js";
import { readObjects } from "./history.js";
import type { LoadedRepo } from "../pipeline/load.js";

/** undefined outside git (the check then warns); `config` is the config's plain data. */
export function closedBaselines(root: string, config: unknown, today: string): Map<string, ClosedBaseline> | undefined {
  const closed = closedTermsOf(config).filter((c) => closedOn(c, today));
  if (closed.length === 0) return new Map();
  let where;
  try {
    where = gitPrefix(root);
  } catch {
    where = undefined;
  }
  if (!where) return undefined;
  const { top, prefix } = where;
  const out = new Map<string, ClosedBaseline>();
  for (const c of closed) {
    let commit: string | undefined;
    if (c.rev !== undefined) {
      const r = c.rev.startsWith("-") ? undefined : git(top, ["rev-parse", "--verify", "--quiet", `${c.rev}^{commit}`]);
      commit = r?.status === 0 ? r.stdout.trim() : undefined;
      if (!commit) {
        out.set(c.term, { missing: "unknown-rev" });
        continue;
      }
    } else {
      // The repository as it stood at the end of that day, on the main line of history.
      const r = git(top, ["rev-list", "-1", "--first-parent", `--before=${c.date} 23:59:59`, "HEAD", "--"]);
      commit = r.status === 0 ? r.stdout.trim() : "";
      if (!commit) {
        out.set(c.term, { missing: "no-commit" });
        continue;
      }
    }
    const listing = git(top, ["ls-tree", "-r", "-z", commit, "--", `${prefix}${RECORDS_DIR}/${c.term}/`, `${prefix}${SESSIONS_DIR}/${c.term}/`]);
    const entries = listing.stdout.split("\0").filter(Boolean).map((line) => {
      const tab = line.indexOf("\t");
      const [, type, oid] = line.slice(0, tab).split(" ");
      return { type, oid: oid!, path: line.slice(tab + 1).slice(prefix.length) };
    }).filter((e) => e.type === "blob");
    const texts = readObjects(top, entries.map((e) => e.oid));
    out.set(c.term, { commit, files: new Map(entries.map((e) => [e.path, texts.get(e.oid) ?? ""])) });
  }
  return out;
}

export function closedBaselinesOf(repo: LoadedRepo, today: string): Map<string, ClosedBaseline> | undefined {
  return closedBaselines(repo.root, repo.files.find((f) => f.kind === "config")?.source?.data, today);
}
