import { spawn, spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { faultyFs } from "../../test/helpers/faulty-fs.js";
import { WriteStepError } from "./write.js";
import { writeOutputFile } from "./write-output.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function dir(): string {
  const d = tempDir("yanxiu-output-");
  dirs.push(d);
  return d;
}

describe("writeOutputFile: a file the user named with -o", () => {
  it("a regular file, or none yet, is replaced whole (a new inode: the atomic write)", () => {
    const d = dir();
    const file = join(d, "report.json");
    writeOutputFile(file, "one\n");
    const first = statSync(file).ino;
    writeOutputFile(file, "two\n");
    expect(readFileSync(file, "utf8")).toBe("two\n");
    expect(statSync(file).ino).not.toBe(first);
  });

  it("a link stays a link; the file it names gets the text", () => {
    const d = dir();
    mkdirSync(join(d, "real"));
    writeFileSync(join(d, "real", "r.csv"), "old\n");
    symlinkSync(join("real", "r.csv"), join(d, "r.csv"));
    writeOutputFile(join(d, "r.csv"), "new\n");
    expect([lstatSync(join(d, "r.csv")).isSymbolicLink(), readlinkSync(join(d, "r.csv")), readFileSync(join(d, "real", "r.csv"), "utf8")]).toEqual([true, join("real", "r.csv"), "new\n"]);
  });

  it("a link to /dev/null: the device is written into, and stays the device (the rename over it made /dev/null a file)", () => {
    const d = dir();
    const before = statSync("/dev/null");
    symlinkSync("/dev/null", join(d, "out.json"));
    writeOutputFile(join(d, "out.json"), "x".repeat(100_000));
    const after = lstatSync("/dev/null");
    expect([after.isCharacterDevice(), after.ino, after.rdev]).toEqual([true, before.ino, before.rdev]);
    expect(lstatSync(join(d, "out.json")).isSymbolicLink()).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)("a device named directly (a private copy of /dev/null, made as root) stays the device", () => {
    const d = dir();
    const dev = join(d, "null");
    expect(spawnSync("mknod", ["-m", "666", dev, "c", "1", "3"]).status).toBe(0);
    const ino = lstatSync(dev).ino;
    writeOutputFile(dev, "report\n");
    expect([lstatSync(dev).isCharacterDevice(), lstatSync(dev).ino]).toEqual([true, ino]);
  });

  it("a named pipe: its reader gets every byte, and the pipe stays a pipe", async () => {
    const d = dir();
    const fifo = join(d, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const reader = spawn("cat", [fifo]);
    const got: Buffer[] = [];
    reader.stdout.on("data", (b: Buffer) => got.push(b));
    const done = new Promise((resolve) => reader.on("close", resolve));
    const text = "张明,26\n".repeat(20_000); // larger than a pipe's buffer
    writeOutputFile(fifo, text);
    await done;
    expect(Buffer.concat(got).toString("utf8")).toBe(text);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("a folder is refused (EISDIR), and a write that fails on a device says which step and closes the file", () => {
    const d = dir();
    mkdirSync(join(d, "out"));
    expect(() => writeOutputFile(join(d, "out"), "x")).toThrow(expect.objectContaining({ step: "open", code: "EISDIR" }));
    symlinkSync("/dev/null", join(d, "null"));
    const fs = faultyFs({ when: (c) => c.op === "writeSync", code: "EIO" });
    let error: unknown;
    try {
      writeOutputFile(join(d, "null"), "x", { fs });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WriteStepError);
    expect([(error as WriteStepError).step, (error as WriteStepError).code]).toEqual(["write", "EIO"]);
    expect(fs.calls.map((c) => c.op)).toEqual(["lstatSync", "lstatSync", "openSync", "writeSync", "closeSync"]);
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});
