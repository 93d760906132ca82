#!/usr/bin/env node
// The heap's growth is limited when a repository is loaded (src/pipeline/heap-growth.ts), not here:
// a warm run answered from the result cache needs no `node:v8`.
const { main } = await import("../dist/cli/main.js");
const { guardOutput } = await import("../dist/cli/closed-pipe.js");

guardOutput(process);
process.exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
});
