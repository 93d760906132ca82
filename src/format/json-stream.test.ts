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
      // Arrays stringified in slices (16 items first, then by length): at, around and across the edges.
      ...[15, 16, 17, 255, 256, 257, 512, 513].map((n) => ({ a: 1, list: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? undefined : { i, s: `x\n${i}` })), z: [] })),
      { ["__proto__"]: [1, 2], constructor: [{ a: [] }] },
    ];
    for (const v of cases) expect([...jsonPieces(v)].join("")).toBe(whole(v));
  });

  it("stringifies arrays in slices of about 32,000 characters (at most 256 items), so each text stays out of V8's large-object space", () => {
    const textsOf = (v: Record<string, unknown>) => {
      const pieces = [...jsonPieces(v)];
      expect(pieces.join("")).toBe(whole(v));
      // The item texts are the pieces after each "[\n" or ",\n" separator.
      return pieces.filter((_, k) => k > 0 && (pieces[k - 1] === "[\n" || pieces[k - 1] === ",\n"));
    };
    const itemsIn = (text: string) => text.split("\n").filter((l) => l.startsWith('      "i"')).length;
    // Large items, ~3,030 characters each in the text: 8 first, then 10 a slice (32,000 / 3,030 → 10).
    const large = textsOf({ list: Array.from({ length: 300 }, (_, i) => ({ i, s: "研".repeat(3000) })) });
    expect(large.map(itemsIn).slice(0, 3)).toEqual([8, 10, 10]);
    expect(large.map(itemsIn).reduce((x, y) => x + y)).toBe(300);
    expect(Math.max(...large.map((t) => t.length))).toBeLessThan(32_000);
    // Small items: never more than 256 at once (the earlier fixed slice), 8 first.
    const small = textsOf({ list: Array.from({ length: 3000 }, (_, i) => ({ i })) });
    expect(small.map(itemsIn)).toEqual([8, ...Array(11).fill(256), 3000 - 8 - 11 * 256]);
    // An item larger than a whole slice still comes out whole, with its neighbours.
    const huge = textsOf({ list: [{ i: 0 }, { i: 1, s: "修".repeat(100_000) }, { i: 2 }] });
    expect(huge.map(itemsIn)).toEqual([3]);
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
