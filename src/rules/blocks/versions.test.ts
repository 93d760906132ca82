import { describe, expect, it } from "vitest";
import { inForce, overlap, versionOn } from "./versions.js";

describe("versions", () => {
  const v2015 = { from: "2015-09-01", until: "2016-08-31", v: 1 };
  const v2016 = { from: "2016-09-01", v: 2 };
  it("picks the version in force on the date, bounds inclusive", () => {
    expect(versionOn([v2015, v2016], "2016-08-31")?.v).toBe(1);
    expect(versionOn([v2015, v2016], "2016-09-01")?.v).toBe(2);
    expect(versionOn([v2015, v2016], "2015-08-31")).toBeUndefined();
    expect(inForce({}, "2000-01-01")).toBe(true);
  });
  it("detects overlaps, open ends included", () => {
    expect(overlap(v2015, v2016)).toBe(false);
    expect(overlap(v2015, { from: "2016-08-31" })).toBe(true);
    expect(overlap({}, v2016)).toBe(true);
    expect(overlap({ until: "2015-08-31" }, v2015)).toBe(false);
  });
});
