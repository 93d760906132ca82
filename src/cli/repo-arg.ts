/** Turning a command's [dir] argument into a loaded repository, or a clear usage error. */
import type { Lang } from "../i18n.js";
import { loadRepo, type LoadedRepo, type LoadOptions } from "../pipeline/load.js";
import type { Io } from "./io.js";
import { envSwitch, locateRepo } from "./repo-locate.js";

export { cacheWanted, locateRepo, peekConfigLang, requireRepoRoot, resultCacheFor } from "./repo-locate.js";

/** Resolve the repo for a command and the language to speak, and load it. */
export function openRepo(
  io: Io,
  dir: string | undefined,
  langFlag: string | undefined,
  opts?: LoadOptions,
): { repo: LoadedRepo; lang: Lang } {
  const { root, lang } = locateRepo(io, dir, langFlag);
  return { repo: loadRepoFor(io, root, lang, opts), lang };
}

/** Load with the I/O main() was given and the switches of the environment. */
export function loadRepoFor(io: Io, root: string, lang: Lang, opts?: LoadOptions): LoadedRepo {
  return loadRepo(root, { fs: io.readFs, fast: !envSwitch(io.env.YANXIU_NO_FAST), ...opts });
}

