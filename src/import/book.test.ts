import { describe, expect, it } from "vitest";
import { csvBook, csvOut } from "./book.js";

describe("CSV sheets", () => {
  it("a formula-like cell goes out guarded ('=…) and comes back as typed; numbers stay numbers; line breaks survive", () => {
    const text = csvOut({ name: "研修记录", header: ["名称", "学时", "证明材料"], rows: [["=HYPERLINK(\"x\")", 1.5, "evidence/t01/a.pdf\nevidence/t01/b.pdf"], ["-负数开头", undefined, "'不是保护"]] });
    expect(text).toBe('\uFEFF名称,学时,证明材料\r\n"\'=HYPERLINK(""x"")",1.5,"evidence/t01/a.pdf\nevidence/t01/b.pdf"\r\n\'-负数开头,,\'不是保护\r\n');
    const [sheet] = csvBook(text);
    expect(sheet!.sheet.header).toEqual(["名称", "学时", "证明材料"]);
    expect(sheet!.sheet.rows).toEqual([
      { row: 2, cells: ["=HYPERLINK(\"x\")", "1.5", "evidence/t01/a.pdf\nevidence/t01/b.pdf"] },
      { row: 3, cells: ["-负数开头", "", "'不是保护"] },
    ]);
  });
});
