/**
 * Turning a command's [dir] argument into a repository root and a language, or a clear usage
 * error, without loading anything heavy: a warm run answers from the result cache with this alone.
 */
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseLang, t, type Lang } from "../i18n.js";
import { findRepoRoot, CONFIG_FILE } from "../repo/layout.js";
import { pickLang, UsageError, type Io } from "./io.js";
import type { ResultCache, TakenStamp } from "../cache/results.js";

export function requireRepoRoot(io: Io, dir: string | undefined, lang: Lang): string {
  const start = resolve(io.cwd, dir ?? ".");
  const root = findRepoRoot(start);
  if (!root) {
    throw new UsageError(
      t(lang, `找不到研修记录仓库:${start} 及其上级目录中都没有 ${CONFIG_FILE}。用 yanxiu init 新建一个。`,
        `no yanxiu repository: neither ${start} nor any folder above it has ${CONFIG_FILE}. Create one with 'yanxiu init'.`),
    );
  }
  return root;
}

/**
 * The config's `lang:` line, read before the full load so that load problems are already
 * in the school's language. A broken config simply yields nothing here.
 */
export function peekConfigLang(root: string): Lang | undefined {
  try {
    const path = join(root, CONFIG_FILE);
    // Never open what is not a regular file: reading a FIFO would block.
    if (!statSync(path).isFile()) return undefined;
    const m = /^lang:\s*["']?(\w+)/m.exec(readFileSync(path, "utf8"));
    return parseLang(m?.[1]);
  } catch {
    return undefined;
  }
}

/** The repo a command works on and the language to speak (flag, env, config, Chinese), not yet loaded. */
export function locateRepo(io: Io, dir: string | undefined, langFlag: string | undefined): { root: string; lang: Lang } {
  const early = pickLang(langFlag, io.env);
  const root = requireRepoRoot(io, dir, early);
  return { root, lang: pickLang(langFlag, io.env, peekConfigLang(root)) };
}

export const envSwitch = (value: string | undefined) => value !== undefined && value !== "" && value !== "0";

/** The cache is on unless `--no-cache` (a global flag) or YANXIU_NO_CACHE=1 says otherwise. */
export function cacheWanted(io: Io): boolean {
  return !envSwitch(io.env.YANXIU_NO_CACHE) && !io.argv.includes("--no-cache");
}

/** Each run's cache, opened (and its stamp taken) once: a plain score line that missed goes on through commander. */
const opened = new WeakMap<Io, { root: string; cache: Promise<ResultCache | undefined> }>();

/** The result cache of this repository (src/cache/results.ts), when wanted and a key is at hand. */
export function resultCacheFor(io: Io, root: string): Promise<ResultCache | undefined> {
  if (!cacheWanted(io)) return Promise.resolve(undefined);
  const known = opened.get(io);
  if (known?.root === root) return known.cache;
  // A stamp the warm path took is not taken again by the full CLI (src/cli/warm.ts).
  const stampTaken = io.stampTaken?.root === root ? io.stampTaken : undefined;
  const tookStamp = (taken: TakenStamp) => void (io.stampTaken = { root, ...taken });
  const cache = import("../cache/results.js").then(({ openResultCache }) => openResultCache(root, { env: io.env, fs: io.readFs, writeFs: io.fs, stampTaken, tookStamp }));
  opened.set(io, { root, cache });
  return cache;
}
