/**
 * Committing the files one web save wrote, as the person who saved them: author = the roster
 * name and e-mail, committer = the server. Only the named paths go into the commit, whatever
 * else is staged or edited by hand. Asynchronous (the server keeps answering meanwhile), but
 * callers run one commit at a time (see WriteQueue) since git takes one index lock.
 */
import { execFile } from "node:child_process";

export interface Person {
  name: string;
  email: string;
}

export const SERVER_COMMITTER: Person = { name: "yanxiu serve", email: "yanxiu-serve@localhost" };

interface Run {
  code: number;
  out: string;
}

export function runGit(root: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile("git", args, { cwd: root, env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
      resolve({ code, out: `${stderr}${stdout}`.trim() || String(err?.message ?? "") });
    });
  });
}

/** Commit exactly `paths`; returns git's first error line, or undefined when committed. */
export async function commitPaths(root: string, paths: string[], subject: string, author: Person, committer: Person = SERVER_COMMITTER): Promise<string | undefined> {
  const env = { GIT_COMMITTER_NAME: committer.name, GIT_COMMITTER_EMAIL: committer.email, GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email };
  for (let attempt = 0; ; attempt++) {
    const add = await runGit(root, ["add", "-A", "--", ...paths], env);
    // --no-verify: the server has just run the same checks the pre-commit hook runs.
    const commit = add.code === 0 ? await runGit(root, ["commit", "-q", "--no-verify", "-m", subject, "--", ...paths], env) : add;
    if (commit.code === 0) return undefined;
    // Another git (a hand-run `git pull`, a CLI add) holds the index: wait a moment.
    if (!/index\.lock/.test(commit.out) || attempt >= 40) return commit.out.split("\n")[0] || "git commit failed";
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Take `paths` out of the index again (after a failed commit), leaving HEAD as it is. */
export async function unstage(root: string, paths: string[]): Promise<void> {
  await runGit(root, ["reset", "-q", "--", ...paths]);
}
