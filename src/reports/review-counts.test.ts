import { describe, expect, it } from "vitest";
import type { Activity, Dataset } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { addCounts, countReviews, sumCounts } from "./review-counts.js";

const period = { type: "term" as const, id: "2026-2027-1", start: "2026-09-01", end: "2027-01-31" };

function act(teacher: string, date: string, extra: Partial<Activity> = {}): Activity {
  return { teacher, date, kind: "observation", title: date, count: 1, evidence: [], origin: { file: "x.yaml", index: 0 }, ...extra } as Activity;
}

const scheme = (approvedOnly: boolean) => ({ meta: { approvedOnly }, kinds: new Map([["observation", {}]]) }) as unknown as Scheme;
const dataset = (activities: Activity[]) => ({ activities }) as unknown as Dataset;

describe("countReviews", () => {
  const acts = [
    act("t01", "2026-10-01"), // no status: 录入
    act("t01", "2026-10-02", { status: "draft" }),
    act("t01", "2026-10-03", { status: "approved" }),
    act("t01", "2026-10-04", { status: "approved", lapsed: true }), // changed after approval: 录入 again
    act("t01", "2026-10-05", { status: "rejected" }),
    act("t01", "2026-10-06", { status: "verified" }),
    act("t01", "2027-03-01"), // another term
    act("t01", "2026-10-07", { kind: "no-such-kind" }), // never scored, so not left out by review
    act("t02", "2026-10-08", { status: "rejected" }),
  ];

  it("counts 录入 (lapsed included) and 退回 in the period, of kinds the rules define", () => {
    const c = countReviews(dataset(acts), scheme(false), period)!;
    expect(c.approvedOnly).toBe(false);
    expect(Object.fromEntries(c.byTeacher)).toEqual({ t01: { pending: 3, returned: 1 }, t02: { pending: 0, returned: 1 } });
  });

  it("is undefined for a school that reviews nothing, unless the scheme is approvedOnly", () => {
    const none = [act("t01", "2026-10-01"), act("t01", "2026-10-02", { status: "draft" })];
    expect(countReviews(dataset(none), scheme(false), period)).toBeUndefined();
    expect(Object.fromEntries(countReviews(dataset(none), scheme(true), period)!.byTeacher)).toEqual({ t01: { pending: 2, returned: 0 } });
  });

  it("sums a group counting each teacher once; teachers with nothing add zero", () => {
    const c = countReviews(dataset(acts), scheme(true), period)!;
    expect(sumCounts(c, ["t01", "t02", "t01", "t09"])).toEqual({ pending: 3, returned: 2 });
    expect(addCounts([{ pending: 1, returned: 0 }, undefined, { pending: 2, returned: 5 }])).toEqual({ pending: 3, returned: 5 });
  });
});
