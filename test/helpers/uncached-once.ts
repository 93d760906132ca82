/**
 * The incremental tests compare many cached runs with the same run without the cache. What a
 * `--no-cache` run prints depends on the school's files (paths, kinds, bytes and link targets, never
 * their times), the arguments and the environment, so each is run once per state of the files and
 * kept for the test file. A school copied elsewhere with the same files is the same state: were a
 * folder's own path ever printed, the kept output would name another folder and the comparison
 * would fail, never pass.
 */
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";

/** A hash of every file, folder and link under `dir` but the result cache (.yanxiu-cache/). */
export function schoolState(dir: string): string {
  const hash = createHash("sha256");
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (path === ".yanxiu-cache") continue;
      const abs = join(dir, path);
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) hash.update(`link\0${path}\0${readlinkSync(abs)}\0`);
      else if (st.isDirectory()) {
        hash.update(`dir\0${path}\0`);
        walk(path);
      } else if (st.isFile()) hash.update(`file\0${path}\0${st.size}\0`).update(readFileSync(abs)).update("\0");
      else hash.update(`other\0${path}\0`);
    }
  };
  walk("");
  return hash.digest("hex");
}

const kept = new Map<string, Promise<unknown>>();

/**
 * `run(args)` in the school folder `dir`, once per state of its files and arguments in this test
 * file (the same run in every test that reaches the state). Only for runs that write nothing.
 */
export function uncachedOnce<T>(dir: string, args: string[], run: () => Promise<T>): Promise<T> {
  const key = `${schoolState(dir)}\0${args.join("\0")}`;
  let result = kept.get(key) as Promise<T> | undefined;
  if (!result) kept.set(key, (result = run()));
  return result;
}
