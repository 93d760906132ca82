/**
 * Requirements over calendar windows, deadlines, follow-ups, make-ups and record filters.
 * Calendar of the fixture: autumn 2015-09-01 (a Tuesday) … 2016-01-31; spring 2016-02-01 … 08-31.
 */
import { describe, expect, it } from "vitest";
import { scoreDataset } from "./evaluate.js";
import { act, dataset, schemeOf, teacher } from "./fixture.js";
import type { Activity } from "../model.js";
import type { Period } from "./types.js";

const AUTUMN: Period = { type: "term", id: "2015-autumn", start: "2015-09-01", end: "2016-01-31" };
const YEAR1: Period = { type: "year", id: "2015-2016", start: "2015-09-01", end: "2016-08-31" };
const KINDS = `kinds:
  - { id: reflection }
  - { id: prep }
  - { id: plan }
  - { id: training }
  - { id: write-up }
  - { id: public-lesson }
  - { id: lesson-plan }
  - { id: study, session: true }
  - { id: make-up }
  - { id: observation, fields: [count] }
  - { id: notes, fields: [words] }
`;
const results = (reqs: string, acts: Activity[], period = AUTUMN) =>
  scoreDataset(dataset([teacher("a")], acts), schemeOf(`${KINDS}requirements:\n${reqs}`), period).teachers[0]!.requirements;
const brief = (rs: { window: string; actual: number; met: boolean }[]) => rs.map((r) => `${r.window} ${r.actual} ${r.met ? "met" : "short"}`);

describe("requirements over calendar windows", () => {
  it("每月写一次教学反思: one a month, Sep … Jan", () => {
    const acts = ["2015-09-10", "2015-10-05", "2015-10-20", "2015-12-01"].map((d) => act("a", d, "reflection"));
    const rs = results("  - { id: monthly, kinds: [reflection], measure: count, minimum: 1, per: month }\n", acts);
    // Sep 1, Oct 2, Nov 0 (short 1), Dec 1, Jan 0 (short 1)
    expect(brief(rs)).toEqual(["2015-09 1 met", "2015-10 2 met", "2015-11 0 short", "2015-12 1 met", "2016-01 0 short"]);
  });
  it("每周二集体备课: only Tuesdays count, once a week", () => {
    // 09-08 is a Tuesday (week 2), 09-10 a Thursday (week 2), 09-15 a Tuesday (week 3)
    const acts = ["2015-09-08", "2015-09-10", "2015-09-15"].map((d) => act("a", d, "prep"));
    const rs = results("  - { id: tuesdays, kinds: [prep], measure: count, minimum: 1, per: week, weekdays: [周二] }\n", acts);
    // week 1 (08-31 … 09-06, from 09-01): 0; week 2: 1 (the Thursday does not count); week 3: 1
    expect(brief(rs.slice(0, 3))).toEqual(["2015-autumn:w01 0 short", "2015-autumn:w02 1 met", "2015-autumn:w03 1 met"]);
    // Monday 08-31 … Sunday 2016-01-31 is 1 + 153 = 154 days: exactly 22 week windows
    expect(rs).toHaveLength(22);
  });
  it("间周一次: once a fortnight", () => {
    const acts = ["2015-09-02", "2015-09-20"].map((d) => act("a", d, "prep"));
    const rs = results("  - { id: fortnightly, kinds: [prep], measure: count, minimum: 1, per: fortnight }\n", acts);
    // f01 = 09-01 … 09-13 (from the Monday 08-31), f02 = 09-14 … 09-27, f03 from 09-28
    expect(brief(rs.slice(0, 3))).toEqual(["2015-autumn:f01 1 met", "2015-autumn:f02 1 met", "2015-autumn:f03 0 short"]);
  });
  it("第2、3、4周进行组内研讨课: weeks 2–4 of the term", () => {
    // week 1 ends 09-06; week 2 is 09-07 … 09-13; week 4 ends 09-27
    const acts = ["2015-09-06", "2015-09-07", "2015-09-27", "2015-09-28"].map((d) => act("a", d, "public-lesson"));
    const rs = results("  - { id: weeks, kinds: [public-lesson], measure: count, minimum: 1, per: term, weeks: [2, 4] }\n", acts);
    expect(brief(rs)).toEqual(["2015-autumn 2 met"]);
  });
});

