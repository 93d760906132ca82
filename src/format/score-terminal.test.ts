import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { buildGroupTable } from "../reports/group-table.js";
import { buildTeacherTable } from "../reports/teacher-table.js";
import { scoreDataset } from "../score/evaluate.js";
import { act, dataset, schemeOf, teacher } from "../score/fixture.js";
import { fmtNum, renderScore } from "./score-terminal.js";

const scheme = schemeOf(`
kinds: [{ id: reflection }, { id: talk }]
items:
  - { id: reflection, label: 教学反思, labelEn: reflections, kinds: [reflection], each: 1, cap: 8 }
  - { id: talk, label: 专题讲座, labelEn: talks, kinds: [talk], each: 3 }
requirements:
  - { id: total, label: 全年 10 学时, labelEn: 10 hours a year, total: true, minimum: 10 }
grades:
  - { id: pass, label: 合格, labelEn: pass, allRequirements: true }
`);
const YEAR = { type: "year" as const, id: "2015-2016", start: "2015-09-01", end: "2016-08-31" };
const d = dataset(
  [teacher("t01", [], ["math"], "张丽"), teacher("t02", [], ["math"], "欧阳明月")],
  [act("t01", "2015-10-01", "reflection", { count: 10 }), act("t01", "2015-10-02", "talk"), act("t02", "2015-10-01", "talk")],
  [{ id: "math", name: "数学组", type: "教研组" }],
);
const result = scoreDataset(d, scheme, YEAR);
const render = (lang: "zh" | "en", colour = false, teacherId?: string) =>
  renderScore(buildTeacherTable(result, lang, { teacher: teacherId }, "测试小学"), teacherId ? [] : buildGroupTable(result, d.roster.groups, lang), { lang, colour, detail: Boolean(teacherId) });

/** Lines of each box-drawn table must all have the same display width. */
function tableWidths(out: string): number[][] {
  const blocks: number[][] = [];
  let cur: number[] | undefined;
  for (const line of out.split("\n")) {
    if (line.startsWith("┌")) blocks.push((cur = []));
    if (cur && /^[┌│├└]/.test(line)) cur.push(stringWidth(line));
    if (line.startsWith("└")) cur = undefined;
  }
  return blocks;
}

describe("score terminal", () => {
  it("Chinese headers by default, with the capped value and its raw in brackets", () => {
    const out = render("zh");
    expect(out).toContain("测试小学 · 校本研修 · 学年 2015-2016(2015-09-01 至 2016-08-31) · 单位:学时");
    expect(out).toContain("│ 教师");
    expect(out).toContain("教学反思");
    // t01: 10 reflections capped at 8, "8 (10)"; total 8 + 3 = 11 ≥ 10 → 合格
    expect(out).toMatch(/│ 张丽 \(t01\)\s+│ math\s+│ 8 \(10\)\s+│ 3\s+│ 11\s+│ 合格/);
    // t02: 3, short by 7
    expect(out).toContain("全年 10 学时 差 7");
    // group: 2 members, average (11 + 3) / 2 = 7, 1 of 2 met = 50%
    expect(out).toMatch(/│ 数学组 \(math\)\s+│ 2\s+│ 7\s+│ 1\/2\s+│ 50%/);
  });

  it("English with lang en", () => {
    const out = render("en");
    expect(out).toContain("│ Teacher");
    expect(out).toContain("10 hours a year short by 7");
    expect(out).not.toMatch(/教师|合计/);
  });

  it("aligns CJK text: every line of a table has the same display width", () => {
    for (const lang of ["zh", "en"] as const) {
      for (const widths of tableWidths(render(lang))) expect(new Set(widths).size).toBe(1);
    }
    for (const widths of tableWidths(render("zh", false, "t02"))) expect(new Set(widths).size).toBe(1);
  });

  it("colour only when asked", () => {
    expect(render("zh")).not.toContain("\u001b[");
    expect(render("zh", true)).toContain("\u001b[");
  });

  it("is deterministic", () => {
    expect(render("zh")).toBe(render("zh"));
  });

  it("one teacher in detail", () => {
    const out = render("zh", false, "t01");
    expect(out).toContain("张丽(t01)");
    expect(out).toMatch(/│ 教学反思\s+│ 10\s+│ 8\s+│ 8\s+│/);
    expect(out).toContain("合计 11 学时,等级:合格");
  });

  it("formats numbers without float noise", () => {
    expect([fmtNum(3), fmtNum(3.5), fmtNum(10 / 3), fmtNum(0.1 + 0.2)]).toEqual(["3", "3.5", "3.33", "0.3"]);
  });
});
