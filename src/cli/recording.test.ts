import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { recording } from "./recording.js";
import type { Io } from "./io.js";

const TEXT = ["{\"教师\": \"张丽\",", " \"合计\": 12.5}\n"];

function ioWith(stdout: Io["stdout"], stderr: Io["stderr"] = { write: () => true, isTTY: false }): Io {
  return { argv: [], cwd: "/", stdout, stderr, env: {} };
}

describe("recording", () => {
  it("sends a real stream and the entry the same bytes: a string encoded once, a buffer neither copied nor kept", () => {
    const out = new PassThrough();
    const seen: Buffer[] = [];
    out.on("data", (d: Buffer) => seen.push(d));
    const added: (string | Uint8Array)[] = [];
    const rec = recording(ioWith(out as unknown as Io["stdout"]), { add: (p) => added.push(p) });
    for (const piece of TEXT) rec.io.stdout.write(piece);
    const chunk = Buffer.from("\n[1, 2]\n");
    (rec.io.stdout.write as unknown as (c: Buffer) => unknown)(chunk);
    expect(added.every((p) => Buffer.isBuffer(p))).toBe(true);
    expect(added[2]).toBe(chunk); // the very buffer: no second copy of a report
    expect(Buffer.concat(added as Buffer[]).toString("utf8")).toBe(`${TEXT.join("")}\n[1, 2]\n`);
    expect(Buffer.concat(seen).equals(Buffer.concat(added as Buffer[]))).toBe(true);
  });

  it("gives a writer that is not a stream its strings, and writes stderr down", () => {
    let written = "";
    let said = "";
    const writer = { write: (c: string) => ((written += c), true), isTTY: false };
    const added: (string | Uint8Array)[] = [];
    const rec = recording(ioWith(writer, { write: (c: string) => ((said += c), true) }), { add: (p) => added.push(p) });
    for (const piece of TEXT) rec.io.stdout.write(piece);
    rec.io.stderr.write("注意:");
    rec.io.stderr.write("1 个记录文件有错误\n");
    expect(added).toEqual(TEXT);
    expect(written).toBe(TEXT.join(""));
    expect(rec.stderr()).toBe("注意:1 个记录文件有错误\n");
    expect(said).toBe(rec.stderr());
  });
});
