import { describe, expect, it } from "vitest";
import { FileKeys } from "./file-keys.js";

describe("FileKeys", () => {
  const keys = FileKeys.from([["a", [1, 2]], ["b", []], ["c", [1_073_741_823, 7]]]);

  it("gives each file's keys back, and none for a file it does not keep", () => {
    expect(keys.size).toBe(3);
    expect(keys.get("a")).toEqual([1, 2]);
    expect(keys.get("b")).toEqual([]);
    expect(keys.get("c")).toEqual([1_073_741_823, 7]); // the largest 30-bit hash
    expect(keys.get("d")).toBeUndefined();
    expect([...keys.offsets]).toEqual([0, 2, 2, 4]);
  });

  it("tells which files hold one of the keys wanted", () => {
    const wanted = new Set([7]);
    expect([0, 1, 2].map((i) => keys.sharesAny(i, wanted))).toEqual([false, false, true]);
    expect([0, 1, 2].map((i) => keys.sharesAny(i, new Set([2, 99])))).toEqual([true, false, false]);
  });

  it("replaces changed files' keys, drops the gone, adds the new at the end, and leaves itself as it was", () => {
    const next = keys.with(new Map<string, number[] | undefined>([["a", [5]], ["b", undefined], ["e", [6, 8]]]));
    expect(next.files).toEqual(["a", "c", "e"]);
    expect(["a", "b", "c", "e"].map((f) => next.get(f))).toEqual([[5], undefined, [1_073_741_823, 7], [6, 8]]);
    expect(keys.get("a")).toEqual([1, 2]);
  });

  it("accepts only well-formed flat arrays back", () => {
    const u = (...n: number[]) => Uint32Array.from(n);
    expect(FileKeys.checked(["a", "b"], u(0, 1, 2), u(3, 4))?.get("b")).toEqual([4]);
    expect(FileKeys.checked(["a", "b"], u(0, 1), u(3, 4))).toBeUndefined(); // an offset short
    expect(FileKeys.checked(["a", "b"], u(0, 2, 1), u(3, 4))).toBeUndefined(); // falling
    expect(FileKeys.checked(["a", "b"], u(0, 1, 3), u(3, 4))).toBeUndefined(); // past the end
    expect(FileKeys.checked(["a", "b"], u(1, 1, 2), u(3, 4))).toBeUndefined(); // not from 0
    expect(FileKeys.checked(["a", "a"], u(0, 1, 2), u(3, 4))).toBeUndefined(); // a file twice
  });
});
