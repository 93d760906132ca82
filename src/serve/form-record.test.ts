import { describe, expect, it } from "vitest";
import type { Config } from "../model.js";
import type { KindDef } from "../rules/types.js";
import { msg, render } from "../messages/index.js";
import { asOnTheForm, recordFromForm } from "./form-record.js";

const TODAY = "2026-07-10";
const config: Config = {
  file: "yanxiu.yaml", school: "测试学校", lang: "zh", rules: [], checks: {},
  years: [{ id: "2025-2026", name: "2025-2026", start: "2025-09-01", end: "2026-08-31", terms: [{ id: "2025-2026-2", name: "2026春", start: "2026-02-20", end: "2026-07-15", year: "2025-2026" }] }],
};
const observation: KindDef = { id: "observation", label: "听课", labelEn: "observation", fields: ["count"] };
const form = (values: Record<string, string>) => recordFromForm({ title: "听课记录", ...values }, observation, config, [], "zh", TODAY);

describe("recordFromForm: what a teacher types into the add form", () => {
  it("reads dates as `yanxiu add` does (a phone without a date picker sends what was typed)", () => {
    for (const typed of ["2026年7月1日", "2026/7/1", "２０２６－０７－０１", " 2026-07-01 ", "2026.7.1"]) {
      const r = form({ date: typed, count: "3" });
      expect(r.errors, typed).toEqual({});
      expect(r.item?.date, typed).toBe("2026-07-01");
      expect(r.term?.id, typed).toBe("2025-2026-2");
    }
  });

  it("says what is wrong with a date: not readable, not a day, after today, outside every term", () => {
    expect(form({ date: "七月一日" }).errors.date).toEqual(["看不懂的日期「七月一日」:请选择日期,或写成 2026-07-01"]);
    // Without its year a date is not guessed: a server a day ahead would file "7月11日" a year early.
    expect(form({ date: "7月1日" }).errors.date).toEqual(["请写上年份:「7月1日」是 2026-07-01 吗?"]);
    expect(form({ date: "7月11日" }).errors.date).toEqual(["请写上年份:「7月11日」是 2025-07-11 吗?"]);
    expect(form({ date: "" }).errors.date).toEqual(["请选择日期"]);
    expect(form({ date: "2026-02-30" }).errors.date).toEqual(["日期不存在:2026-02-30"]);
    // After today and after the term's end: the date is in the future, which is what to fix.
    expect(form({ date: "2026-07-20" }).errors.date).toEqual(["日期 2026-07-20 在今天(2026-07-10)之后(活动结束后再记录,或改正日期)"]);
    expect(form({ date: "2026-07-12" }).errors.date).toEqual(["日期 2026-07-12 在今天(2026-07-10)之后(活动结束后再记录,或改正日期)"]);
    expect(form({ date: "2025-08-15" }).errors.date).toEqual(["日期 2025-08-15 不在任何学期之内"]);
  });

  it("takes full-width digits as numbers and says a negative number is one", () => {
    expect(form({ date: "2026-07-01", count: "３" }).item?.count).toBe(3);
    expect(form({ date: "2026-07-01", count: "-3" }).errors.count).toEqual(["不能是负数:「-3」"]);
    expect(form({ date: "2026-07-01", count: "三" }).errors.count).toEqual(["应为数字,而不是「三」"]);
  });
});

describe("asOnTheForm: check's messages in the words of the form", () => {
  it("names the field by its label and the value as typed, in Chinese", () => {
    const tooBig = msg("field-range", { field: "count", bound: "at-most", limit: "10000", actual: "number 100000" });
    expect(render(tooBig, "zh")).toBe("「count」应不大于 10000,实际是 number 100000");
    expect(render(asOnTheForm(tooBig, "zh"), "zh")).toBe("「数量(节/次)」应不大于 10000,实际是 100000");
    expect(render(asOnTheForm(msg("field-type", { field: "count", expected: "int", actual: "number 2.5" }), "zh"), "zh")).toBe("「数量(节/次)」应为整数,实际是 2.5");
    expect(render(asOnTheForm(msg("field-type", { field: "hours", expected: "number", actual: 'string "两"' }), "zh"), "zh")).toBe("「学时」应为数字,实际是 「两」");
  });

  it("keeps the field's key in English, drops the type word, and leaves a message without data alone", () => {
    const tooBig = msg("field-range", { field: "count", bound: "at-most", limit: "10000", actual: "number 100000" });
    expect(render(asOnTheForm(tooBig, "en"), "en")).toBe("'count' must be at most 10000, not 100000");
    const en = recordFromForm({ title: "x", date: "2026-07-20" }, observation, config, [], "en", TODAY);
    expect(en.errors.date).toEqual(["the date 2026-07-20 is after today (2026-07-10) (record it after it has happened, or correct the date)"]);
    const bare = msg("future-date.hint");
    expect(asOnTheForm(bare, "zh")).toBe(bare);
  });
});
