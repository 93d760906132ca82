/**
 * Edits of a school's files for the incremental tests (check's and score's): write, replace,
 * touch, and the changes after which a run must check or score everything.
 */
import { appendFileSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

/** Files of the demo school the incremental tests edit. */
export const T01 = "records/2025-2026-1/t01.yaml";
export const T02 = "records/2025-2026-1/t02.yaml";
export const T19 = "records/2025-2026-1/t19.yaml";
export const ARTS = "sessions/2025-2026-1/arts.yaml";

export interface SchoolEdits {
  path(file: string): string;
  read(file: string): string;
  write(file: string, text: string): void;
  /** Replaces text that must be there (the test fails if nothing changed). */
  replaced(file: string, from: string | RegExp, to: string): void;
  /** A file touched: its stats change, not its content. */
  touch(file: string, seconds: number): void;
}

export function schoolEdits(dir: () => string): SchoolEdits {
  const path = (file: string) => join(dir(), file);
  const read = (file: string) => readFileSync(path(file), "utf8");
  const write = (file: string, text: string) => writeFileSync(path(file), text);
  return {
    path, read, write,
    replaced(file, from, to) {
      const text = read(file);
      const next = text.replace(from, to);
      expect(next, `${file}: ${String(from)}`).not.toBe(text);
      write(file, next);
    },
    touch(file, seconds) {
      const later = new Date(Date.now() + seconds * 1000);
      utimesSync(path(file), later, later);
    },
  };
}

/** Changes no incremental run may take on: each with the reason the trace must give. */
export function wholeRunEdits(e: SchoolEdits, command: "check" | "score"): [string, () => void, RegExp][] {
  return [
    ["the roster", () => e.replaced("roster.yaml", "joined: 2012-08-26", "joined: 2012-08-27"), /roster\.yaml changed/],
    ["the config", () => appendFileSync(e.path("yanxiu.yaml"), "# a comment\n"), /yanxiu\.yaml changed/],
    ["a rule file", () => appendFileSync(e.path("rules/xintian.yaml"), "# a comment\n"), /rules\/xintian\.yaml changed/],
    ["evidence", () => e.write("evidence/t01/new.txt", "x"), /evidence\/t01\/new\.txt changed/],
    ["more files than are worth it", () => {
      const all = ["records", "sessions"].flatMap((top) => readdirSync(e.path(top), { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".yaml")).map((f) => `${top}/${f}`));
      expect(all.length).toBeGreaterThan(64);
      all.forEach((f, i) => e.touch(f, 10 + i));
    }, new RegExp(`whole ${command} \\(\\d+ files changed\\)`)],
    ["a link", () => symlinkSync("t01.yaml", e.path("records/2025-2026-1/t90.yaml")), /a link or special file/],
  ];
}
