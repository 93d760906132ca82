/** Every command's path ("", "check", "accounts invite", …) as the real program defines them. */
import type { Command } from "commander";
import { buildProgram } from "../../src/cli/main.js";
import { commandPath } from "../../src/cli/examples.js";
import { tempDir } from "./temp-repo.js";

export async function commandPaths(): Promise<string[]> {
  const io = { argv: [], cwd: tempDir(), stdout: { write: () => true }, stderr: { write: () => true }, env: {} };
  const program = await buildProgram(io, "all", "zh");
  const out: string[] = [];
  const walk = (c: Command) => {
    out.push(commandPath(c));
    for (const s of c.commands) if (s.name() !== "help") walk(s);
  };
  walk(program);
  return out;
}
