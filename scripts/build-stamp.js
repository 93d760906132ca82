#!/usr/bin/env node
/**
 * Run by `npm run build` after the compiler: writes dist/build-stamp.json, the fingerprint of the
 * compiled modules a run reads instead of statting each of them (src/cache/tool-stamp.ts).
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const { BUILD_STAMP, makeBuildStamp } = await import(pathToFileURL(join(dist, "cache", "tool-stamp.js")).href);
const { nodeReadFs } = await import(pathToFileURL(join(dist, "repo", "fs.js")).href);
writeFileSync(join(dist, BUILD_STAMP), `${JSON.stringify(makeBuildStamp(nodeReadFs, dist))}\n`);
