/**
 * The plainest `check` and `score` command lines read without commander (~20 ms of loading, a
 * tenth of a warm run), each option at most once:
 * - `check [paths…]` with `-f/--format F`, `-o/--output FILE`, `--lang L`;
 * - `score [dir]` with `-f/--format F`, `--json`, `--term`, `--year`, `--cycle`, `--teacher`,
 *   `--group`, `--wide`, `--lang L` (not `-o` or `--table`).
 * Anything else (another option, `-`, `--`, a value that looks like an option, an unknown format
 * or language, a second [dir]) is left to commander, which then parses the whole line as always.
 * What is read here equals what commander hands the action, options in the same order (score's
 * cache entry is found by them): test src/cli/plain-args.test.ts.
 */
import { parseLang } from "../i18n.js";
import { CHECK_FORMATS, type CheckOptions } from "./check.js";
import type { Format } from "./output.js";
import type { ScoreOptions } from "./score.js";

export interface PlainCheck {
  paths: string[];
  opts: CheckOptions;
  lang?: string;
}

export function plainCheckArgs(argv: readonly string[]): PlainCheck | undefined {
  if (argv[0] !== "check") return undefined;
  const paths: string[] = [];
  let format: string | undefined;
  let output: string | undefined;
  let lang: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!name.startsWith("-")) {
      paths.push(a);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || value.startsWith("-")) return undefined;
    if ((name === "-f" || name === "--format") && format === undefined && (CHECK_FORMATS as readonly string[]).includes(value)) format = value;
    else if ((name === "-o" || name === "--output") && output === undefined) output = value;
    else if (name === "--lang" && lang === undefined && parseLang(value)) lang = value;
    else return undefined;
  }
  const opts: CheckOptions = { format: (format ?? "text") as CheckOptions["format"], disable: [] };
  if (output !== undefined) opts.output = output;
  return { paths, opts, ...(lang === undefined ? {} : { lang }) };
}

/** output.ts's FORMATS (that module loads commander); a test keeps the two equal. */
export const SCORE_FORMATS: readonly Format[] = ["text", "json", "csv", "xlsx", "markdown", "html"];

/** score's options with a value, and its flags, by their long names. */
const SCORE_VALUES = new Set(["--term", "--year", "--teacher", "--group"]);
const SCORE_FLAGS = new Set(["--cycle", "--wide", "--json"]);

export interface PlainScore {
  dir?: string;
  opts: ScoreOptions;
  lang?: string;
}

export function plainScoreArgs(argv: readonly string[]): PlainScore | undefined {
  if (argv[0] !== "score") return undefined;
  let dir: string | undefined;
  let lang: string | undefined;
  // Keys in the order given, as commander sets them (no score option has a default).
  const opts: Record<string, string | boolean> = {};
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!name.startsWith("-")) {
      if (dir !== undefined) return undefined;
      dir = a;
      continue;
    }
    if (SCORE_FLAGS.has(name) && eq < 0) {
      const key = name.slice(2);
      if (key in opts) return undefined;
      opts[key] = true;
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || value.startsWith("-")) return undefined;
    const key = name === "-f" ? "format" : name.slice(2);
    if (key in opts || (name === "--lang" && lang !== undefined)) return undefined;
    if (name === "-f" || name === "--format") {
      if (!(SCORE_FORMATS as readonly string[]).includes(value)) return undefined;
      opts.format = value;
    } else if (SCORE_VALUES.has(name)) opts[key] = value;
    else if (name === "--lang" && parseLang(value)) lang = value;
    else return undefined;
  }
  return { ...(dir === undefined ? {} : { dir }), opts: opts as ScoreOptions, ...(lang === undefined ? {} : { lang }) };
}
