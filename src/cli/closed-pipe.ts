/**
 * The real binary's output streams. `yanxiu score | head` closes the pipe early: that is the
 * reader saying "enough", so the process ends at once, quietly, with exit 0 — no unhandled
 * EPIPE. Any other failure to write the output (`yanxiu score > /full-disk/report.txt`: ENOSPC)
 * is said on stderr and ends with exit 2, never a stack trace.
 */
import { errorCode } from "../repo/fs.js";
import { t } from "../i18n.js";
import { pickLang, EXIT } from "./io.js";

interface Guardable {
  on(event: "error", listener: (e: unknown) => void): unknown;
  write(chunk: string): unknown;
}

export interface ProcessLike {
  stdout: Guardable;
  stderr: Guardable;
  env: Record<string, string | undefined>;
  argv: string[];
  exit(code: number): never;
}

/** What to do when writing a stream failed: end quietly (0) or say so and fail (2). Pure. */
export function onOutputError(code: string, which: "stdout" | "stderr"): { exit: number; say: boolean } {
  if (code === "EPIPE" || code === "ERR_STREAM_DESTROYED") return { exit: EXIT.ok, say: false };
  return { exit: EXIT.failure, say: which === "stdout" };
}

export function guardOutput(proc: ProcessLike): void {
  const handle = (which: "stdout" | "stderr") => (e: unknown) => {
    const code = errorCode(e);
    const what = onOutputError(code, which);
    if (what.say) {
      const lang = pickLang(langFlag(proc.argv), proc.env);
      try {
        proc.stderr.write(t(lang, `yanxiu: 无法写出结果(${code})\n`, `yanxiu: cannot write the output (${code})\n`));
      } catch {
        /* nowhere left to say it */
      }
    }
    proc.exit(what.exit);
  };
  proc.stdout.on("error", handle("stdout"));
  proc.stderr.on("error", handle("stderr"));
}

/** `--lang en` or `--lang=en` among the arguments (the program has not parsed them yet when this runs). */
function langFlag(argv: string[]): string | undefined {
  const i = argv.indexOf("--lang");
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--lang="))?.slice("--lang=".length);
}
