#!/usr/bin/env node
// CommonJS (bin/package.json): node then loads this file and the warm path without its ES module
// loader. The warm path (dist/cli/warm.cjs, built by `npm run build`: src/cli/warm.ts) answers a
// warm check or score from the result cache; anything else runs the full CLI (dist/cli/main.js).
// The heap's growth is limited when a repository is loaded (src/pipeline/heap-growth.ts), not here:
// a warm run answered from the result cache needs no `node:v8`.
"use strict";
const { statSync } = require("node:fs");
const { join } = require("node:path");

const dist = join(__dirname, "..", "dist", "cli");

/** The warm path, unless it is missing or older than the compiled modules (a compile without `npm run build`). */
function warmPath() {
  try {
    if (statSync(join(dist, "warm.cjs")).mtimeMs < statSync(join(dist, "main.js")).mtimeMs) return undefined;
    return require(join(dist, "warm.cjs"));
  } catch {
    return undefined;
  }
}

async function run() {
  const io = {
    argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env,
    // Made when something reads it (add's prompts, `check -`): making it costs a run a few milliseconds.
    get stdin() {
      return process.stdin;
    },
  };
  const warm = warmPath();
  if (warm) {
    warm.guardOutput(process);
    const code = await warm.answerWarm(io);
    if (code !== undefined) return code;
  }
  const { main } = await import("../dist/cli/main.js");
  if (!warm) (await import("../dist/cli/closed-pipe.js")).guardOutput(process);
  return main(io);
}

run().then((code) => {
  process.exitCode = code;
});
