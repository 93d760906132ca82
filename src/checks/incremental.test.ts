import { describe, expect, it } from "vitest";
import type { Problem } from "../problem.js";
import { fnv1a, hashedKeys, mergeProblems, neighbourhood } from "./incremental.js";
import { FileKeys } from "./file-keys.js";

describe("neighbourhood", () => {
  // a and b share key 1 (a duplicate pair); b and c share key 2; c and d share 3; e stands alone.
  const keys = FileKeys.from([["a", [1]], ["b", [1, 2]], ["c", [2, 3]], ["d", [3]], ["e", [9]]]);

  it("reports again the changed file and every file sharing a key with it, and loads what those can collide with", () => {
    const { report, load } = neighbourhood(keys, new Map([["a", { before: [1], now: [1] }]]));
    expect([...report].sort()).toEqual(["a", "b"]);
    // b's own pair with c must be checked beside c, or b's problem with c is lost; d is two steps away.
    expect([...load].sort()).toEqual(["a", "b", "c"]);
  });

  it("follows the old keys and the new ones: the pair a file left, and the one it joined", () => {
    const { report, load } = neighbourhood(keys, new Map([["a", { before: [1], now: [3] }]]));
    expect([...report].sort()).toEqual(["a", "b", "c", "d"]);
    expect([...load].sort()).toEqual(["a", "b", "c", "d"]);
  });

  it("reports a deleted file's partners but not the file; a new file with new keys alone", () => {
    const gone = neighbourhood(keys, new Map([["d", { before: [3] }]]));
    expect([...gone.report].sort()).toEqual(["c"]);
    expect([...gone.load].sort()).toEqual(["b", "c"]);
    const added = neighbourhood(keys, new Map([["f", { now: [42] }]]));
    expect([...added.report]).toEqual(["f"]);
    expect([...added.load]).toEqual(["f"]);
  });
});

describe("hashedKeys", () => {
  it("keys a file by its stem, its duplicate keys and (only when asked) its refs, as small integers", () => {
    const keys = { dup: ["t01\u00002025-09-03\u0000observation\u0000x"], refs: ["r1"] };
    const withRefs = hashedKeys("records/2025-2026-1/T01.yaml", keys, true);
    expect(withRefs).toHaveLength(3);
    expect(hashedKeys("records/2025-2026-1/T01.yaml", keys, false)).toHaveLength(2);
    // The same id's file in another term folder, in another case, with .yml: the same stem key.
    expect(hashedKeys("records/2025-2026-2/t01.yml", { dup: [], refs: [] }, true)).toEqual([withRefs[0]]);
    expect(hashedKeys("sessions/2025-2026-1/t01.yaml", { dup: [], refs: [] }, true)).not.toEqual([withRefs[0]]);
    for (const k of withRefs) expect(Number.isInteger(k) && k >= 0 && k < 2 ** 30).toBe(true);
  });

  it("is FNV-1a cut to 30 bits", () => {
    // FNV-1a 32 of "a" is 0xe40c292c (the published test vector); cut to 30 bits: 0x240c292c.
    expect(fnv1a("a")).toBe(0x240c292c);
    expect(fnv1a("")).toBe(0x811c9dc5 & 0x3fffffff);
  });
});

describe("mergeProblems", () => {
  const p = (file: string, line: number) => ({ file, line }) as unknown as Problem;
  it("keeps the last run's problems of files not checked again and takes the new run's for the others", () => {
    const last = [p("a", 1), p("b", 2), p("c", 3), p("gone", 4)];
    const fresh = [p("b", 5), p("x", 6), p("new", 7)];
    const merged = mergeProblems(last, fresh, new Set(["b", "gone", "new"]));
    expect(merged.map((q) => `${q.file}:${q.line}`)).toEqual(["a:1", "c:3", "b:5", "new:7"]);
  });
});
