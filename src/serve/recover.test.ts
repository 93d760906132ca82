import { describe, expect, it } from "vitest";
import { parseBatch } from "./recover.js";

describe("git cat-file --batch's answer", () => {
  it("one entry per name: blobs with their bytes (line breaks inside kept), missing names undefined", () => {
    const a = "a".repeat(40);
    const b = "b".repeat(40);
    const out = Buffer.concat([
      Buffer.from(`${a} blob 6\nx\ny\nz\n\n`),
      Buffer.from("HEAD:records/new.yaml missing\n"),
      Buffer.from(`${b} blob 0\n\n`),
    ]);
    const got = parseBatch(out, 4);
    expect(got.map((g) => g && [g.id, g.bytes.toString()])).toEqual([[a, "x\ny\nz\n"], undefined, [b, ""], undefined]);
  });

  it("a tree where a blob was asked for is not taken as the file", () => {
    const t = "c".repeat(40);
    expect(parseBatch(Buffer.from(`${t} tree 3\nabc\n`), 1)).toEqual([undefined]);
  });
});
