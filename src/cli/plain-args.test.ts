import { describe, expect, it } from "vitest";
import { buildProgram } from "./main.js";
import { FORMATS } from "./output.js";
import { plainCheckArgs, plainScoreArgs, SCORE_FORMATS } from "./plain-args.js";
import type { Io } from "./io.js";

const sink = { write: () => true };
const io: Io = { argv: [], cwd: process.cwd(), stdout: sink, stderr: sink, env: {} };

/** What commander hands the command's action for these arguments (or the error it raises). */
async function commanderReads(argv: string[]): Promise<unknown> {
  const program = await buildProgram({ ...io, argv }, argv[0], "en");
  const command = program.commands.find((c) => c.name() === argv[0])!;
  let seen: unknown;
  command.action(function (this: typeof command, paths: string[], opts: Record<string, unknown>) {
    seen = { paths, opts: { ...opts }, lang: this.optsWithGlobals().lang, order: JSON.stringify(opts) };
  });
  program.configureOutput({ writeOut: () => {}, writeErr: () => {} });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    return { error: (e as Error).message };
  }
  return seen;
}

const read = (argv: string[]) => {
  const plain = plainCheckArgs(argv);
  return plain && { paths: plain.paths, opts: plain.opts, lang: plain.lang, order: expect.any(String) };
};

/** score's [dir] comes to the action as its first argument, like check's paths. */
const readScore = (argv: string[]) => {
  const plain = plainScoreArgs(argv);
  return plain && { paths: plain.dir, opts: plain.opts, lang: plain.lang, order: JSON.stringify(plain.opts) };
};

describe("plainCheckArgs", () => {
  const taken = [
    ["check"],
    ["check", "--format", "json"],
    ["check", "-f", "json"],
    ["check", "--format=sarif"],
    ["check", "records/2024-2025-1/t0001.yaml"],
    ["check", "a.yaml", "--format", "junit", "b.yaml"],
    ["check", "-o", "out.json", "--format", "json", "dir"],
    ["check", "--output=report.txt"],
    ["check", "--lang", "en", "x"],
    ["check", "--lang=zh", "-f", "github"],
    ["check", "help"],
    ["check", "--format", "codequality", "--output", "cq.json", "--lang", "en", "p1", "p2", "p3"],
  ];
  it.each(taken)("reads %j exactly as commander does", async (...argv) => {
    const plain = read(argv);
    expect(plain).toBeDefined();
    expect(plain).toEqual(await commanderReads(argv));
  });

  const left = [
    ["score"],
    ["--lang", "en", "check"],
    ["check", "--no-cache"],
    ["check", "--format", "yaml"],
    ["check", "--format"],
    ["check", "--format", "json", "--format", "text"],
    ["check", "-fjson"],
    ["check", "-f=json"],
    ["check", "-o", "-"],
    ["check", "-o", "--format"],
    ["check", "--output="],
    ["check", "--lang", "fr"],
    ["check", "-"],
    ["check", "--", "x"],
    ["check", "--fix"],
    ["check", "--dry-run"],
    ["check", "--changed"],
    ["check", "--base", "HEAD~1"],
    ["check", "--disable", "duplicate-record"],
    ["check", "--stdin-filename", "a.yaml", "-"],
    ["check", "--help"],
    ["check", "-h"],
    ["check", "-V"],
    ["check", "--unknown"],
  ];
  it.each(left)("leaves %j to commander", (...argv) => {
    expect(plainCheckArgs(argv)).toBeUndefined();
  });
});

describe("plainScoreArgs", () => {
  it("knows score's formats", () => expect(SCORE_FORMATS).toEqual(FORMATS));

  const taken = [
    ["score"],
    ["score", "--format", "json"],
    ["score", "-f", "csv", "--year", "2025-2026"],
    ["score", "--year", "2025-2026", "-f", "csv"],
    ["score", "school", "--term=2025-2026-1", "--wide"],
    ["score", "--cycle", "--json"],
    ["score", "--json", "--cycle"],
    ["score", "--teacher", "李娜", "--lang", "en"],
    ["score", "--group", "语文组", "--format=markdown", "dir"],
    ["score", "--lang=zh", "--format", "html", "--year", "2024-2025", "--teacher", "t0001", "--group", "g1", "--wide"],
  ];
  it.each(taken)("reads %j exactly as commander does, options in the same order", async (...argv) => {
    const plain = readScore(argv);
    expect(plain).toBeDefined();
    expect(plain).toEqual(await commanderReads(argv));
  });

  const left = [
    ["check"],
    ["score", "a", "b"],
    ["score", "-o", "report.xlsx"],
    ["score", "--output", "r.json"],
    ["score", "--table", "t1"],
    ["score", "--format", "pdf"],
    ["score", "--year"],
    ["score", "--year", "2025-2026", "--year", "2024-2025"],
    ["score", "--json", "--json"],
    ["score", "-f", "json", "--format", "json"],
    ["score", "--cycle=true"],
    ["score", "--no-cache"],
    ["score", "--lang", "fr"],
    ["score", "--teacher", "-x"],
    ["score", "--help"],
    ["score", "--", "dir"],
    ["score", "--unknown"],
  ];
  it.each(left)("leaves %j to commander", (...argv) => {
    expect(plainScoreArgs(argv)).toBeUndefined();
  });
});
