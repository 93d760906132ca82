import { describe, expect, it } from "vitest";
import { scoreDataset } from "./evaluate.js";
import { act, dataset, schemeOf, teacher } from "./fixture.js";
import type { Period } from "./types.js";

const YEAR1: Period = { type: "year", id: "2015-2016", start: "2015-09-01", end: "2016-08-31" };

const OBSERVE = `
kinds:
  - { id: observation, fields: [count] }
requirements:
  - { id: observe, kinds: [observation], measure: count, minimum: 15, per: term }
`;

describe("requirements and the roster's joined/left dates", () => {
  const scheme = schemeOf(OBSERVE);
  const windows = (t: ReturnType<typeof teacher>) =>
    scoreDataset(dataset([t], [act(t.id, "2016-03-01", "observation", { count: 15 })]), scheme, YEAR1).teachers[0]!.requirements.map(
      (r) => `${r.window} ${r.met ? "met" : `short ${r.shortBy}`}`,
    );

  it("holds a teacher on the staff all year to both terms", () => {
    // autumn: 0 of 15 → short 15; spring: 15 → met
    expect(windows(teacher("a"))).toEqual(["2015-autumn short 15", "2016-spring met"]);
  });

  it("does not hold a teacher who joined in spring to the autumn term", () => {
    expect(windows({ ...teacher("b"), joined: "2016-02-20" })).toEqual(["2016-spring met"]);
  });

  it("does not hold a teacher who left in autumn to the spring term", () => {
    const left = { ...teacher("c"), left: "2015-12-31" };
    const r = scoreDataset(dataset([left], [act("c", "2015-10-01", "observation", { count: 16 })]), scheme, YEAR1);
    expect(r.teachers[0]!.requirements.map((q) => `${q.window} ${q.met}`)).toEqual(["2015-autumn true"]);
  });
});
