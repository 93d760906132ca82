import { createRequire } from "node:module";
import { Chalk } from "chalk";
import Table from "cli-table3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Align, renderTable } from "./table.js";

const red = new Chalk({ level: 1 }).red;
const green = new Chalk({ level: 1 }).green;
const B = "\u001b[1m";
const b = "\u001b[22m";

describe("renderTable", () => {
  it("draws boxes around CJK text with one space of padding, a CJK character two columns wide", () => {
    expect(renderTable([["张丽", "8"]], { head: ["教师", "合计"] })).toBe(
      ["┌──────┬──────┐", "│ 教师 │ 合计 │", "├──────┼──────┤", "│ 张丽 │ 8    │", "└──────┴──────┘"].join("\n"),
    );
  });

  it("gives a multi-line cell's row its height and leaves the other cells blank below", () => {
    expect(renderTable([["a", "x\nyy"]])).toBe(["┌───┬────┐", "│ a │ x  │", "│   │ yy │", "└───┴────┘"].join("\n"));
  });

  it("does not count colour codes, and closes and reopens a colour across a cell's lines", () => {
    expect(renderTable([[red("ab"), "c"]])).toBe(["┌────┬───┐", "│ \u001b[31mab\u001b[39m │ c │", "└────┴───┘"].join("\n"));
    expect(renderTable([["\u001b[31mab\ncd\u001b[39m"]])).toBe(
      ["┌────┐", "│ \u001b[31mab\u001b[39m │", "│ \u001b[31mcd\u001b[39m │", "└────┘"].join("\n"),
    );
  });

  it("aligns right and centre, and makes an empty column two wide: its padding", () => {
    expect(renderTable([["1", "", "x"], ["100", "", "xxxx"]], { colAligns: ["right", "left", "center"] })).toBe(
      ["┌─────┬──┬──────┐", "│   1 │  │  x   │", "├─────┼──┼──────┤", "│ 100 │  │ xxxx │", "└─────┴──┴──────┘"].join("\n"),
    );
  });

  it("puts the header in bold, padding included, only when asked", () => {
    expect(renderTable([["1"]], { head: ["ab"], boldHead: true }).split("\n")[1]).toBe(`│${B} ab ${b}│`);
    expect(renderTable([["1"]], { head: ["ab"] }).split("\n")[1]).toBe("│ ab │");
  });

  it("draws a header with no rows, and nothing at all for no rows and no header", () => {
    expect(renderTable([], { head: ["a"] })).toBe(["┌───┐", "│ a │", "└───┘"].join("\n"));
    expect(renderTable([])).toBe("");
  });

  it("refuses a row with the wrong number of cells", () => {
    expect(() => renderTable([["a"]], { head: ["a", "b"] })).toThrow("table row 1 has 1 cells, expected 2");
  });
});

// --- The same output as cli-table3 0.6.5, configured as score-terminal.ts configured it. --------

// cli-table3 styles the header through @colors/colors, which decides from the environment
// whether to colour; we ask for bold only when yanxiu colours, so compare with it switched on.
createRequire(createRequire(import.meta.url).resolve("cli-table3"))("@colors/colors/safe").enable();

function viaCliTable3(rows: string[][], head: string[], bold: boolean, colAligns?: Align[]): string {
  const t = new Table({ head, style: { head: bold ? ["bold"] : [], border: [], compact: false }, ...(colAligns ? { colAligns } : {}) });
  for (const r of rows) t.push(r);
  return t.toString();
}

const cases: { name: string; head: string[]; rows: string[][]; colAligns?: Align[] }[] = [
  { name: "CJK", head: ["教师", "教研组", "教学反思", "合计"], rows: [["张丽 (t01)", "数学组,语文组", "8 (10)", "11"], ["欧阳·明月 (t02)", "", "0", "3"]] },
  { name: "fullwidth punctuation", head: ["要求"], rows: [["全年 10 学时(2025-2026,至今) 差 7;观课:超 1"]] },
  { name: "multi-line", head: ["a", "b", "c"], rows: [["1\n2\n3", "x", "y\nz"], ["", "p\nq", ""]] },
  { name: "empty cells", head: ["", "b", ""], rows: [["", "", ""], ["", "x", ""]] },
  { name: "numbers, right-aligned", head: ["n", "x"], rows: [["1", "2.5"], ["1000", "33.33"], ["7", "0"]], colAligns: ["right", "right"] },
  { name: "centred", head: ["标题", "x"], rows: [["a", "bbbbbb"], ["长一些的文字", "c"]], colAligns: ["center", "left"] },
  { name: "chalk colours", head: ["等级", "未达标"], rows: [[green("合格"), ""], [red("不合格"), red("全年 差 7\n观课 差 13\n业务 差 11")]] },
  {
    name: "raw codes across lines",
    head: ["x", "y"],
    rows: [
      ["\u001b[1m\u001b[4mbold\nstill\u001b[24m\nend\u001b[22m", "\u001b[41m\u001b[33mbg\nfg\u001b[0m\nplain"],
      ["\u001b[38;5;200mextended\ncolour", "\u001b[2mdim\nx\u001b[22m"],
      ["\u001b[mreset\u001b[7m\ninverse", "\u001b[;31modd\nx"],
    ],
  },
  { name: "header with codes", head: [`a${B}b${b}c`, red("h")], rows: [["1", "2"]] },
  { name: "a single row", head: ["教师"], rows: [["张丽"]] },
  { name: "header only", head: ["a", "b"], rows: [] },
  { name: "no header", head: [], rows: [["a", "bb"], ["ccc", "d"]] },
  {
    name: "many rows",
    head: ["教师", "合计", "未达标"],
    rows: Array.from({ length: 400 }, (_, i) => [`教师${i} (t${i})`, String(i * 1.5), i % 3 ? "" : red(`全年 差 ${i}\n观课 差 ${i % 7}`)]),
    colAligns: ["left", "right", "left"],
  },
];

describe("renderTable gives cli-table3's output byte for byte", () => {
  for (const c of cases) {
    for (const bold of [false, true]) {
      it(`${c.name}${bold ? ", bold header" : ""}`, () => {
        expect(renderTable(c.rows, { head: c.head, boldHead: bold, colAligns: c.colAligns })).toBe(viaCliTable3(c.rows, c.head, bold, c.colAligns));
      });
    }
  }

  it("on generated tables of CJK, ASCII, fullwidth punctuation, colours and line breaks", () => {
    const piece = fc.oneof(
      fc.constantFrom("张", "欧阳", "教研组", "学时", ",", "(", ")", ":", ";", "·", "—", " ", "a", "Zz", "12", "3.5", "%", "/", "\n"),
      fc.constantFrom("红", "x", "差 3", "达标\n超 1").map((s) => red(s)),
      fc.constantFrom("合格", "ok").map((s) => green(s)),
    );
    const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(""));
    const table = fc.integer({ min: 1, max: 5 }).chain((cols) =>
      fc.record({
        head: fc.array(text, { minLength: cols, maxLength: cols }),
        rows: fc.array(fc.array(text, { minLength: cols, maxLength: cols }), { maxLength: 6 }),
        colAligns: fc.array(fc.constantFrom<Align>("left", "right", "center"), { minLength: cols, maxLength: cols }),
        bold: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(table, ({ head, rows, colAligns, bold }) => {
        expect(renderTable(rows, { head, boldHead: bold, colAligns })).toBe(viaCliTable3(rows, head, bold, colAligns));
      }),
      { numRuns: 1000 },
    );
  });
});
