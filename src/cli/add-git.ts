/** The git side of `yanxiu add`: is the folder a work tree, commit one file, and who the user is by e-mail. */
import { spawnSync } from "node:child_process";
import type { Teacher } from "../model.js";
import type { Io } from "./io.js";

function git(root: string, args: string[], io: Io) {
  return spawnSync("git", args, { cwd: root, encoding: "utf8", env: { ...process.env, ...io.env } });
}

export function insideGit(root: string, io: Io): boolean {
  const r = git(root, ["rev-parse", "--is-inside-work-tree"], io);
  return r.status === 0 && r.stdout.trim() === "true";
}

/** Commit just this file, whatever else is staged; retried briefly if another git holds the index. */
export function gitCommit(root: string, file: string, subject: string, io: Io): string | undefined {
  for (let attempt = 0; ; attempt++) {
    const add = git(root, ["add", "--", file], io);
    const commit = add.status === 0 ? git(root, ["commit", "-q", "-m", subject, "--", file], io) : add;
    if (commit.status === 0) return undefined;
    const msg = `${commit.stderr}${commit.stdout}`.trim();
    if (!/index\.lock/.test(msg) || attempt >= 40) return msg.split("\n")[0] || `git exited with ${commit.status}`;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

/** The teacher whose e-mail is git's user.email, as the default in prompts. */
export function teacherFromGit(root: string, teachers: Teacher[], io: Io): string | undefined {
  const r = git(root, ["config", "user.email"], io);
  const email = r.status === 0 ? r.stdout.trim().toLowerCase() : "";
  return email ? teachers.find((x) => x.emails.some((e) => e.toLowerCase() === email))?.id : undefined;
}
