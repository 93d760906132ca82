import { afterEach, describe, expect, it } from "vitest";
import { copyDemoSchool, removeDir } from "../../test/helpers/temp-repo.js";
import { RepoState, replaceInPlace } from "./state.js";

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

describe("RepoState's afterLoad", () => {
  let dir: string | undefined;
  afterEach(() => { if (dir) removeDir(dir); });

  it("is called after each load of the school, with the school loaded, and not for a page answered from the loaded one", () => {
    dir = copyDemoSchool();
    const seen: number[] = [];
    const state: RepoState = new RepoState(dir, "zh", () => { seen.push(state.current().files.length); });
    expect(seen).toEqual([]);
    const first = state.current();
    expect(seen).toEqual([first.files.length]);
    expect(first.files.length).toBeGreaterThan(0);
    expect(state.current()).toBe(first);
    expect(seen).toHaveLength(1);
    state.markStale();
    expect(state.current()).not.toBe(first);
    expect(seen).toHaveLength(2);
  });
});
