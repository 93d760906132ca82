/**
 * The plainest `check` command lines read without commander (~20 ms of loading, a tenth of a
 * warm check): `check [paths…]` with `-f/--format F`, `-o/--output FILE` and `--lang L`, each
 * at most once. Anything else (another option, `-`, `--`, a value that looks like an option, an
 * unknown format or language) is left to commander, which then parses the whole line as always.
 * What is read here equals what commander reads (test: src/cli/check-args.test.ts).
 */
import { parseLang } from "../i18n.js";
import { CHECK_FORMATS, type CheckOptions } from "./check.js";

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
