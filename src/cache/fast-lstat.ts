/**
 * A cheaper lstat for the warm stamp (`stampRepo`), which takes one of every file of the
 * repository on every warm run (~8,400 at 100,000 records). node 20's `fs.lstatSync` makes a
 * `Stats` object with four `Date`s per call, and the kernel walks the whole absolute path each
 * time. Here, on node's own file system only:
 * - the numbers come from node's internal fs binding (`process.binding("fs").lstat`), which
 *   fills one reused Float64Array and makes no object: the very call `fs.lstatSync` makes
 *   before it builds its `Stats` (node 20's lib/fs.js);
 * - the names are looked up relative to the folder, after `process.chdir` into it: the kernel
 *   walks one name instead of the whole path.
 * An internal API may change in any node release, so nothing here is taken on trust: the
 * binding is used only when it is the plain one (not wrapped by `--pending-deprecation`, which
 * would print a warning, nor barred by the permission model), and the stamp compares its
 * numbers with `fs.lstatSync` for the repository's folder and every entry at its top before
 * using it (src/cache/results.ts, `stampRepo`); on any difference, or any failure to change
 * folder, the stamp is taken the plain way. Measured in docs/benchmark.md (eighth round).
 */
import { sep } from "node:path";

/** Kinds as in the stamp's stream (src/cache/stamp-stream.ts), plus a folder. */
export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;

/** An entry's lstat as numbers: mode, size, mtimeMs, ctimeMs, ino (as `fs.lstatSync` gives them). */
export const MODE = 0;
export const SIZE = 1;
export const MTIME = 2;
export const CTIME = 3;
export const INO = 4;

/**
 * lstat of names in one folder at a time: `enter` a folder (absolute path), then `lstat` its
 * entries by name. `lstat` fills `out` (MODE…INO) and returns true, returns false when nothing
 * is there, and throws on any other error. `done` puts back whatever `enter` changed.
 */
export interface FastLstat {
  enter(folder: string): void;
  lstat(name: string, out: Float64Array): boolean;
  done(): void;
}

/** node 20's internal binding: fills and returns a Float64Array of 18 numbers, undefined on ENOENT. */
type RawLstat = (path: string, bigint: false, req: undefined, throwIfNoEntry: false) => Float64Array | undefined;

let cached: RawLstat | null | undefined;

/** The raw binding's lstat, when it is there and plain; null otherwise. */
function rawLstat(): RawLstat | null {
  if (cached !== undefined) return cached;
  cached = null;
  try {
    const proc = process as unknown as { binding?: ((name: string) => unknown) & { name?: string }; permission?: unknown };
    // `--pending-deprecation` wraps process.binding (then it warns); the permission model bars it.
    if (process.platform === "win32" || typeof proc.binding !== "function" || proc.binding.name !== "binding" || proc.permission !== undefined) return cached;
    const binding = proc.binding("fs") as { lstat?: unknown };
    if (typeof binding?.lstat === "function") {
      const lstat = binding.lstat as (...args: unknown[]) => unknown;
      cached = (path, bigint, req, throwIfNoEntry) => lstat.call(binding, path, bigint, req, throwIfNoEntry) as Float64Array | undefined;
    }
  } catch {
    cached = null;
  }
  return cached;
}

/**
 * The fast lstat of node's own file system, or undefined where it cannot be had (another
 * platform or node, a worker thread: no `process.chdir`). Numbers as node's `Stats` computes
 * them: mtimeMs = seconds × 1000 + nanoseconds / 1e6.
 */
export function nodeFastLstat(): FastLstat | undefined {
  const raw = rawLstat();
  if (!raw || typeof process.chdir !== "function") return undefined;
  let back: string | undefined;
  return {
    enter(folder) {
      // Throws in a worker thread, or when the working folder is gone: the stamp is then taken the plain way.
      const here = back ?? process.cwd();
      process.chdir(folder);
      back = here;
    },
    lstat(name, out) {
      const a = raw(name, false, undefined, false);
      if (a === undefined) return false;
      out[MODE] = a[1]!;
      out[SIZE] = a[8]!;
      out[MTIME] = a[12]! * 1000 + a[13]! / 1_000_000;
      out[CTIME] = a[14]! * 1000 + a[15]! / 1_000_000;
      out[INO] = a[7]!;
      return true;
    },
    done() {
      if (back !== undefined) process.chdir(back);
      back = undefined;
    },
  };
}

/** The same interface over any `lstatSync` (full paths, a `Stats` per call): for tests, and to compare. */
export function plainFastLstat(lstatSync: (path: string) => { mode: number; size: number; mtimeMs: number; ctimeMs?: number; ino: number }): FastLstat {
  let base = "";
  return {
    enter(folder) {
      base = folder.endsWith(sep) ? folder : folder + sep;
    },
    lstat(name, out) {
      let st;
      try {
        st = lstatSync(base + name);
      } catch (e) {
        if ((e as NodeJS.ErrnoException)?.code === "ENOENT") return false;
        throw e;
      }
      out[MODE] = st.mode;
      out[SIZE] = st.size;
      out[MTIME] = st.mtimeMs;
      out[CTIME] = st.ctimeMs ?? Number.NaN;
      out[INO] = st.ino;
      return true;
    },
    done() {},
  };
}
