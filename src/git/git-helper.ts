/**
 * The web server's git helper: a small process the server starts once (src/git/runner.ts) and
 * that runs git for it. Starting a process from the server means forking a process of several
 * hundred MB, which blocks its event loop ~20 ms per git run; forking this small one costs
 * almost nothing. Requests and answers are JSON lines: {id, cwd, args, input (base64)} in,
 * {id, code, stdout, stderr} out, in any order. It exits when its stdin ends, that is when the
 * server stops or dies.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

interface Request {
  id: number;
  cwd: string;
  args: string[];
  input?: string;
}

const env = { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" };

function answer(id: number, code: number, stdout: string, stderr: string): void {
  process.stdout.write(`${JSON.stringify({ id, code, stdout, stderr })}\n`);
}

function run(req: Request): void {
  let child;
  try {
    child = spawn("git", req.args, { cwd: req.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
  } catch (e) {
    answer(req.id, 127, "", String((e as Error).message));
    return;
  }
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let answered = false;
  const once = (code: number, stdout: string, stderr: string) => {
    if (!answered) answer(req.id, code, stdout, stderr);
    answered = true;
  };
  child.stdout.on("data", (d: Buffer) => out.push(d));
  child.stderr.on("data", (d: Buffer) => err.push(d));
  child.stdin.on("error", () => { /* git exited early: its stderr says why */ });
  child.on("error", (e) => once(127, "", String(e.message)));
  child.on("close", (code) => once(code ?? 1, Buffer.concat(out).toString("utf8"), Buffer.concat(err).toString("utf8")));
  child.stdin.end(req.input ? Buffer.from(req.input, "base64") : "");
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (line.trim() === "") return;
  let req: Request;
  try {
    req = JSON.parse(line) as Request;
  } catch {
    return; // not from the server: nothing to answer
  }
  run(req);
});
lines.on("close", () => process.exit(0));
