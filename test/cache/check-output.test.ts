/**
 * `check` keeps the very output it printed in the result cache, by format, colour and the
 * files named, so a warm run renders nothing. Each such answer must be exactly what a run
 * without the cache prints (stdout, exit code, the file written with -o), for every set of
 * files named, and must follow an edit of a file.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";
import { runCli } from "../helpers/run-cli.js";

let dir: string;
beforeEach(() => {
  dir = copyDemoSchool();
});
afterEach(() => removeDir(dir));

const T01 = "records/2025-2026-1/t01.yaml";
const T02 = "records/2025-2026-1/t02.yaml";

/** A date that does not exist, in place of the file's first record's date: one error in that file. */
function breakFirstDate(file: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  const broken = text.replace(/- date: \d{4}-\d{2}-\d{2}/, "- date: 2025-13-45");
  expect(broken).not.toBe(text);
  writeFileSync(path, broken);
}

const run = async (args: string[]) => {
  const r = await runCli(args, { cwd: dir });
  return `exit ${r.code}\n${r.stdout}\n${r.stderr}`;
};

const entries = () => readdirSync(join(dir, ".yanxiu-cache", "results")).length;

describe("check's output from the result cache", () => {
  it("is, cold and warm, what a run without the cache prints, for each format and each set of files named", async () => {
    breakFirstDate(T01);
    breakFirstDate(T02);
    const cases = [
      ["check"],
      ["check", "--format", "json"],
      ["check", T01],
      ["check", T02],
      ["check", "--format", "json", T01],
      ["check", T01, T02],
      ["check", T02, T01],
      ["check", "--format", "junit", T02, T01],
      ["check", "records/2025-2026-1"],
      ["check", "records"],
      ["check", "roster.yaml"],
      ["check", "--format", "github", "--lang", "en"],
    ];
    const fresh = new Map<string, string>();
    for (const args of cases) fresh.set(args.join(" "), await run([...args, "--no-cache"]));
    // Not vacuous: the files named change what is printed.
    expect(fresh.get(`check ${T01}`)).not.toBe(fresh.get(`check ${T02}`));
    expect(fresh.get(`check ${T01}`)).toContain("2025-13-45");
    expect(fresh.get("check roster.yaml")).not.toContain("2025-13-45");
    for (const pass of ["cold", "warm", "warm again"]) {
      for (const args of cases) expect(await run(args), `${pass}: ${args.join(" ")}`).toBe(fresh.get(args.join(" ")));
    }
    // One whole check and one output per case were kept, and the warm passes added none.
    expect(entries()).toBe(cases.length + 2); // the whole check in Chinese, and in English
  });

  it("writes the kept output to the file named with -o, byte for byte", async () => {
    breakFirstDate(T01);
    const printed = await runCli(["check", "--format", "sarif", T01, "--no-cache"], { cwd: dir });
    for (const pass of ["cold", "warm"]) {
      const out = join(dir, `${pass}.sarif`);
      const r = await runCli(["check", "--format", "sarif", T01, "-o", out], { cwd: dir });
      expect(r.code, pass).toBe(1);
      expect(r.stdout, pass).toBe("");
      expect(readFileSync(out, "utf8"), pass).toBe(printed.stdout);
    }
  });

  it("follows an edit of a file named, and of a file not named", async () => {
    breakFirstDate(T01);
    const before = await run(["check", T01]);
    expect(before).toContain("exit 1");
    expect(await run(["check", T01])).toBe(before); // warm
    writeFileSync(join(dir, T01), readFileSync(join(dir, T01), "utf8").replace("2025-13-45", "2025-09-03"));
    const fixed = await run(["check", T01]);
    expect(fixed).toBe(await run(["check", T01, "--no-cache"]));
    expect(fixed).toContain("exit 0");
    // A new problem in another file: t01's output stays as it is, t02's shows it.
    breakFirstDate(T02);
    expect(await run(["check", T01])).toBe(fixed);
    expect(await run(["check", T02])).toBe(await run(["check", T02, "--no-cache"]));
    expect(await run(["check", T02])).toContain("2025-13-45");
  });
});
