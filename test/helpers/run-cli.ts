/** Run the CLI's main() in-process with captured output: the way most CLI tests drive it. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";
import type { ReadFs, WriteFs } from "../../src/repo/fs.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture {
  text = "";
  isTTY = false;
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

export async function runCli(
  argv: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; fs?: WriteFs; readFs?: ReadFs } = {},
): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main({
    argv,
    cwd: opts.cwd ?? process.cwd(),
    stdout,
    stderr,
    env: { YANXIU_TODAY: "2026-11-23", ...opts.env },
    fs: opts.fs,
    readFs: opts.readFs,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const BIN = fileURLToPath(new URL("../../bin/yanxiu.js", import.meta.url));

/** Run the real binary (built into dist/ by `npm test`) as a child process. */
export function runBin(argv: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: opts.cwd ?? process.cwd(),
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23", ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
