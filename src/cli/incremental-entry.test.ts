import { describe, expect, it } from "vitest";
import { FileKeys } from "../checks/file-keys.js";
import { keepKeys, keepTable, keysKept, tableKept } from "./incremental-entry.js";

describe("the incremental entry's compact parts", () => {
  it("gives the table of files back as it was, through JSON, ctime null included", () => {
    const table = {
      paths: ["records/t1.yaml", "roster.yaml"],
      numbers: [0, 120, 1_765_000_000_123.456, 1_765_000_000_999.5, 9_007_199_254_740_991, 1, 7, 1.5, null, 3],
      racy: { "roster.yaml": "abc" },
    };
    const back = tableKept(JSON.parse(JSON.stringify(keepTable(table))));
    expect(back).toEqual(table);
    expect(back!.numbers[8]).toBeNull();
  });

  it("gives the keys back as they were, through JSON", () => {
    const keys = FileKeys.from([["a", [1, 1_073_741_823]], ["b", []], ["c", [0]]]);
    const back = keysKept(JSON.parse(JSON.stringify(keepKeys(keys))))!;
    expect(back.files).toEqual(["a", "b", "c"]);
    expect(["a", "b", "c"].map((f) => back.get(f))).toEqual([[1, 1_073_741_823], [], [0]]);
  });

  it("reads nothing from a part cut short or malformed", () => {
    const kept = keepTable({ paths: ["a"], numbers: [0, 1, 2, 3, 4], racy: {} });
    expect(tableKept({ ...kept, numbers: kept.numbers.slice(0, 8) })).toBeUndefined(); // 6 bytes: not whole numbers
    expect(tableKept({ ...kept, paths: ["a", "b"] })).toBeUndefined(); // numbers for one file, two paths
    expect(tableKept({ ...kept, numbers: 5 })).toBeUndefined();
    expect(tableKept(null)).toBeUndefined();
    const keys = keepKeys(FileKeys.from([["a", [1, 2]]]));
    expect(keysKept({ ...keys, files: ["a", "b"] })).toBeUndefined();
    expect(keysKept({ ...keys, hashes: Buffer.from([1, 0, 0, 0]).toString("base64") })).toBeUndefined(); // offsets past the end
    expect(keysKept({ ...keys, offsets: "AAA" })).toBeUndefined();
  });
});
