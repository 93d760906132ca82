#!/usr/bin/env node
/**
 * Run by `npm run build` after the compiler and before the build stamp: dist/cli/warm.cjs, the
 * warm path (src/cli/warm.ts: the CLI's entry, a warm check and a warm score answered from the
 * result cache) as one CommonJS file, which bin/yanxiu.js loads first.
 *
 * Only the modules a warm run needs are in it. The dynamic imports of what a check the cache cannot
 * answer needs (the incremental and the whole check, the formatters: src/cli/incremental-path.ts) are
 * taken from a second bundle, dist/cli/incremental.cjs, built first with every package in it and
 * loaded only when needed, with V8's code cache of it (dist/cli/incremental.cjs.v8cache). Every
 * dynamic import of another module (commander, the whole check, the other commands) becomes a
 * module that throws WARM_MISS, as does a missing second bundle: such a run goes on in the full
 * CLI instead (src/cli/warm.ts). A package imported statically would be loaded on every run: the
 * build refuses it. dist/cli/warm-inputs.json lists the modules of the first bundle
 * (test/cli/start-up.test.ts reads it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import vm from "node:vm";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
/** Modules imported dynamically that a warm run needs (besides the static imports of the entry). */
const WARM_MODULES = ["cli/check.js", "cli/score-warm.js", "cache/results.js", "format/summary-line.js"].map((m) => join(dist, m));
const WARM_MISS = "yanxiu:warm-miss";

/**
 * Modules the warm path takes from the second bundle, dist/cli/incremental.cjs (src/cli/incremental-path.ts:
 * check after a few edited files, the whole check, and the formatters), by the name it exports them under.
 */
const SIDE_MODULES = new Map(Object.entries({
  "cli/check-incremental.js": "checkIncremental",
  "cli/check-run.js": "checkRun",
  "cli/score-whole.js": "scoreWhole",
  "format/problems.js": "problems",
  "format/problems-ci.js": "problemsCi",
  "format/problems-text.js": "problemsText",
  "templates/ci.js": "ci",
  "repo/write-output.js": "writeOutput",
}).map(([m, name]) => [join(dist, m), name]));
const SIDE_BUNDLE = "incremental.cjs";
/** The second bundle's modules that load it when first imported (the others need it loaded already). */
const LOADS_SIDE = new Set(["checkIncremental", "checkRun", "scoreWhole"]);

// tool-stamp.ts (and templates/ci.ts) find dist/ from their own address: the bundle's, one folder below dist/ as theirs is.
const ownUrl = { banner: { js: "const __warm_url = require(\"node:url\").pathToFileURL(__filename).href;" }, define: { "import.meta.url": "__warm_url" } };

await build({
  entryPoints: [join(dist, "cli", "incremental-path.js")],
  outfile: join(dist, "cli", SIDE_BUNDLE),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  ...ownUrl,
  plugins: [{
    // score's renderers of csv, xlsx, markdown and html (exceljs and its packages: 1.7 MB) stay out of
    // the bundle, which every check after an edit loads: imported from dist/ when a score asks for one
    // (the bundle is in dist/cli/, as src/cli/output.ts is: the same relative path finds them).
    name: "report-renderers-outside",
    setup(b) {
      b.onResolve({ filter: /^\.\.\/format\/report-[a-z]+\.js$/ }, (args) => (
        args.kind === "dynamic-import" && resolve(args.resolveDir) === join(dist, "cli") ? { path: args.path, external: true } : undefined));
    },
  }],
});

// V8's code cache of the second bundle, made after running its top level (so its modules' set-up
// is compiled too): the warm path compiles it from the cache (src: the side loader below), ~40 ms
// less than compiling 1.2 MB of source at 100,000 records. A node whose V8 does not take it (another
// version, other flags) compiles the source as before.
{
  const file = join(dist, "cli", SIDE_BUNDLE);
  const script = new vm.Script(Module.wrap(readFileSync(file, "utf8")), { filename: file });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  writeFileSync(`${file}.v8cache`, script.createCachedData());
}

/**
 * load: the second bundle, loaded once (through its code cache when V8 takes it); missing or
 * failing, WARM_MISS. ifLoaded: the bundle only when the incremental check loaded it already (a
 * formatter after it); else WARM_MISS, as before (a formatter alone is cheaper in the full CLI
 * than the whole bundle).
 */
const SIDE_LOADER = `let side;
const miss = (file, cause) => Object.assign(new Error("not on the warm path: " + file), { code: ${JSON.stringify(WARM_MISS)}, cause });
module.exports.ifLoaded = (name) => {
  if (!side) throw miss(name);
  return side;
};
module.exports.load = () => {
  if (side) return side;
  const { join } = require("node:path");
  const { readFileSync } = require("node:fs");
  const file = join(__dirname, ${JSON.stringify(SIDE_BUNDLE)});
  try {
    let cachedData;
    try {
      cachedData = readFileSync(file + ".v8cache");
    } catch {
      // no cache: compiled from the source
    }
    const script = new (require("node:vm").Script)(require("node:module").wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
    const module = { exports: {} };
    script.runInThisContext().call(module.exports, module.exports, require, module, file, __dirname);
    side = module.exports;
  } catch (e) {
    throw miss(file, e);
  }
  return side;
};`;

const result = await build({
  entryPoints: [join(dist, "cli", "warm.js")],
  outfile: join(dist, "cli", "warm.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  metafile: true,
  logLevel: "warning",
  ...ownUrl,
  plugins: [{
    name: "warm-path-only",
    setup(b) {
      b.onResolve({ filter: /^side-loader$/ }, () => ({ path: "side-loader", namespace: "side-loader" }));
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point" || args.path.startsWith("node:")) return undefined;
        const local = args.path.startsWith(".");
        if (args.kind === "dynamic-import" && local && SIDE_MODULES.has(resolve(args.resolveDir, args.path))) {
          return { path: SIDE_MODULES.get(resolve(args.resolveDir, args.path)), namespace: "side" };
        }
        if (args.kind === "dynamic-import" && !(local && WARM_MODULES.includes(resolve(args.resolveDir, args.path)))) {
          return { path: args.path, namespace: "warm-miss" };
        }
        if (!local) return { errors: [{ text: `the warm path imports the package ${args.path} statically: import it where it is needed` }] };
        return undefined;
      });
      // The second bundle, required when first needed; missing or failing to load: WARM_MISS.
      b.onLoad({ filter: /.*/, namespace: "side-loader" }, () => ({ contents: SIDE_LOADER, loader: "js" }));
      b.onLoad({ filter: /.*/, namespace: "side" }, (args) => ({
        contents: LOADS_SIDE.has(args.path)
          ? `module.exports = require("side-loader").load()[${JSON.stringify(args.path)}];`
          : `module.exports = require("side-loader").ifLoaded(${JSON.stringify(args.path)})[${JSON.stringify(args.path)}];`,
        loader: "js",
      }));
      b.onLoad({ filter: /.*/, namespace: "warm-miss" }, (args) => ({
        contents: `throw Object.assign(new Error(${JSON.stringify(`not on the warm path: ${args.path}`)}), { code: ${JSON.stringify(WARM_MISS)} });`,
        loader: "js",
      }));
    },
  }],
});
const inputs = Object.keys(result.metafile.inputs).filter((p) => !/^(warm-miss|side|side-loader):/.test(p)).map((p) => relative(dist, resolve(p)).replaceAll("\\", "/")).sort();
writeFileSync(join(dist, "cli", "warm-inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);
