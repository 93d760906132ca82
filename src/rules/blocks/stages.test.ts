import { describe, expect, it } from "vitest";
import { overdueProjects, type StageRecord } from "./stages.js";

const ORDER = ["approved", "opening", "midterm", "concluded"];
const rec = (project: string, date: string, stage: string): StageRecord => ({ project, date, stage });
const YEAR = ["2025-09-01", "2026-08-31"] as const;

describe("project stages with due dates", () => {
  const midterm = { reach: "midterm", from: "approved", due: { months: 12 } };

  it("中期检查 within 12 months of 立项: approved 2025-10-08 → on time up to 2026-10-07", () => {
    // the deadline 2026-10-07 lies after the year 2025-2026: not yet due there, overdue in 2026-2027
    const recs = [rec("A", "2025-10-08", "approved")];
    expect(overdueProjects(midterm, recs, ORDER, ...YEAR)).toEqual([]);
    expect(overdueProjects(midterm, recs, ORDER, "2026-09-01", "2027-08-31")).toEqual([{ project: "A", started: "2025-10-08", deadline: "2026-10-07" }]);
    // a midterm on the last day is on time; the day after is late
    expect(overdueProjects(midterm, [...recs, rec("A", "2026-10-07", "midterm")], ORDER, "2026-09-01", "2027-08-31")).toEqual([]);
    expect(overdueProjects(midterm, [...recs, rec("A", "2026-10-08", "midterm")], ORDER, "2026-09-01", "2027-08-31")).toHaveLength(1);
  });

  it("a later stage reached in time counts; another project's midterm does not", () => {
    const due6 = { reach: "midterm", from: "approved", due: { months: 6 } };
    // A approved 09-10, concluded 2026-01-20 (before 03-09): reached. B approved 09-15, only A's midterm → overdue 03-14
    const recs = [rec("A", "2025-09-10", "approved"), rec("A", "2026-01-20", "concluded"), rec("B", "2025-09-15", "approved"), rec("A", "2026-02-01", "midterm")];
    expect(overdueProjects(due6, recs, ORDER, ...YEAR)).toEqual([{ project: "B", started: "2025-09-15", deadline: "2026-03-14" }]);
  });

  it("by a fixed date: 结题 by 08-31 of the year it was approved in (MM-DD: the first on or after 立项)", () => {
    const conclude = { reach: "concluded", from: "approved", due: { date: "08-31" } };
    // approved 2025-10-08 → deadline 2026-08-31; approved 2026-03-01 → 2026-08-31 too
    const recs = [rec("A", "2025-10-08", "approved"), rec("B", "2026-03-01", "approved"), rec("B", "2026-06-30", "concluded")];
    expect(overdueProjects(conclude, recs, ORDER, ...YEAR).map((o) => `${o.project} ${o.deadline}`)).toEqual(["A 2026-08-31"]);
    // mid-year (up to 2026-01-31) nothing is due yet
    expect(overdueProjects(conclude, recs, ORDER, "2025-09-01", "2026-01-31")).toEqual([]);
  });

  it("a project never approved (no start record) is not held to the deadline; the order is the rule's", () => {
    expect(overdueProjects(midterm, [rec("A", "2025-10-08", "concluded")], ORDER, "2000-01-01", "2100-01-01")).toEqual([]);
    // in an order without 开题 where midterm comes last, a 结题 does not count as reaching 中期检查
    const order = ["approved", "concluded", "midterm"];
    const recs = [rec("A", "2025-09-10", "approved"), rec("A", "2025-12-01", "concluded")];
    expect(overdueProjects(midterm, recs, order, "2026-09-01", "2026-09-30")).toHaveLength(1);
  });

  it("without `from` the clock starts at the first stage of the order", () => {
    const r = { reach: "opening", due: { weeks: 8 } };
    // approved 2025-09-01, within 8 weeks → 10-26; the opening report on 10-27 is a day late
    const recs = [rec("A", "2025-09-01", "approved"), rec("A", "2025-10-27", "opening")];
    expect(overdueProjects(r, recs, ORDER, ...YEAR)).toEqual([{ project: "A", started: "2025-09-01", deadline: "2025-10-26" }]);
  });
});
