// Preloaded with `node --import` by test/cli/start-up.test.ts: appends the URL of every module
// a command loaded to the file named by YANXIU_MODULE_TRACE, so a test can see what it imported
// without timing anything. ES modules through a loader hook; CommonJS files (bin/yanxiu.js and the
// warm path, dist/cli/warm.cjs) and the built-in modules they require, which that hook does not see
// on node 20, at exit.
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
import { pathToFileURL } from "node:url";

const trace = process.env.YANXIU_MODULE_TRACE;
if (trace) {
  register("./module-trace-hooks.mjs", import.meta.url);
  const required = new Set();
  const load = Module._load;
  Module._load = function traced(request, ...rest) {
    if (Module.isBuiltin(request)) required.add(`node:${request.replace(/^node:/, "")}`);
    return load.call(this, request, ...rest);
  };
  // Making process.stdin costs a run a few milliseconds (a stream over the terminal, pipe or
  // file): it is noted, so a test can see that a run that reads nothing from it never made it.
  const stdin = Object.getOwnPropertyDescriptor(process, "stdin");
  if (stdin?.get && stdin.configurable) {
    Object.defineProperty(process, "stdin", {
      configurable: true,
      enumerable: stdin.enumerable,
      get() {
        required.add("process:stdin");
        return stdin.get.call(process);
      },
    });
  }
  process.on("exit", () => {
    const files = Object.keys(Module._cache).map((path) => pathToFileURL(path).href);
    if (files.length + required.size > 0) appendFileSync(trace, `${[...files, ...required].join("\n")}\n`);
  });
}
