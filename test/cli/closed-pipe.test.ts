/**
 * The real binary writing into a pipe its reader has closed (`yanxiu score | head`): every
 * command ends quietly with exit 0, no unhandled EPIPE. Writing the output onto a full disk
 * (/dev/full) is a one-line error and exit 2.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, closeSync } from "node:fs";
import { BIN } from "../helpers/run-cli.js";
import { ensureBuilt } from "../helpers/build.js";
import { DEMO_SCHOOL } from "../helpers/temp-repo.js";
import { onOutputError } from "../../src/cli/closed-pipe.js";

beforeAll(() => ensureBuilt("dist/cli/closed-pipe.js"), 120_000);

/** Run the binary with its stdout read by nobody: our end of the pipe is closed at once. */
function intoClosedPipe(args: string[]): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23" }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.destroy();
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })));
}

describe("a closed pipe", () => {
  const commands: [string, string[]][] = [
    ["score (text)", ["score", DEMO_SCHOOL, "--year", "2025-2026"]],
    ["score --format json", ["score", DEMO_SCHOOL, "--year", "2025-2026", "--format", "json"]],
    ["score --format csv", ["score", DEMO_SCHOOL, "--year", "2025-2026", "--format", "csv"]],
    ["check", ["check", DEMO_SCHOOL]],
    ["summary", ["summary", DEMO_SCHOOL]],
    ["explain", ["explain", "t01", DEMO_SCHOOL]],
    ["--help", ["--help"]],
  ];
  for (const [name, args] of commands) {
    it(`${name}: exit 0, nothing on stderr`, async () => {
      const r = await intoClosedPipe(args);
      expect(r.stderr).toBe("");
      expect(r.signal).toBe(null);
      expect(r.code).toBe(0);
    });
  }
});

describe("output onto a full disk (/dev/full)", () => {
  it.skipIf(!existsSync("/dev/full"))("score > /dev/full: one line on stderr naming ENOSPC, exit 2", () => {
    const fd = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [BIN, "score", DEMO_SCHOOL, "--year", "2025-2026", "--lang", "en"], {
        env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23" }, stdio: ["ignore", fd, "pipe"], encoding: "utf8",
      });
      expect(r.stderr).toBe("yanxiu: cannot write the output (ENOSPC)\n");
      expect(r.status).toBe(2);
    } finally {
      closeSync(fd);
    }
  });
});

describe("onOutputError", () => {
  it.each([
    ["EPIPE", "stdout", { exit: 0, say: false }],
    ["EPIPE", "stderr", { exit: 0, say: false }],
    ["ENOSPC", "stdout", { exit: 2, say: true }],
    ["EIO", "stderr", { exit: 2, say: false }], // nowhere to say it
  ] as const)("%s on %s", (code, which, expected) => expect(onOutputError(code, which)).toEqual(expected));
});
