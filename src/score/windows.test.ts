import { describe, expect, it } from "vitest";
import { termOf } from "../model.js";
import { CONFIG } from "./fixture.js";
import { termStartOn } from "./windows.js";

describe("termStartOn", () => {
  it("gives the start of the term holding the date, as termOf does", () => {
    expect(termStartOn(CONFIG, "2016-01-31")).toBe("2015-09-01");
    expect(termStartOn(CONFIG, "2016-02-01")).toBe("2016-02-01");
    expect(termStartOn(CONFIG, "2017-08-31")).toBe("2017-02-01");
    expect(termStartOn(CONFIG, "2015-08-31")).toBeUndefined();
    expect(termStartOn(CONFIG, "2017-09-01")).toBeUndefined();
    // A calendar with a gap between terms: the days in it belong to none.
    const gap = { ...CONFIG, years: CONFIG.years.map((y) => ({ ...y, terms: y.terms.map((t) => (t.id.endsWith("spring") ? { ...t, start: t.start.replace("-02-01", "-02-20") } : t)) })) };
    for (const day of ["2016-02-10", "2016-02-19", "2016-02-20", "2017-02-01", "2017-03-01", "2015-08-31"]) {
      expect(termStartOn(gap, day), day).toBe(termOf(gap, day)?.start);
    }
    expect(termStartOn(gap, "2016-02-10")).toBeUndefined();
  });
});
