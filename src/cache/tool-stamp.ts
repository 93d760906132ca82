/**
 * The tool's own code as a fingerprint, so a rebuilt or upgraded yanxiu never trusts a result
 * an older build made (src/cache/results.ts).
 *
 * Taken file by file, it costs every run ~280 `stat`s and ~20 listings of dist/. So
 * `npm run build` writes dist/build-stamp.json (scripts/build-stamp.js): a hash of every
 * compiled module's path and content, plus the size, mtime and content hash of a few of them
 * (the sentinels). A run reads that one file and checks the sentinels:
 * - where the sources are beside dist/ (a checkout, where a compile can happen), by size and
 *   mtime: the compiler writes every module again on each build, so a compile without the stamp
 *   step (`npx tsc`) is seen;
 * - in an installed package (no sources: nothing compiles there, and npm or tar give the files
 *   times of their own), by size and content.
 * When they are not as the stamp says, or there is no stamp (the TS sources under the test
 * runner), every module is taken by path, size and mtime.
 * Not seen: a compiled module edited by hand, or recompiled alone (tsc --watch), while the
 * sentinels stay as they were; `npm run build` (or deleting the stamp) makes it seen.
 */
import { createHash } from "node:crypto";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReadFs } from "../repo/fs.js";

export const BUILD_STAMP = "build-stamp.json";
/** Compiled modules whose size and mtime the stamp records: the compiler rewrites each on every build. */
export const SENTINELS = ["cache/tool-stamp.js", "cache/results.js", "cli/main.js"] as const;

/** The folder of the tool's modules: dist/ when built, src/ under the test runner. */
export const CODE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface BuildStamp {
  /** A hash of every module's path and content. */
  id: string;
  /** Sentinel path → [size, mtimeMs, sha1 of the content] as the build left it. */
  sentinels: Record<string, [number, number, string]>;
}

/** Compiled modules, and the warm path bundled from them (dist/cli/warm.cjs). */
const isCode = (path: string) => /\.(c?js|ts)$/.test(path);

/** Every module under codeRoot, sorted by repo-relative path. */
function modules(fs: ReadFs, codeRoot: string): string[] {
  return fs.listTree(codeRoot).filter((e) => e.isFile && isCode(e.path)).map((e) => e.path).sort();
}

/** What `npm run build` writes (scripts/build-stamp.js), from the compiled modules as they are. */
export function makeBuildStamp(fs: ReadFs, codeRoot: string): BuildStamp {
  const hash = createHash("sha1");
  for (const path of modules(fs, codeRoot)) {
    const bytes = fs.readFileSync(path);
    hash.update(`${relative(codeRoot, path)}\0${bytes.length}\0`).update(bytes).update("\n");
  }
  const sentinels: BuildStamp["sentinels"] = {};
  for (const rel of SENTINELS) {
    const st = fs.lstatSync(join(codeRoot, rel));
    sentinels[rel] = [st.size, st.mtimeMs, sha1(fs.readFileSync(join(codeRoot, rel)))];
  }
  return { id: hash.digest("hex"), sentinels };
}

/** The stamp, if there is one and the sentinels are still as it says. */
function trustedStamp(fs: ReadFs, codeRoot: string): BuildStamp | undefined {
  let stamp: BuildStamp;
  try {
    stamp = JSON.parse(Buffer.from(fs.readFileSync(join(codeRoot, BUILD_STAMP))).toString("utf8")) as BuildStamp;
  } catch {
    return undefined;
  }
  if (typeof stamp?.id !== "string" || typeof stamp.sentinels !== "object" || stamp.sentinels === null) return undefined;
  const checkout = hasSources(fs, codeRoot);
  for (const rel of SENTINELS) {
    const want = stamp.sentinels[rel];
    try {
      const path = join(codeRoot, rel);
      const st = fs.lstatSync(path);
      if (!Array.isArray(want) || st.size !== want[0]) return undefined;
      if (checkout ? st.mtimeMs !== want[1] : sha1(fs.readFileSync(path)) !== want[2]) return undefined;
    } catch {
      return undefined;
    }
  }
  return stamp;
}

const sha1 = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("hex");

/** Whether the TypeScript sources are beside the compiled modules (a checkout, not a package). */
function hasSources(fs: ReadFs, codeRoot: string): boolean {
  try {
    return fs.lstatSync(join(codeRoot, "..", "src")).isDirectory();
  } catch {
    return false;
  }
}

/** Every module by path, size and mtime: the fallback. */
function fileByFile(fs: ReadFs, codeRoot: string): string {
  const hash = createHash("sha1");
  for (const path of modules(fs, codeRoot)) {
    try {
      const st = fs.statSync(path);
      hash.update(`${relative(codeRoot, path)}\0${st.size}\0${st.mtimeMs}\n`);
    } catch {
      /* gone meanwhile: the next run sees the difference */
    }
  }
  return hash.digest("hex");
}

const memo = new Map<string, string>();

/** The fingerprint of the tool's code, once per process (per code root, for tests). */
export function toolFingerprint(fs: ReadFs, codeRoot = CODE_ROOT): string {
  let found = memo.get(codeRoot);
  if (found === undefined) {
    const stamp = trustedStamp(fs, codeRoot);
    found = stamp ? `build\0${stamp.id}` : `files\0${fileByFile(fs, codeRoot)}`;
    memo.set(codeRoot, found);
  }
  return found;
}

/** Forget what was worked out (tests that rebuild a tool in one process). */
export function forgetToolFingerprints(): void {
  memo.clear();
}
