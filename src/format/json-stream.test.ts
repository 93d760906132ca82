import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { chunked, jsonPieces } from "./json-stream.js";

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

  it("chunks without changing the text", () => {
    const v = { teachers: Array.from({ length: 3000 }, (_, i) => ({ id: `t${i}`, total: i / 3 })) };
    const chunks = [...chunked(jsonPieces(v), 1000)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join("")).toBe(whole(v));
  });
});
