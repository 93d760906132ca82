#!/usr/bin/env node
/**
 * Run by `npm run build` after the compiler and before the build stamp: dist/cli/warm.cjs, the
 * warm path (src/cli/warm.ts: the CLI's entry, a warm check and a warm score answered from the
 * result cache) as one CommonJS file, which bin/yanxiu.js loads first.
 *
 * Only the modules a warm run needs are in it. Every dynamic import of another module (the
 * loading pipeline, commander, the formatters, the other commands) becomes a module that throws
 * WARM_MISS: such a run goes on in the full CLI instead (src/cli/warm.ts). A package imported
 * statically would be loaded on every run: the build refuses it. dist/cli/warm-inputs.json lists
 * the modules bundled (test/cli/start-up.test.ts reads it).
 */
import { writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
/** Modules imported dynamically that a warm run needs (besides the static imports of the entry). */
const WARM_MODULES = ["cli/check.js", "cli/score-warm.js", "cache/results.js", "format/summary-line.js"].map((m) => join(dist, m));
const WARM_MISS = "yanxiu:warm-miss";

const result = await build({
  entryPoints: [join(dist, "cli", "warm.js")],
  outfile: join(dist, "cli", "warm.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  metafile: true,
  logLevel: "warning",
  // tool-stamp.ts finds dist/ from its own address: the bundle's, one folder below dist/ as cli/ is.
  banner: { js: "const __warm_url = require(\"node:url\").pathToFileURL(__filename).href;" },
  define: { "import.meta.url": "__warm_url" },
  plugins: [{
    name: "warm-path-only",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point" || args.path.startsWith("node:")) return undefined;
        const local = args.path.startsWith(".");
        if (args.kind === "dynamic-import" && !(local && WARM_MODULES.includes(resolve(args.resolveDir, args.path)))) {
          return { path: args.path, namespace: "warm-miss" };
        }
        if (!local) return { errors: [{ text: `the warm path imports the package ${args.path} statically: import it where it is needed` }] };
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "warm-miss" }, (args) => ({
        contents: `throw Object.assign(new Error(${JSON.stringify(`not on the warm path: ${args.path}`)}), { code: ${JSON.stringify(WARM_MISS)} });`,
        loader: "js",
      }));
    },
  }],
});
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("warm-miss:")).map((p) => relative(dist, resolve(p)).replaceAll("\\", "/")).sort();
writeFileSync(join(dist, "cli", "warm-inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);
