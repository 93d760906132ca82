import { describe, expect, it } from "vitest";
import { scoreDataset } from "./evaluate.js";
import { act, CONFIG, dataset, schemeOf, teacher } from "./fixture.js";

// 12 hours a year, 2 talks a term; each talk 3 hours.
const scheme = schemeOf(`
scheme: { id: s, name: s, period: year }
kinds: [{ id: talk }]
items:
  - { id: talk, label: 讲座, labelEn: talks, kinds: [talk], each: 3 }
requirements:
  - { id: total, label: 全年 12 学时, labelEn: 12 a year, total: true, minimum: 12, per: year }
  - { id: talks, label: 每学期 2 次, labelEn: 2 a term, kinds: [talk], measure: count, minimum: 2, per: term }
grades:
  - { id: pass, label: 合格, labelEn: pass, allRequirements: true }
`);
const AUTUMN = { type: "term" as const, id: "2015-autumn", start: "2015-09-01", end: "2016-01-31" };
const YEAR = { type: "year" as const, id: "2015-2016", start: "2015-09-01", end: "2016-08-31" };
const d = dataset(
  [teacher("a"), teacher("b"), teacher("c"), teacher("office", ["行政"]), { ...teacher("quiet"), scored: false }],
  [
    // a: 2 talks in autumn (6 of 12 so far, the term's 2 met) → in progress; 2 more in spring → 12, met
    act("a", "2015-10-01", "talk"), act("a", "2015-11-01", "talk"), act("a", "2016-03-01", "talk"), act("a", "2016-04-01", "talk"),
    // b: 1 talk in autumn: the term has ended short by 1 → failed for good
    act("b", "2015-10-01", "talk"),
    // c: 4 talks in autumn: 12 already, both met
    act("c", "2015-10-01", "talk"), act("c", "2015-10-02", "talk"), act("c", "2015-10-03", "talk"), act("c", "2015-10-04", "talk"),
  ],
);

describe("mid-period progress", () => {
  it("a yearly minimum not yet reached in the first term is in progress, not a failure", () => {
    const r = scoreDataset(d, scheme, AUTUMN);
    const by = Object.fromEntries(r.teachers.map((x) => [x.teacher, x]));
    expect(by.a!.requirements.find((q) => q.id === "total")).toMatchObject({ window: "2015-2016", partial: true, actual: 6, shortBy: 6, met: false });
    expect([by.a!.standing, by.a!.grade.label]).toEqual(["in-progress", "进行中"]);
    // b: 3 of 12 so far is progress, but the autumn term ended with 1 of 2 talks
    expect([by.b!.standing, by.b!.grade.label]).toEqual(["short", "不合格"]);
    expect([by.c!.standing, by.c!.grade.label]).toEqual(["met", "合格"]);
  });

  it("over the whole year the same records are final", () => {
    const r = scoreDataset(d, scheme, YEAR);
    const by = Object.fromEntries(r.teachers.map((x) => [x.teacher, x]));
    // a: 4 talks → 12; 2 a term in both terms
    expect([by.a!.total, by.a!.standing, by.a!.grade.label]).toEqual([12, "met", "合格"]);
    // c: spring has no talk → short by 2 in spring
    expect([by.c!.standing, by.c!.grade.label]).toEqual(["short", "不合格"]);
  });
});

describe("who is scored", () => {
  it("roles in config notScored and scored: false leave a person out, saying why", () => {
    const r = scoreDataset({ ...d, config: { ...CONFIG, notScored: ["行政"] } }, scheme, YEAR);
    expect(r.teachers.map((x) => x.teacher)).toEqual(["a", "b", "c"]);
    expect(r.notScored).toEqual([
      { teacher: "office", name: "office", reason: "role", role: "行政" },
      { teacher: "quiet", name: "quiet", reason: "roster" },
    ]);
  });

  it("without notScored in config a role is scored as any other", () => {
    const r = scoreDataset(d, scheme, YEAR);
    expect(r.teachers.map((x) => x.teacher)).toEqual(["a", "b", "c", "office"]);
  });
});
