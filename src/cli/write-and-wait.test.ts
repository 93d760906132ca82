import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { writeAndWait } from "./score-warm.js";
import type { Io } from "./io.js";

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeDir));

const ioWith = (stdout: Io["stdout"]): Io => ({ argv: [], cwd: "/", env: {}, stdout, stderr: { write: () => true } });

/** A stream that keeps each chunk until `release()`, as a pipe's writer keeps what the pipe has not taken. */
function holding(highWaterMark: number) {
  const pending: (() => void)[] = [];
  const got: Buffer[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, done) {
      got.push(chunk);
      pending.push(done);
    },
  });
  return { stream, got, release: () => pending.splice(0).forEach((done) => done()) };
}

describe("writeAndWait", () => {
  it("lets the buffer be reused when a file took the chunk at once (as process.stdout to a file)", async () => {
    const dir = tempDir("yanxiu-write-");
    made.push(dir);
    const fd = openSync(join(dir, "out"), "w");
    // Written synchronously, as node's stdout to a file is.
    const file = new Writable({ write: (chunk: Buffer, _enc, done) => (writeSync(fd, chunk), done()) });
    const buffer = Buffer.from("一二三");
    expect(await writeAndWait(ioWith(file), buffer)).toBe(true);
    buffer.write("四五六"); // reused: the bytes already out are not changed
    expect(await writeAndWait(ioWith(file), buffer)).toBe(true);
    closeSync(fd);
    expect(readFileSync(join(dir, "out"), "utf8")).toBe("一二三四五六");
  });

  it("does not when the stream still holds the chunk, and does once it drained", async () => {
    const roomy = holding(1 << 20);
    expect(await writeAndWait(ioWith(roomy.stream), Buffer.from("abc"))).toBe(false); // accepted but not taken yet
    roomy.release();
    const tight = holding(2);
    let done = false;
    const waited = writeAndWait(ioWith(tight.stream), Buffer.from("abcdef")).then((v) => ((done = true), v));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false); // waits for the drain
    tight.release();
    expect(await waited).toBe(true);
    expect(Buffer.concat(tight.got).toString()).toBe("abcdef");
  });

  it("does not for a writer that says nothing about what it holds", async () => {
    const parts: (string | Buffer)[] = [];
    expect(await writeAndWait(ioWith({ write: (s: string | Buffer) => (parts.push(s), true) } as Io["stdout"]), Buffer.from("x"))).toBe(false);
    expect(parts).toHaveLength(1);
  });
});
