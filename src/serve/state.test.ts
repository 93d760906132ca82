import { describe, expect, it } from "vitest";
import { replaceInPlace } from "./state.js";

describe("replaceInPlace", () => {
  const isB = (x: string) => x.startsWith("b");
  it("puts the new items where the old run stood", () => {
    const list = ["a1", "b1", "b2", "c1"];
    replaceInPlace(list, isB, ["b1", "b2", "b3"]);
    expect(list).toEqual(["a1", "b1", "b2", "b3", "c1"]);
  });
  it("appends a file not there before, and removes one now empty", () => {
    const list = ["a1", "c1"];
    replaceInPlace(list, isB, ["b1"]);
    expect(list).toEqual(["a1", "c1", "b1"]);
    replaceInPlace(list, (x) => x === "a1", []);
    expect(list).toEqual(["c1", "b1"]);
  });
  it("items of one file found apart are all replaced", () => {
    const list = ["b1", "a1", "b2", "c1"];
    replaceInPlace(list, isB, ["b9"]);
    expect(list).toEqual(["a1", "c1", "b9"]);
  });
});
