/**
 * Git run by a long-lived shell (`/bin/sh`, ~1 MB) instead of spawned by the caller. Spawning
 * forks the calling process: forking the web server (hundreds of MB once the school is loaded)
 * blocked its event loop ~20 ms per git run, and even a small Node process costs ~10 ms of CPU
 * per fork and exec on this machine, where a shell's costs ~3 ms (docs/benchmark.md, "Sixth
 * round"). The shell is started once (the server starts it before loading the school), one per
 * process, shared by every server in it, and runs one git at a time: each run is one command
 * line, its arguments single-quoted (the shell expands nothing inside), git's stdin, stdout and
 * stderr redirected to files in a private folder, then the shell prints the run's number and
 * git's exit code. The shell dies with the process (its stdin ends, and it removes its folder) and
 * is started again if it dies; a run it was doing when it died answers as a failed run, which
 * batch-commit.ts treats as any git failure. On Windows git is spawned directly.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Socket } from "node:net";
import { createInterface } from "node:readline";
import { gitAsync, gitEnv, type GitRun, type Run } from "./batch-commit.js";
import { trace, traceOn } from "./trace.js";

export const HELPER_STOPPED = "yanxiu: the git helper process stopped before git answered";

/** A string the shell passes on as it is: single quotes, each ' written as '\'' (POSIX sh). */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** Pure: the command line that runs git with these arguments and files, then prints `id code`. */
export function runLine(id: number, root: string, args: string[], files: { input: string; out: string; err: string }): string {
  const git = ["git", "-C", root, ...args].map(shellQuote).join(" ");
  return `${git} >${shellQuote(files.out)} 2>${shellQuote(files.err)} <${shellQuote(files.input)}; echo "${id} $?"\n`;
}

interface Job {
  root: string;
  args: string[];
  input?: Uint8Array | string;
  done: (r: Run) => void;
}

interface Helper {
  child: ChildProcessWithoutNullStreams;
  /** Its private folder: git's stdin, stdout and stderr. */
  dir: string;
  /** The run it is doing, by number. */
  current?: { id: number; job: Job };
}

export class GitRunner {
  private helper: Helper | undefined;
  private readonly queue: Job[] = [];
  private next = 0;
  /** How many helpers this runner has started (tests see a restart). */
  started = 0;

  /** Start the helper now (the server does so before loading the school). */
  start(): void {
    this.ensure();
  }

  /** The helper's process id, while it runs. */
  get pid(): number | undefined {
    return this.helper?.child.pid;
  }

  /** Its private folder, while it runs. */
  get folder(): string | undefined {
    return this.helper?.dir;
  }

  readonly run: GitRun = (root, args, input) => {
    if (process.platform === "win32") return gitAsync(root, args, input);
    // What spawn would refuse; a shell would cut the line there.
    if ([root, ...args].some((a) => a.includes("\0"))) return Promise.resolve({ code: 127, stdout: "", stderr: "yanxiu: a git argument holds a NUL byte" });
    return new Promise((done) => {
      this.queue.push({ root, args, input, done });
      this.pump();
    });
  };

  /** Stop the helper (tests; a server process stops it by ending). */
  stop(): void {
    this.helper?.child.stdin.end();
    this.helper = undefined;
  }

  /** Send the next waiting run to the helper, when it is free. */
  private pump(): void {
    const helper = this.ensure();
    if (helper.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    const id = ++this.next;
    helper.current = { id, job };
    if (traceOn) trace("git-start", { run: id, cmd: job.args.find((a, i) => !a.startsWith("-") && job.args[i - 1] !== "-c") });
    pipe(helper.child.stdout).ref();
    const files = { input: join(helper.dir, "in"), out: join(helper.dir, "out"), err: join(helper.dir, "err") };
    // Plain synchronous file calls: small files in the page cache, cheaper in CPU than the thread pool's round trips.
    try {
      if (job.input !== undefined) writeFileSync(files.input, job.input);
    } catch (e) {
      this.finish(helper, id, { code: 127, stdout: "", stderr: String((e as Error).message) });
      return;
    }
    helper.child.stdin.write(runLine(id, job.root, job.args, { ...files, input: job.input === undefined ? "/dev/null" : files.input }));
  }

  /** The helper printed `id code`: git's output is in the files. */
  private answered(helper: Helper, id: number, code: number): void {
    const read = (f: string) => {
      try {
        return readFileSync(join(helper.dir, f), "utf8");
      } catch {
        return "";
      }
    };
    this.finish(helper, id, { code, stdout: read("out"), stderr: read("err") });
  }

  private finish(helper: Helper, id: number, r: Run): void {
    if (helper.current?.id !== id) return;
    const { job } = helper.current;
    helper.current = undefined;
    if (traceOn) trace("git-end", { run: id, code: r.code });
    pipe(helper.child.stdout).unref();
    job.done(r);
    if (this.queue.length > 0) this.pump();
  }

  private ensure(): Helper {
    if (this.helper) return this.helper;
    const dir = mkdtempSync(join(tmpdir(), "yanxiu-git-run-"));
    // -s: commands from stdin; the folder goes with the shell when its stdin ends.
    const child = spawn("/bin/sh", ["-s"], { env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
    const helper: Helper = { child, dir };
    this.started++;
    this.helper = helper;
    child.stdin.write(`trap ${shellQuote(`rm -rf -- ${shellQuote(dir)}`)} EXIT\n`);
    // Never what keeps the process alive: only a run waiting for its answer does.
    child.unref();
    pipe(child.stdout).unref();
    pipe(child.stderr).unref();
    pipe(child.stdin).unref();
    child.stdin.on("error", () => { /* the helper died: its exit answers the waiting run */ });
    child.stderr.on("data", () => { /* nothing it says is for the user; drained so it never blocks */ });
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on("line", (line) => {
      const m = /^(\d+) (\d+)$/.exec(line);
      if (m) this.answered(helper, Number(m[1]), Number(m[2]));
    });
    let gone = false;
    const stopped = () => {
      if (gone) return;
      gone = true;
      if (this.helper === helper) this.helper = undefined;
      rmSync(dir, { recursive: true, force: true });
      if (helper.current) this.finish(helper, helper.current.id, { code: 128, stdout: "", stderr: HELPER_STOPPED });
      else if (this.queue.length > 0) this.pump();
    };
    child.on("exit", stopped);
    child.on("error", stopped);
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
