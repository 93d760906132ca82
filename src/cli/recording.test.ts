import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { recording } from "./recording.js";
import type { Io } from "./io.js";

const TEXT = ["{\"教师\": \"张丽\",", " \"合计\": 12.5}\n"];

function ioWith(stdout: Io["stdout"]): Io {
  const stderr = { write: () => true, isTTY: false };
  return { argv: [], cwd: "/", stdout, stderr, env: {} };
}

describe("recording", () => {
  it("sends a real stream the bytes it keeps: each piece encoded once", () => {
    const out = new PassThrough();
    const seen: Buffer[] = [];
    out.on("data", (d: Buffer) => seen.push(d));
    const rec = recording(ioWith(out as unknown as Io["stdout"]));
    for (const piece of TEXT) rec.io.stdout.write(piece);
    const kept = rec.taken()!.stdout;
    expect(kept.every((p) => Buffer.isBuffer(p))).toBe(true);
    expect(Buffer.concat(kept as Buffer[]).toString("utf8")).toBe(TEXT.join(""));
    expect(Buffer.concat(seen).equals(Buffer.concat(kept as Buffer[]))).toBe(true);
  });

  it("keeps strings for a writer that is not a stream, and nothing once past the limit in bytes", () => {
    let written = "";
    const writer = { write: (c: string) => ((written += c), true), isTTY: false };
    const rec = recording(ioWith(writer), 30);
    rec.io.stdout.write(TEXT[0]!);
    expect(rec.taken()!.stdout).toEqual([TEXT[0]]);
    // 25 characters but 37 bytes in all: the second piece takes it past 30 bytes.
    rec.io.stdout.write(TEXT[1]!);
    expect(Buffer.byteLength(TEXT.join(""))).toBeGreaterThan(30);
    expect(TEXT.join("").length).toBeLessThan(30);
    expect(rec.taken()).toBeUndefined();
    expect(written).toBe(TEXT.join(""));
  });
});
