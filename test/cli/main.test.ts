/** The lazily loaded command table stays true to the commands themselves. */
import { describe, expect, it } from "vitest";
import { buildProgram, commandNamed, COMMANDS } from "../../src/cli/main.js";
import { runCli } from "../helpers/run-cli.js";

const io = { argv: [], cwd: process.cwd(), stdout: { write: () => true }, stderr: { write: () => true }, env: {} };

describe("lazy command loading", () => {
  it("finds the command named, skipping global options and their values", () => {
    expect(commandNamed(["--lang", "en", "check", "x"])).toBe("check");
    expect(commandNamed(["help", "score"])).toBe("score");
    expect(commandNamed(["--help"])).toBeUndefined();
    expect(commandNamed(["--no-cache", "score", "--year", "2025"])).toBe("score");
  });

  it("lists every command, each with its own description, in the root help", async () => {
    const full = await buildProgram(io, "all");
    const real = Object.fromEntries(full.commands.map((c) => [c.name(), c.description()]));
    expect(Object.fromEntries(COMMANDS.map((c) => [c.name, c.description]))).toEqual(real);
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(c.name);
  });

  it("a command's own help shows its options", async () => {
    const r = await runCli(["check", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--format <format>");
    const h = await runCli(["help", "check"]);
    expect(h.stdout).toContain("--format <format>");
  });

  it("an unknown command exits 2", async () => {
    const r = await runCli(["frobnicate"]);
    expect(r.code).toBe(2);
  });
});
