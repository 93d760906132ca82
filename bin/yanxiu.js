#!/usr/bin/env node
import { main } from "../dist/cli/main.js";
import { guardOutput } from "../dist/cli/closed-pipe.js";

guardOutput(process);
process.exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
});
