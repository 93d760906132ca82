import { describe, expect, it } from "vitest";
import { resolvePeriod } from "./period.js";
import { CONFIG } from "./fixture.js";

describe("resolvePeriod", () => {
  it("defaults to the term containing today", () => {
    expect(resolvePeriod(CONFIG, { today: "2016-03-15" })).toEqual({ period: { type: "term", id: "2016-spring", start: "2016-02-01", end: "2016-08-31" } });
  });
  it("else the latest term that has started", () => {
    expect(resolvePeriod(CONFIG, { today: "2030-01-01" })).toMatchObject({ period: { id: "2017-spring" } });
    expect(resolvePeriod(CONFIG, { today: "2000-01-01" })).toMatchObject({ period: { id: "2015-autumn" } });
  });
  it("picks a named term, year or the cycle", () => {
    expect(resolvePeriod(CONFIG, { term: "2016-autumn", today: "2016-03-15" })).toMatchObject({ period: { type: "term", start: "2016-09-01" } });
    expect(resolvePeriod(CONFIG, { year: "2016-2017", today: "2016-03-15" })).toEqual({ period: { type: "year", id: "2016-2017", start: "2016-09-01", end: "2017-08-31" } });
    expect(resolvePeriod(CONFIG, { cycle: true, today: "2016-03-15" })).toEqual({ period: { type: "cycle", id: "c1", start: "2015-09-01", end: "2017-08-31" } });
  });
  it("reports unknown names", () => {
    expect(resolvePeriod(CONFIG, { term: "2099-autumn", today: "2016-03-15" })).toMatchObject({ error: "unknown-term", id: "2099-autumn" });
    expect(resolvePeriod({ ...CONFIG, cycle: undefined }, { cycle: true, today: "2016-03-15" })).toEqual({ error: "no-cycle" });
  });
});
