import { describe, expect, it } from "vitest";
import { scoreDataset } from "./evaluate.js";
import { act, dataset, schemeOf, teacher } from "./fixture.js";
import type { Period } from "./types.js";

const YEAR1: Period = { type: "year", id: "2015-2016", start: "2015-09-01", end: "2016-08-31" };
const AUTUMN: Period = { type: "term", id: "2015-autumn", start: "2015-09-01", end: "2016-01-31" };
const SPRING: Period = { type: "term", id: "2016-spring", start: "2016-02-01", end: "2016-08-31" };

const BASIC = `
kinds:
  - { id: reflection }
  - { id: talk }
categories:
  - { id: study, cap: 5, per: term }
items:
  - { id: reflection, kinds: [reflection], each: 1, cap: 8, category: study }
  - { id: talk, kinds: [talk], until: 2016-01-31, each: 2 }
  - { id: talk, kinds: [talk], from: 2016-02-01, each: 3 }
requirements:
  - { id: total, total: true, minimum: 10 }
grades:
  - { id: pass, label: 合格, minTotal: 10 }
`;

describe("scoreDataset", () => {
  const scheme = schemeOf(BASIC);

  it("applies the version in force on each record's date", () => {
    // talk on 2016-01-31 → old version 2; on 2016-02-01 → new version 3; total 5
    const r = scoreDataset(dataset([teacher("a")], [act("a", "2016-01-31", "talk"), act("a", "2016-02-01", "talk")]), scheme, YEAR1);
    expect(r.teachers[0]!.items.find((i) => i.id === "talk")).toEqual({ id: "talk", raw: 5, credited: 5 });
    const versions = r.trace.filter((e) => e.item === "talk").map((e) => [e.date, e.version, e.amount]);
    expect(versions).toEqual([
      ["2016-01-31", "", 2],
      ["2016-02-01", "2016-02-01", 3],
    ]);
  });

  it("caps a category per term (5 + 5), under the item's year cap of 8", () => {
    // autumn 6 reflections → category 5; spring 4 → item year cap leaves 8 − 6 = 2 → category 2; total 7
    const d = dataset([teacher("a")], [act("a", "2015-10-01", "reflection", { count: 6 }), act("a", "2016-03-01", "reflection", { count: 4 })]);
    const r = scoreDataset(d, scheme, YEAR1);
    const t = r.teachers[0]!;
    expect(t.items.find((i) => i.id === "reflection")).toEqual({ id: "reflection", raw: 10, credited: 8 });
    expect(t.categories).toEqual([{ id: "study", raw: 8, credited: 7 }]);
    expect(t.total).toBe(7);
    // the trace shows where each cut happened
    expect(r.trace.filter((e) => e.step === "cap" || e.step === "category-cap").map((e) => [e.step, e.window, e.amount])).toEqual([
      ["cap", "2015-2016", -2],
      ["category-cap", "2015-autumn", -1],
    ]);
  });

  it("terms add up to the year", () => {
    const d = dataset([teacher("a")], [act("a", "2015-10-01", "reflection", { count: 6 }), act("a", "2016-03-01", "reflection", { count: 4 }), act("a", "2016-03-02", "talk")]);
    const sum = (p: Period) => scoreDataset(d, scheme, p).teachers[0]!.total;
    // autumn: min(5, 6) = 5; spring: reflection 2 (8 − 6) + talk 3 = 5; year 10
    expect([sum(AUTUMN), sum(SPRING), sum(YEAR1)]).toEqual([5, 5, 10]);
  });

  it("records each contribution with its origin, and the cap's share on each record", () => {
    const a1 = act("a", "2015-10-01", "reflection", { count: 5 });
    const a2 = act("a", "2015-11-01", "reflection", { count: 5 });
    const r = scoreDataset(dataset([teacher("a")], [a1, a2]), scheme, AUTUMN);
    const credits = r.trace.filter((e) => e.step === "credit");
    // 5 then 5 against the item cap of 8: the first counts 5, the second 3
    expect(credits.map((e) => [e.origin, e.amount, e.counted])).toEqual([
      [a1.origin, 5, 5],
      [a2.origin, 5, 3],
    ]);
    expect(credits[0]!.ruleFile).toBe("rules/r0.yaml");
    // BASIC starts with a blank line: kinds on 2, categories on 5, items on 7, reflection on 8
    expect(credits[0]!.ruleLine).toBe(8);
  });

  it("grades, requirements and teachers without records", () => {
    const d = dataset([teacher("b"), teacher("a")], [act("a", "2016-03-01", "talk", { count: 4 })]);
    const r = scoreDataset(d, scheme, YEAR1);
    // sorted by id; a: 4 talks × 3 = 12 ≥ 10 → pass; b: nothing → fail, short by 10
    expect(r.teachers.map((t) => [t.teacher, t.total, t.grade.id, t.requirements[0]!.shortBy])).toEqual([
      ["a", 12, "pass", 0],
      ["b", 0, "fail", 10],
    ]);
  });

  it("ignores rejected records, and with approvedOnly everything not approved", () => {
    const only = schemeOf(`scheme: { id: s, name: S, approvedOnly: true }\nkinds: [{ id: talk }]\nitems:\n  - { id: talk, kinds: [talk], each: 1 }\n`);
    const acts = [act("a", "2015-10-01", "talk"), act("a", "2015-10-02", "talk", { status: "approved" }), act("a", "2015-10-03", "talk", { status: "verified" }), act("a", "2015-10-04", "talk", { status: "rejected" })];
    // approved + verified = 2
    expect(scoreDataset(dataset([teacher("a")], acts), only, YEAR1).teachers[0]!.total).toBe(2);
    const excluded = scoreDataset(dataset([teacher("a")], acts), only, YEAR1).trace.filter((e) => e.step === "excluded");
    expect(excluded.map((e) => e.reason)).toEqual(["status", "status"]);
  });

  it("uses roles held on the record's date", () => {
    const s = schemeOf(`kinds: [{ id: meeting }]\nitems:\n  - { id: m, kinds: [meeting], each: 2, roles: [不兼课行政] }\n`);
    const tch = { ...teacher("a"), roles: [{ role: "不兼课行政", from: "2016-02-01" }] };
    // the autumn meeting was before the role: only the spring one counts, 2
    const r = scoreDataset(dataset([tch], [act("a", "2015-10-01", "meeting"), act("a", "2016-03-01", "meeting")]), s, YEAR1);
    expect(r.teachers[0]!.total).toBe(2);
  });

  it("weights categories into the total", () => {
    const s = schemeOf(`kinds: [{ id: check }, { id: final }]
categories:
  - { id: regular, weight: 0.6 }
  - { id: final, weight: 0.4 }
items:
  - { id: check, kinds: [check], score: {}, aggregate: average, category: regular }
  - { id: final, kinds: [final], score: {}, category: final }
`);
    // average(70, 80) = 75 × 0.6 = 45; 90 × 0.4 = 36; 81
    const r = scoreDataset(dataset([teacher("a")], [act("a", "2015-10-01", "check", { score: 70 }), act("a", "2016-03-01", "check", { score: 80 }), act("a", "2016-06-01", "final", { score: 90 })]), s, YEAR1);
    expect(r.teachers[0]!.total).toBe(81);
  });

  it("is JSON-serialisable", () => {
    const r = scoreDataset(dataset([teacher("a")], [act("a", "2015-10-01", "reflection")]), scheme, YEAR1);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe("a session's lead", () => {
  const s = schemeOf(`kinds:
  - { id: discussion, session: true }
  - { id: prep, session: true, leadRole: 主备 }
items:
  - { id: sessions, kinds: [discussion, prep], table: { by: [role], values: { 主备: 4, 主持: 3.5, default: 3 } } }
`);
  it("is a 主备 only where the kind says so; a role written on the session wins", () => {
    const acts = [
      act("a", "2015-10-01", "discussion", { lead: true }),
      act("a", "2015-10-02", "prep", { lead: true }),
      act("a", "2015-10-03", "discussion", { lead: true, role: "main-preparer" }),
      act("a", "2015-10-04", "prep", { role: "participant" }),
    ];
    // discussion lead → 主持 3.5; prep lead → 主备 4; explicit 主备 4; participant → default 3: 14.5
    const r = scoreDataset(dataset([teacher("a")], acts), s, YEAR1);
    expect(r.trace.filter((e) => e.step === "credit").map((e) => e.amount)).toEqual([3.5, 4, 4, 3]);
    expect(r.teachers[0]!.total).toBe(14.5);
  });
});

describe("a scheme without grades", () => {
  it("grades nobody instead of everyone 不合格", () => {
    const s = schemeOf(`kinds: [{ id: talk }]\nitems: [{ id: talk, kinds: [talk], each: 1 }]\nrequirements: [{ id: t, total: true, minimum: 1 }]\n`);
    const r = scoreDataset(dataset([teacher("a"), teacher("b")], [act("a", "2015-10-01", "talk")]), s, YEAR1);
    // a met its requirement, b did not: neither is given a grade
    expect(r.teachers.map((t) => [t.met, t.grade.id, t.grade.label])).toEqual([[true, "none", "—"], [false, "none", "—"]]);
  });
});

describe("a window seen from several end dates", () => {
  // A year's tiers read at the spring term's start (autumn's records only) and at its end
  // (the whole year), in one run: the window's values per end date must stay apart.
  const s = schemeOf(`
kinds:
  - { id: obs }
items:
  - { id: obs, kinds: [obs], per: year, tiers: [{ atLeast: 3, credit: 2 }, { atLeast: 5, credit: 4 }] }
`);
  const d = dataset([teacher("a")], [
    act("a", "2015-10-01", "obs", { count: 3 }),
    act("a", "2016-03-01", "obs", { count: 2 }),
    act("a", "2016-10-01", "obs", { count: 5 }),
  ]);
  const obs = (p: Period) => scoreDataset(d, s, p).teachers[0]!.items[0];

  it("credits each period what its records add to the year's tier", () => {
    // autumn: 3 lessons → 2; spring: 5 by the year's end → 4, less the 2 autumn had; the next year's 5 belong to neither
    expect([obs(AUTUMN), obs(SPRING), obs(YEAR1)]).toEqual([
      { id: "obs", raw: 2, credited: 2 },
      { id: "obs", raw: 2, credited: 2 },
      { id: "obs", raw: 4, credited: 4 },
    ]);
  });

  it("traces the tier reached by the period's end, by what the period added", () => {
    const r = scoreDataset(d, s, SPRING);
    expect(r.trace.filter((e) => e.step === "tier").map((e) => [e.window, e.amount, e.reason])).toEqual([["2015-2016", 2, "tier:5"]]);
  });
});
