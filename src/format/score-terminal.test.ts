import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { buildGroupTable, buildSchoolRow } from "../reports/group-table.js";
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
const groups = [{ id: "math", name: "数学组", type: "教研组" }];
const d = dataset(
  [teacher("t01", [], ["math"], "张丽"), teacher("t02", [], ["math"], "欧阳明月")],
  [act("t01", "2015-10-01", "reflection", { count: 10 }), act("t01", "2015-10-02", "talk"), act("t02", "2015-10-01", "talk")],
  groups,
);
const result = scoreDataset(d, scheme, YEAR);
const render = (lang: "zh" | "en", o: { colour?: boolean; teacher?: string; wide?: boolean; width?: number } = {}) =>
  renderScore(
    buildTeacherTable(result, lang, { teacher: o.teacher }, "测试小学"),
    o.teacher ? [] : buildGroupTable(result, d.roster.groups, lang),
    { lang, colour: o.colour, detail: Boolean(o.teacher), wide: o.wide, width: o.width, groups },
    o.teacher ? undefined : buildSchoolRow(result, lang),
  );

const widest = (out: string) => Math.max(...out.split("\n").map((l) => stringWidth(l)));

describe("score terminal", () => {
  it("Chinese by default: names, group names, right-aligned numbers, one line a teacher", () => {
    const out = render("zh");
    expect(out).toContain("测试小学 · 校本研修 · 学年 2015-2016(2015-09-01 至 2016-08-31) · 单位:学时");
    // no categories: the top-level items are the columns. t01: 10 reflections capped at 8, talk 3, total 11 → 合格
    expect(out).toContain("教师      编号  教研组  教学反思  专题讲座  合计  等级    未达标\n");
    expect(out).toMatch(/^张丽      t01   数学组         8         3    11  合格$/m);
    // t02: 3, short by 7
    expect(out).toMatch(/^欧阳明月  t02   数学组         0         3     3  不合格  全年 10 学时 差 7$/m);
    // group: 2 members, average (11 + 3) / 2 = 7, 1 of 2 met = 50%; the 全校 row the same
    expect(out).toMatch(/^数学组     2     7     1     50%  欧阳明月: 全年 10 学时 差 7$/m);
    expect(out).toMatch(/^全校       2     7     1     50%$/m);
  });

  it("--wide: every item, the raw value before the cap in brackets", () => {
    const out = render("zh", { wide: true });
    expect(out).toMatch(/^张丽      t01   数学组    8 \(10\)         3    11  合格$/m);
  });

  it("fits the width: the unmet text wraps under its column, nothing wider than asked", () => {
    const out = render("zh", { width: 50 });
    expect(widest(out)).toBeLessThanOrEqual(50);
    const narrow = render("en", { width: 60 });
    expect(widest(narrow)).toBeLessThanOrEqual(60);
  });

  it("English with lang en", () => {
    const out = render("en");
    expect(out).toContain("Teacher");
    expect(out).toContain("10 hours a year short by 7");
    expect(out).not.toMatch(/教师|合计/);
  });

  it("colour only when asked", () => {
    expect(render("zh")).not.toContain("\u001b[");
    expect(render("zh", { colour: true })).toContain("\u001b[");
  });

  it("is deterministic", () => {
    expect(render("zh")).toBe(render("zh"));
  });

  it("one teacher in detail", () => {
    const out = render("zh", { teacher: "t01" });
    expect(out).toContain("张丽(t01)  教研组:数学组");
    expect(out).toMatch(/│ 教学反思\s+│\s+10 │\s+8 │\s+8 │/);
    expect(out).toContain("合计 11 学时,等级:合格");
  });

  it("formats numbers without float noise", () => {
    expect([fmtNum(3), fmtNum(3.5), fmtNum(10 / 3), fmtNum(0.1 + 0.2)]).toEqual(["3", "3.5", "3.33", "0.3"]);
  });
});
