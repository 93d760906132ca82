import { describe, expect, it } from "vitest";
import { foldTitle } from "./title-fold.js";

describe("foldTitle", () => {
  it("folds what a reader cannot see or tell apart", () => {
    expect(foldTitle("聽課<<荷塘月色>>")).toBe("听课《荷塘月色》");
    expect(foldTitle("\u202e听\u200b课\u2060《荷塘月色》\ufeff")).toBe("听课《荷塘月色》");
    expect(foldTitle("ＡＢＣ 听课\u3000一")).toBe("abc听课一");
    expect(foldTitle("“引号”")).toBe('"引号"');
  });
  it("converts by phrase, not only by character (乾淨 → 干净, 乾坤 stays)", () => {
    expect(foldTitle("乾淨")).toBe("干净");
    expect(foldTitle("乾坤")).toBe("乾坤");
    expect(foldTitle("頭髮")).toBe("头发");
  });
  it("keeps what differs", () => {
    expect(foldTitle("读《教育漫话》")).not.toBe(foldTitle("读《爱的教育》"));
    expect(foldTitle("第1课")).not.toBe(foldTitle("第2课"));
  });
});
