/**
 * Project stages with due dates (中期检查) and a credit needing every term covered (两学期),
 * scored end to end from rule text. Calendar of the fixture: years 2015-2016 and 2016-2017,
 * autumn 09-01 … 01-31, spring 02-01 … 08-31.
 */
import { describe, expect, it } from "vitest";
import { scoreDataset } from "./evaluate.js";
import { act, dataset, schemeOf, teacher } from "./fixture.js";
import type { Activity } from "../model.js";
import type { Period } from "./types.js";

const AUTUMN: Period = { type: "term", id: "2015-autumn", start: "2015-09-01", end: "2016-01-31" };
const SPRING: Period = { type: "term", id: "2016-spring", start: "2016-02-01", end: "2016-08-31" };
const YEAR1: Period = { type: "year", id: "2015-2016", start: "2015-09-01", end: "2016-08-31" };
const YEAR2: Period = { type: "year", id: "2016-2017", start: "2016-09-01", end: "2017-08-31" };

describe("project stages: 中期检查 within 12 months of 立项 (a requirement)", () => {
  const rules = `kinds:
  - { id: project, fields: [stage, level], stages: [立项, 中期检查, 结题] }
items:
  - id: project
    kinds: [project]
    dedupe: [ref]
    table: { by: [stage], values: { 立项: 2, 中期检查: 3, 结题: 5 } }
requirements:
  - { id: midterm, kinds: [project], stage: { reach: 中期检查, from: 立项, due: { months: 12 } }, maximum: 0, per: year }
`;
  const score = (acts: Activity[], period: Period) => scoreDataset(dataset([teacher("a")], acts), schemeOf(rules), period).teachers[0]!;
  const p = (date: string, stage: string, ref = "K1") => act("a", date, "project", { stage, ref });

  it("approved 2015-10-08, no midterm: fine in 2015-2016 (due 2016-10-07), overdue in 2016-2017", () => {
    const acts = [p("2015-10-08", "approved")];
    expect(score(acts, YEAR1).requirements.map((r) => [r.window, r.measure, r.actual, r.met])).toEqual([["2015-2016", "overdue", 0, true]]);
    expect(score(acts, YEAR2).requirements.map((r) => [r.window, r.actual, r.excess, r.met])).toEqual([["2016-2017", 1, 1, false]]);
  });
  it("the midterm on 2016-10-07 is on time; the credit per stage keeps the best claim of one project (dedupe by ref)", () => {
    const acts = [p("2015-10-08", "approved"), p("2016-10-07", "midterm")];
    const y2 = score(acts, YEAR2);
    expect(y2.requirements[0]!.met).toBe(true);
    // 2015-2016: 立项 2; 2016-2017: the midterm 3 replaces it (best claim): F(year end) − F(before) = 3 − 2 = 1
    expect(score(acts, YEAR1).total).toBe(2);
    expect(y2.total).toBe(1);
  });
  it("two projects: each is its own clock; a midterm of the other project does not count", () => {
    const acts = [p("2015-10-08", "approved", "K1"), p("2015-11-20", "approved", "K2"), p("2016-09-15", "midterm", "K2")];
    // K1 due 2016-10-07 with no midterm; K2 due 2016-11-19, reached 09-15 → 1 overdue
    expect(score(acts, YEAR2).requirements[0]!.actual).toBe(1);
  });
  it("check: a stage the kind does not declare is refused with the kind's stages", () => {
    expect(() => schemeOf(rules.replace("reach: 中期检查", "reach: 开题"))).toThrow(/stage 'opening report' is not among the kind's stages/);
  });
});

describe("covered: 两学期 (a credit needing every term of the year)", () => {
  const rules = `kinds:
  - { id: public-lesson }
items:
  - { id: public-lesson, kinds: [public-lesson], per: year, evidenceCount: 4, covered: { per: term, atLeast: 1, credit: 10 } }
`;
  const four = ["a/教案.pdf", "a/课件.pptx", "a/说课.docx", "a/反思.docx"];
  const lesson = (date: string, evidence = four) => act("a", date, "public-lesson", { evidence });
  const score = (acts: Activity[], period: Period) => scoreDataset(dataset([teacher("a")], acts), schemeOf(rules), period).teachers[0]!;

  it("one lesson with its four materials in each term → 10, earned in the term that completes it", () => {
    const acts = [lesson("2015-11-10"), lesson("2016-04-12")];
    expect(score(acts, YEAR1).total).toBe(10);
    // seen term by term: autumn 0 (spring still missing), spring 10 − 0 = 10
    expect([score(acts, AUTUMN).total, score(acts, SPRING).total]).toEqual([0, 10]);
  });
  it("two lessons in autumn and none in spring → 0; the trace says which term is missing", () => {
    const r = scoreDataset(dataset([teacher("a")], [lesson("2015-10-10"), lesson("2015-12-10")]), schemeOf(rules), YEAR1, { trace: true });
    expect(r.teachers[0]!.total).toBe(0);
    expect(r.trace.filter((e) => e.step === "covered").map((e) => [e.window, e.amount, e.reason])).toEqual([["2015-2016", 0, "missing:2016-spring"]]);
  });
  it("the spring lesson with only three materials does not cover spring", () => {
    expect(score([lesson("2015-11-10"), lesson("2016-04-12", four.slice(0, 3))], YEAR1).total).toBe(0);
  });
  it("check: covered's per must be shorter than the item's window", () => {
    expect(() => schemeOf(rules.replace("per: year,", "per: term,"))).toThrow(/covered's 'per' \(term\) must be shorter than the item's window \(term\)/);
  });
});
