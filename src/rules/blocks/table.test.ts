import { describe, expect, it } from "vitest";
import { lookupTable, normalizeKey, normalizeTable } from "./table.js";
import type { TableDim } from "../types.js";

// 新田 papers: 区级 published or 1st/2nd/3rd 5/4/3, 市级 7/6/5, 省级及以上 10 each.
const by: TableDim[] = ["level", "award"];
const raw = {
  区级: { 发表: 5, 一等奖: 5, second: 4, 三等: 3 },
  city: { published: 7, first: 7, second: 6, third: 5 },
  "province+": 10,
};

describe("table", () => {
  const { values, issues } = normalizeTable(by, raw);
  it("normalises Chinese keys", () => {
    expect(issues).toEqual([]);
    expect(values).toEqual({
      district: { published: 5, first: 5, second: 4, third: 3 },
      city: { published: 7, first: 7, second: 6, third: 5 },
      "province+": 10,
    });
  });
  it("looks up level × award", () => {
    expect(lookupTable(by, values, { level: "district", award: "second" })).toBe(4);
    expect(lookupTable(by, values, { level: "city", award: "third" })).toBe(5);
  });
  it("province+ covers province and national whatever the award", () => {
    expect(lookupTable(by, values, { level: "province", award: "third" })).toBe(10);
    expect(lookupTable(by, values, { level: "national" })).toBe(10);
  });
  it("no entry: undefined", () => {
    expect(lookupTable(by, values, { level: "school", award: "first" })).toBeUndefined();
    expect(lookupTable(by, values, { level: "city" })).toBeUndefined();
  });
  it("default catches the rest", () => {
    const t = normalizeTable(["role"], { 主备: 4, default: 3 }).values;
    expect(lookupTable(["role"], t, { role: "main-preparer" })).toBe(4);
    expect(lookupTable(["role"], t, { role: "participant" })).toBe(3);
    expect(lookupTable(["role"], t, {})).toBe(3);
  });
  it("reports unknown keys and too deep nesting", () => {
    const r = normalizeTable(by, { distrct: { first: 1 }, city: { first: { x: 1 } } });
    expect(r.issues.map((i) => [i.kind, i.path.join(".")])).toEqual([
      ["unknown-key", "distrct"],
      ["too-deep", "city.first"],
    ]);
    expect(normalizeKey("level", "省级及以上")).toEqual({ key: "province+" });
  });
});
