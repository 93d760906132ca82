import { describe, expect, it } from "vitest";
import type { Roster } from "../model.js";
import { readField } from "./fields.js";

const roster: Roster = {
  file: "roster.yaml",
  teachers: [
    { id: "t01", name: "黄敏斌", groups: ["chinese"], emails: [], roles: [], line: 1 },
    { id: "t07", name: "李娜", groups: ["chinese"], emails: [], roles: [], line: 2 },
    { id: "t12", name: "李娜", groups: ["math"], emails: [], roles: [], line: 3 },
  ],
  groups: [{ id: "chinese", name: "语文组", type: "教研组" }, { id: "math", name: "数学组", type: "教研组" }],
};
const ctx = { roster, today: "2026-04-20", lang: "zh" as const };

describe("readField: a value of add as typed, flag or prompt", () => {
  it.each([
    ["date", "2026年4月9日", "2026-04-09"],
    ["date", "４月９日", "2026-04-09"],
    ["date", "12-20", "2025-12-20"], // after today: last year's
    ["teacher", "黄敏斌", "t01"],
    ["lead", "ｔ０７", "t07"],
    ["group", "语文教研组", "chinese"],
    ["count", "１２", "12"],
    ["hours", " 1.5 ", "1.5"],
    ["title", " 《春》教学反思 ", "《春》教学反思"],
    ["notes", "任何文字", "任何文字"],
  ])("%s %s → %s", (field, text, value) => {
    expect(readField(field, text, ctx)).toEqual({ ok: true, value });
  });

  it("says what is wrong, naming the flag when the value came from one", () => {
    expect(readField("date", "2026-02-30", ctx)).toEqual({ ok: false, message: "日期不存在:2026-02-30(检查月份和日子,比如 2 月没有 30 日)" });
    expect(readField("count", "十二", ctx, "--count")).toEqual({ ok: false, message: "--count 应为数字,而不是「十二」" });
    expect(readField("count", "十二", { ...ctx, lang: "en" })).toEqual({ ok: false, message: "must be a number, not '十二'" });
    expect(readField("teacher", "李娜", ctx, "--teacher")).toEqual({ ok: false, message: "名册里有 2 位教师叫「李娜」:t07(李娜,语文组)、t12(李娜,数学组);请用编号,比如 --teacher t07" });
    expect(readField("title", "  ", ctx)).toEqual({ ok: false, message: "标题不能为空" });
  });

  it("a kind's label is read as its id; an unknown kind is left for check to name", () => {
    const kinds = new Map([["reflection", { id: "reflection", label: "教学反思", labelEn: "teaching reflection", fields: [] }]]);
    const scheme = { kinds } as never;
    expect(readField("kind", "教学反思", { ...ctx, scheme })).toEqual({ ok: true, value: "reflection" });
    expect(readField("kind", "reflexion", { ...ctx, scheme })).toEqual({ ok: true, value: "reflexion" });
  });
});
