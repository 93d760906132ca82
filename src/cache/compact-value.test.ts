import { describe, expect, it } from "vitest";
import { compactItems, compactListAgain, compactValue, expandValue, type Compact } from "./compact-value.js";

/** Through JSON, as an entry keeps it. */
const roundTrip = (v: unknown) => expandValue(JSON.parse(JSON.stringify(compactValue(v))) as Compact);

describe("compactValue / expandValue", () => {
  it("give back the very value: key order, undefined, -0, NaN, nesting", () => {
    const value = {
      b: 1, a: "两", z: [1, "x", [2, [3]], { y: undefined, x: null }], neg: -0, nan: Number.NaN, inf: -Infinity,
      t: true, f: false, empty: {}, none: [], long: 0.1 + 0.2, big: 1e21, tiny: 5e-324,
    };
    const back = roundTrip(value) as typeof value;
    expect(Object.keys(back)).toEqual(Object.keys(value));
    expect(Object.keys(back.z[3] as object)).toEqual(["y", "x"]);
    expect("y" in (back.z[3] as object)).toBe(true);
    expect(Object.is(back.neg, -0)).toBe(true);
    expect(back).toStrictEqual(value);
  });

  it("keeps each repeated string and shape once", () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ teacher: "t0001", title: "师德学习笔记", amount: i }));
    const c = compactValue(rows);
    expect(c.shapes).toEqual([["teacher", "title", "amount"]]);
    expect(c.strings).toEqual(["t0001", "师德学习笔记"]);
    expect(roundTrip(rows)).toStrictEqual(rows);
  });

  it("refuses what it cannot give back, and a corrupt compact value", () => {
    expect(() => compactValue({ m: new Map() })).toThrow(/plain object/);
    expect(() => compactValue({ f: () => 1 })).toThrow(/function/);
    expect(() => expandValue({ shapes: [], strings: [], value: 3 })).toThrow(/string/);
    expect(() => expandValue({ shapes: [["a"]], strings: [], value: [0, "1", "2"] })).toThrow(/shape/);
    expect(() => expandValue({ shapes: [], strings: [], value: "abc" })).toThrow(/number/);
    expect(() => expandValue({ shapes: [], strings: [], value: { a: 1 } })).toThrow();
  });

  it("compacts a list again keeping the unchanged items' compacted forms, adding only new shapes and strings", () => {
    const before = [{ t: "t01", total: 10 }, { t: "t02", total: 20, note: "新" }, { t: "t03", total: 30 }];
    const last = JSON.parse(JSON.stringify(compactValue(before))) as Compact;
    const items = compactItems(last)!;
    expect(items).toHaveLength(3);
    const after = [before[0], { t: "t02", total: 25, extra: ["两"] }, before[2]];
    const again = compactListAgain(after, last, (i) => (i === 1 ? undefined : items[i]));
    expect(again.shapes.slice(0, last.shapes.length)).toEqual(last.shapes);
    expect(again.strings.slice(0, last.strings.length)).toEqual(last.strings);
    expect(again.strings.slice(last.strings.length)).toEqual(["两"]);
    expect((again.value as unknown[])[1]).toBe(items[0]);
    expect(expandValue(JSON.parse(JSON.stringify(again)) as Compact)).toStrictEqual(after);
    expect(compactItems({ shapes: [], strings: [], value: [0] })).toBeUndefined();
  });
});
