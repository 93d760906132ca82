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

describe("replaceInPlace with the old items known", () => {
  it("finds them by identity", () => {
    const a = { f: "a" }, b1 = { f: "b" }, b2 = { f: "b" }, c = { f: "c" }, n = { f: "b" };
    const list = [a, b1, b2, c];
    replaceInPlace(list, (x) => x.f === "b", [n], [b1, b2]);
    expect(list).toEqual([a, n, c]);
    expect(list[1]).toBe(n);
  });
  it("items known but no longer there: found by scanning", () => {
    const a = { f: "a" }, b1 = { f: "b" }, gone = { f: "b" }, n = { f: "b" };
    const list = [a, b1];
    replaceInPlace(list, (x) => x.f === "b", [n], [gone]);
    expect(list).toEqual([a, n]);
    expect(list[1]).toBe(n);
  });
});
