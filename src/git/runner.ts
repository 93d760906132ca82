/**
 * Git run through a long-lived helper process (src/git/git-helper.ts) instead of spawned by the
 * caller: spawning forks the calling process, and forking the web server (hundreds of MB once the
 * school is loaded) blocks its event loop ~20 ms per git run, four runs per commit batch. The
 * helper is started once (the server starts it before loading the school, while it is small),
 * one per process, shared by every server in it. It dies with the process (its stdin ends) and is
 * started again if it dies; a git run it was doing when it died answers as a failed run, which
 * batch-commit.ts treats as any git failure. Where the helper cannot be found (sources run
 * without a build), git is spawned directly.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Socket } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { gitAsync, type GitRun, type Run } from "./batch-commit.js";

/** The compiled helper, from dist/git/ and from src/git/ alike. */
const HELPER = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/git/git-helper.js");

export const HELPER_STOPPED = "yanxiu: the git helper process stopped before git answered";

interface Helper {
  child: ChildProcessWithoutNullStreams;
  /** Runs sent to it and not answered yet, by request id. */
  waiting: Map<number, (r: Run) => void>;
}

export class GitRunner {
  private helper: Helper | undefined;
  private next = 0;
  /** How many helpers this runner has started (tests see a restart). */
  started = 0;

  constructor(private readonly script = HELPER) {}

  /** Start the helper now (the server does so before loading the school). */
  start(): void {
    this.ensure();
  }

  /** The helper's process id, while it runs. */
  get pid(): number | undefined {
    return this.helper?.child.pid;
  }

  readonly run: GitRun = (root, args, input) => {
    const helper = this.ensure();
    if (!helper) return gitAsync(root, args, input);
    return new Promise((done) => {
      const id = ++this.next;
      helper.waiting.set(id, done);
      if (helper.waiting.size === 1) pipe(helper.child.stdout).ref();
      const bytes = input === undefined ? undefined : Buffer.from(input);
      helper.child.stdin.write(`${JSON.stringify({ id, cwd: root, args, input: bytes?.toString("base64") })}\n`);
    });
  };

  /** Stop the helper (tests; a server process stops it by ending). */
  stop(): void {
    this.helper?.child.stdin.end();
    this.helper = undefined;
  }

  private ensure(): Helper | undefined {
    if (this.helper) return this.helper;
    if (!existsSync(this.script)) return undefined;
    const child = spawn(process.execPath, [this.script], { stdio: ["pipe", "pipe", "pipe"] });
    const helper: Helper = { child, waiting: new Map() };
    this.started++;
    this.helper = helper;
    // Never what keeps the process alive: only a run waiting for its answer does.
    child.unref();
    pipe(child.stdout).unref();
    pipe(child.stderr).unref();
    pipe(child.stdin).unref();
    child.stdin.on("error", () => { /* the helper died: its exit answers the waiting runs */ });
    child.stderr.on("data", () => { /* nothing it says is for the user; drained so it never blocks */ });
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on("line", (line) => {
      let r: Run & { id: number };
      try {
        r = JSON.parse(line) as Run & { id: number };
      } catch {
        return; // not an answer (the helper says nothing else on stdout)
      }
      const done = helper.waiting.get(r.id);
      if (!done) return;
      helper.waiting.delete(r.id);
      if (helper.waiting.size === 0) pipe(child.stdout).unref();
      done({ code: r.code, stdout: r.stdout, stderr: r.stderr });
    });
    const gone = () => {
      if (this.helper === helper) this.helper = undefined;
      const waiting = [...helper.waiting.values()];
      helper.waiting.clear();
      for (const done of waiting) done({ code: 128, stdout: "", stderr: HELPER_STOPPED });
    };
    child.on("exit", gone);
    child.on("error", gone);
    return helper;
  }
}

/** A child's stdio is a socket (a pipe), which can be told not to keep the process alive. */
const pipe = (stream: unknown) => stream as Socket;

let shared: GitRunner | undefined;

/** The process's one git helper. */
export function sharedGitRunner(): GitRunner {
  return (shared ??= new GitRunner());
}
