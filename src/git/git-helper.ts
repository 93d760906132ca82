/**
 * The web server's git helper: a small process the server starts once (src/git/runner.ts) and
 * that runs git for it. Starting a process from the server means forking a process of several
 * hundred MB, which blocks its event loop ~20 ms per git run; forking this small one costs
 * almost nothing. Requests and answers are JSON lines: {id, cwd, args, input (base64)} in,
 * {id, code, stdout, stderr} out, in any order. It exits when its stdin ends, that is when the
 * server stops or dies.
 */
import { createInterface } from "node:readline";
import { gitAsync } from "./batch-commit.js";

interface Request {
  id: number;
  cwd: string;
  args: string[];
  input?: string;
}

function run(req: Request): void {
  void gitAsync(req.cwd, req.args, req.input ? Buffer.from(req.input, "base64") : undefined).then((r) => {
    process.stdout.write(`${JSON.stringify({ id: req.id, code: r.code, stdout: r.stdout, stderr: r.stderr })}\n`);
  });
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
