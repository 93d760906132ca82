import { describe, expect, it } from "vitest";
import { loadRepo } from "../pipeline/load.js";
import { DEMO_SCHOOL } from "../../test/helpers/temp-repo.js";
import { FileIndex } from "./file-index.js";
import { myPage } from "./my-data.js";
import { MyPageMemo } from "./my-page-memo.js";

const TODAY = "2026-04-20";

describe("MyPageMemo", () => {
  const repo = loadRepo(DEMO_SCHOOL);
  const dataset = repo.dataset!;
  const scheme = repo.scheme!;

  it("gives the kept page while nothing it was built from changed, and myPage's page", () => {
    const memo = new MyPageMemo();
    const index = FileIndex.of(repo);
    const first = memo.page(dataset, scheme, "t16", TODAY, "zh", index);
    expect(first).toEqual(myPage(dataset, scheme, "t16", TODAY, "zh"));
    expect(memo.page(dataset, scheme, "t16", TODAY, "zh", index)).toBe(first);
    // Another day or language is another page.
    expect(memo.page(dataset, scheme, "t16", "2026-04-21", "zh", index)).not.toBe(first);
    expect(memo.page(dataset, scheme, "t16", TODAY, "en", index)).toEqual(myPage(dataset, scheme, "t16", TODAY, "en"));
    expect(memo.size).toBe(3);
  });

  it("builds again once the teacher's file is replaced in the index, and not for another teacher", () => {
    const memo = new MyPageMemo();
    const index = FileIndex.of(repo);
    const t16 = memo.page(dataset, scheme, "t16", TODAY, "zh", index);
    const t01 = memo.page(dataset, scheme, "t01", TODAY, "zh", index);
    const file = "records/2025-2026-2/t16.yaml";
    index.replace(file, index.get(file));
    const again = memo.page(dataset, scheme, "t16", TODAY, "zh", index);
    expect(again).not.toBe(t16);
    expect(again).toEqual(t16);
    expect(memo.page(dataset, scheme, "t01", TODAY, "zh", index)).toBe(t01);
    // A new load (a new index) builds every page again.
    expect(memo.page(dataset, scheme, "t01", TODAY, "zh", FileIndex.of(repo))).not.toBe(t01);
  });

  it("keeps at most its limit, dropping the page used longest ago; nothing without an index", () => {
    const memo = new MyPageMemo(2);
    const index = FileIndex.of(repo);
    const t01 = memo.page(dataset, scheme, "t01", TODAY, "zh", index);
    memo.page(dataset, scheme, "t02", TODAY, "zh", index);
    expect(memo.page(dataset, scheme, "t01", TODAY, "zh", index)).toBe(t01);
    const t03 = memo.page(dataset, scheme, "t03", TODAY, "zh", index);
    expect(memo.size).toBe(2);
    expect(memo.page(dataset, scheme, "t01", TODAY, "zh", index)).toBe(t01);
    expect(memo.page(dataset, scheme, "t03", TODAY, "zh", index)).toBe(t03);
    memo.page(dataset, scheme, "t04", TODAY, "zh", undefined);
    expect(memo.size).toBe(2);
  });
});
