import { describe, expect, it } from "vitest";
import { buildProgram } from "./main.js";
import { plainCheckArgs } from "./check-args.js";
import type { Io } from "./io.js";

const sink = { write: () => true };
const io: Io = { argv: [], cwd: process.cwd(), stdout: sink, stderr: sink, env: {} };

/** What commander hands check's action for these arguments (or the error it raises). */
async function commanderReads(argv: string[]): Promise<unknown> {
  const program = await buildProgram({ ...io, argv }, "check", "en");
  const check = program.commands.find((c) => c.name() === "check")!;
  let seen: unknown;
  check.action(function (this: typeof check, paths: string[], opts: Record<string, unknown>) {
    seen = { paths, opts: { ...opts }, lang: this.optsWithGlobals().lang };
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
  return plain && { paths: plain.paths, opts: plain.opts, lang: plain.lang };
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
