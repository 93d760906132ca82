import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { chunkedBytes, jsonPieces } from "./json-stream.js";

const whole = (v: Record<string, unknown>) => `${JSON.stringify(v, null, 2)}\n`;

describe("jsonPieces", () => {
  it("joins to exactly JSON.stringify(value, null, 2) + newline", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()), fc.constant(undefined))), (v) => {
        expect([...jsonPieces(v)].join("")).toBe(whole(v));
      }),
      { numRuns: 500 },
    );
  });

  it("handles the awkward cases JSON.stringify does", () => {
    const cases: Record<string, unknown>[] = [
      {},
      { a: undefined },
      { a: [], b: {}, c: "" },
      { list: [undefined, () => 1, null, "x\ny", { deep: [1, [2, { z: "末\u2028" }]] }] },
      { s: "line\nbreak \"quoted\" 中文", n: -0, e: 1e21 },
      // Arrays stringified in slices of 256: at, around and across the edges.
      ...[255, 256, 257, 512, 513].map((n) => ({ a: 1, list: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? undefined : { i, s: `x\n${i}` })), z: [] })),
      { ["__proto__"]: [1, 2], constructor: [{ a: [] }] },
    ];
    for (const v of cases) expect([...jsonPieces(v)].join("")).toBe(whole(v));
  });
});

describe("chunkedBytes", () => {
  it("encodes the pieces as UTF-8, cut only between pieces", () => {
    // CJK (3 bytes), an emoji (a surrogate pair, 4 bytes) and ASCII, in chunks smaller than some pieces.
    const pieces = ["{", "中文", "😀x", "", "a".repeat(50), "末尾\n", "é".repeat(20)];
    const chunks = [...chunkedBytes(pieces, 16)];
    expect(Buffer.concat(chunks).toString("utf8")).toBe(pieces.join(""));
    // Room is kept for 3 bytes a UTF-16 unit: "{中文😀x" (12 bytes, up to 16 kept) fills the first
    // chunk; the 50 a's need a buffer of 150, which then has room for the rest.
    expect(chunks.map((c) => c.toString("utf8"))).toEqual(["{中文😀x", `${"a".repeat(50)}末尾\n${"é".repeat(20)}`]);
  });

  it("gives the bytes of the whole report text", () => {
    const v = { teachers: Array.from({ length: 3000 }, (_, i) => ({ id: `t${i}`, name: `教师${i}😀`, total: i / 3 })), trace: [] };
    const chunks = [...chunkedBytes(jsonPieces(v), 4096)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(Buffer.concat(chunks).equals(Buffer.from(whole(v), "utf8"))).toBe(true);
  });

  it("gives nothing for no pieces", () => {
    expect([...chunkedBytes([])]).toEqual([]);
  });
});
