/**
 * What the shell hands the CLI. Passing I/O in (instead of touching process.*) lets every
 * CLI test run main() in-process and capture output.
 */
import type { Readable } from "node:stream";
import { parseLang, type Lang } from "../i18n.js";
import type { ReadFs, WriteFs } from "../repo/fs.js";
import type { TakenStamp } from "../cache/results.js";

export interface Writer {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  argv: string[];
  cwd: string;
  stdout: Writer;
  stderr: Writer;
  env: Record<string, string | undefined>;
  stdin?: Readable & { isTTY?: boolean };
  /** The file system repository files are written through (default node:fs); tests inject failures here. */
  fs?: WriteFs;
  /** The file system a repository is read through (default node:fs): list, read, stat, realpath. */
  readFs?: ReadFs;
  /**
   * The result cache's whole stamp of a repository, once this run took it (src/cli/repo-locate.ts):
   * the warm path's, given on to the full CLI when the warm path could not answer (src/cli/warm.ts).
   */
  stampTaken?: { root: string } & TakenStamp;
  /**
   * check's incremental run was tried in this run and gave no answer (src/cli/check-incremental.ts):
   * the warm path's, when the full CLI then checks everything, so it does not try again.
   */
  incrementalTried?: boolean;
}

/** Exit codes, as ESLint: 0 clean, 1 problems found, 2 the tool could not run. */
export const EXIT = { ok: 0, problems: 1, failure: 2, interrupted: 130 } as const;

/** A failure of the tool itself (bad flag, no repo): printed without a stack, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Language from the flag, else YANXIU_LANG, else the repo's config, else Chinese. */
export function pickLang(flag: string | undefined, env: Io["env"], configLang?: Lang): Lang {
  return parseLang(flag) ?? parseLang(env.YANXIU_LANG) ?? configLang ?? "zh";
}

/**
 * Colour in supports-color's order: FORCE_COLOR decides when set (0/false: never; anything
 * else: always), even over NO_COLOR; then NO_COLOR; then TERM=dumb; then only on a terminal, never in CI.
 */
export function useColour(io: Pick<Io, "env" | "stdout">): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !(force === "0" || force === "false");
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.TERM === "dumb") return false;
  return Boolean(io.stdout.isTTY) && !io.env.CI;
}

/**
 * Commands report their exit code here rather than through process.exitCode, so several
 * in-process runs of main() never leak codes into each other. Keyed by the root program.
 */
const exitCodes = new WeakMap<object, number>();

interface HasParent {
  parent: HasParent | null;
}

function rootOf(cmd: HasParent): HasParent {
  let c = cmd;
  while (c.parent) c = c.parent;
  return c;
}

export function setExitCode(cmd: HasParent, code: number): void {
  const root = rootOf(cmd);
  exitCodes.set(root, Math.max(exitCodes.get(root) ?? 0, code));
}

export function getExitCode(cmd: HasParent): number {
  return exitCodes.get(rootOf(cmd)) ?? 0;
}

/** Today as YYYY-MM-DD in local time; YANXIU_TODAY pins it for reproducible tests and examples. */
export function today(env: Io["env"]): string {
  if (env.YANXIU_TODAY && /^\d{4}-\d{2}-\d{2}$/.test(env.YANXIU_TODAY)) return env.YANXIU_TODAY;
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
