// Preloaded with `node --import` by test/cli/start-up.test.ts: appends the URL of every module
// the ES module loader loads to the file named by YANXIU_MODULE_TRACE, so a test can see what
// a command imported without timing anything.
import { register } from "node:module";

if (process.env.YANXIU_MODULE_TRACE) register("./module-trace-hooks.mjs", import.meta.url);