describe("deadlines", () => {
  const reqs = `  - { id: plan, kinds: [plan], measure: count, minimum: 1, per: term, due: { weeks: 2 } }
  - { id: plan-late, kinds: [plan], measure: late, maximum: 0, per: term, due: { weeks: 2 } }
`;
  it("学期初 (within 2 weeks: by 09-14): a plan on 09-14 is on time", () => {
    const rs = results(reqs, [act("a", "2015-09-14", "plan")]);
    expect(rs.map((r) => [r.id, r.actual, r.met])).toEqual([["plan", 1, true], ["plan-late", 0, true]]);
  });
  it("a plan on 09-17 does not count, and is 3 days late", () => {
    const rs = results(reqs, [act("a", "2015-09-17", "plan")]);
    expect(rs.map((r) => [r.id, r.actual, r.met])).toEqual([["plan", 0, false], ["plan-late", 3, false]]);
  });
  it("12月5日截止: a fixed date in the window", () => {
    const r = "  - { id: paper, kinds: [plan], measure: count, minimum: 1, per: term, due: { date: 12-05 } }\n";
    expect(results(r, [act("a", "2015-12-05", "plan")])[0]!.met).toBe(true);
    expect(results(r, [act("a", "2015-12-06", "plan")])[0]!.met).toBe(false);
  });
});

describe("follow-ups", () => {
  it("三个一 within 30 days after each outside training", () => {
    const r = "  - { id: three, kinds: [write-up], after: { kinds: [training], days: 30 }, maximum: 0, per: term }\n";
    // training 10-01 answered on 10-20; training 11-01 unanswered (the 10-20 write-up is taken)
    const rs = results(r, [act("a", "2015-10-01", "training"), act("a", "2015-10-20", "write-up"), act("a", "2015-11-01", "training")]);
    expect(rs.map((x) => [x.measure, x.actual, x.excess])).toEqual([["unanswered", 1, 1]]);
  });
  it("a lesson plan a week ahead of each public lesson", () => {
    const r = "  - { id: ahead, kinds: [lesson-plan], before: { kinds: [public-lesson], days: 7 }, maximum: 0, per: term }\n";
    // lesson 11-10 with a plan on 11-03 (7 days ahead): fine; lesson 12-10 with a plan on 12-05 (5 days): not
    const acts = [act("a", "2015-11-03", "lesson-plan"), act("a", "2015-11-10", "public-lesson"), act("a", "2015-12-05", "lesson-plan"), act("a", "2015-12-10", "public-lesson")];
    expect(results(r, acts)[0]!.actual).toBe(1);
  });
});

describe("有事请假后要补上", () => {
  const leave = (d: string) => act("a", d, "study", { attendance: "excused" });
  it("a make-up dated before its leave does not count; one after it does", () => {
    const r = "  - { id: missed, kinds: [study], measure: missed, makeUp: [make-up], maximum: 0, per: term }\n";
    expect(results(r, [act("a", "2015-10-01", "make-up"), leave("2015-10-08")])[0]!.actual).toBe(1);
    expect(results(r, [leave("2015-10-08"), act("a", "2015-10-15", "make-up")])[0]!.actual).toBe(0);
  });
  it("early in the next term when the rule allows 30 days", () => {
    const acts = [leave("2016-01-20"), act("a", "2016-02-10", "make-up")];
    const strict = "  - { id: missed, kinds: [study], measure: missed, makeUp: [make-up], maximum: 0, per: term }\n";
    const grace = "  - { id: missed, kinds: [study], measure: missed, makeUp: [make-up], makeUpDays: 30, maximum: 0, per: term }\n";
    // 01-20 → 02-10 is 21 days: counts only with makeUpDays 30
    expect(results(strict, acts, YEAR1).map((x) => `${x.window} ${x.actual}`)).toEqual(["2015-autumn 1", "2016-spring 0"]);
    expect(results(grace, acts, YEAR1).map((x) => `${x.window} ${x.actual}`)).toEqual(["2015-autumn 0", "2016-spring 0"]);
  });
});

describe("a requirement on one record's words or content", () => {
  it("柴岗: one note of at least 2000 字 a year", () => {
    const r = "  - { id: notes, kinds: [notes], measure: count, minimum: 1, per: year, minWords: 2000 }\n";
    // 1200 + 1500 字 = 2700 in total, but no single note reaches 2000
    expect(results(r, [act("a", "2015-10-01", "notes", { words: 1200 }), act("a", "2016-03-01", "notes", { words: 1500 })], YEAR1)[0]!.met).toBe(false);
    expect(results(r, [act("a", "2016-03-01", "notes", { words: 2000 })], YEAR1)[0]!.met).toBe(true);
  });
  it("an observation counts only with 亮点, 问题 and 建议 written", () => {
    const r = "  - { id: observe, kinds: [observation], measure: count, minimum: 15, per: term, content: { 亮点: 1, 问题: 1, 建议: 1 } }\n";
    const full = { 亮点: "导入好", 问题: "讨论短", 建议: "多留时间" };
    // 10 lessons with all three parts, 6 without 建议: 10 of 15
    const rs = results(r, [act("a", "2015-10-01", "observation", { count: 10, content: full }), act("a", "2015-10-02", "observation", { count: 6, content: { 亮点: "x", 问题: "y" } })]);
    expect([rs[0]!.actual, rs[0]!.shortBy]).toEqual([10, 5]);
  });
});
