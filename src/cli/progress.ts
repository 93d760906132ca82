/**
 * Progress for long runs: a single self-overwriting line on stderr, only on a terminal and
 * never in CI, so pipes, files and CI logs get nothing of it.
 */
import { t, type Lang } from "../i18n.js";
import type { Io } from "./io.js";

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function progressOn(io: Io): boolean {
  return Boolean(io.stderr.isTTY) && !io.env.CI;
}

export function startProgress(io: Io, lang: Lang, what: { zh: string; en: string }): Progress {
  if (!progressOn(io)) return { update() {}, done() {} };
  let shown = false;
  return {
    update(done, total) {
      shown = true;
      io.stderr.write(`\r${t(lang, `${what.zh} ${done}/${total} 位教师…`, `${what.en} ${done}/${total} teachers…`)}\x1b[K`);
    },
    done() {
      if (shown) io.stderr.write("\r\x1b[K");
    },
  };
}
