import { describe, expect, it } from "vitest";
import { derivedRef } from "../approval/ref.js";
import { removeItem, withdrawOwnRecord } from "./withdraw.js";

const FILE = `# 黄敏斌 研修记录
teacher: t01
records:
  # 三月
  - date: 2026-03-02
    kind: observation
    title: 三月听课
    count: 5
  - date: 2026-04-15
    kind: observation
    title: 四月听课
    count: 2   # 两节
  - date: 2026-05-01
    kind: reflection
    title: 反思
`;

describe("removeItem", () => {
  it("cuts out exactly the item's lines, keeping every other byte", () => {
    const r = removeItem(FILE, "records", 1, { date: "2026-04-15", title: "四月听课" });
    expect(r).toEqual({ ok: true, text: FILE.replace("  - date: 2026-04-15\n    kind: observation\n    title: 四月听课\n    count: 2   # 两节\n", "") });
  });

  it("the last item, and the only one", () => {
    const r = removeItem(FILE, "records", 2, { date: "2026-05-01", title: "反思" });
    expect(r).toEqual({ ok: true, text: FILE.replace("  - date: 2026-05-01\n    kind: reflection\n    title: 反思\n", "") });
    const one = "teacher: t01\nrecords:\n  - date: 2026-05-01\n    kind: reflection\n    title: 反思\n";
    expect(removeItem(one, "records", 0, { date: "2026-05-01", title: "反思" })).toEqual({ ok: true, text: "teacher: t01\nrecords:\n" });
  });

  it("refuses when the item at that place is no longer the one shown", () => {
    expect(removeItem(FILE, "records", 1, { date: "2026-03-02", title: "三月听课" })).toEqual({ ok: false });
    expect(removeItem(FILE, "records", 7, { date: "2026-03-02", title: "三月听课" })).toEqual({ ok: false });
  });
});

describe("withdrawOwnRecord", () => {
  const april = derivedRef("record", "t01", "2026-04-15", "observation", "四月听课");
  const seen = (version: string) => ({ version, versionAt: (at: number) => (at === 1 ? "v1" : "other") });

  it("finds the record by its ref wherever it now stands, and cuts it out", () => {
    const r = withdrawOwnRecord(FILE, "t01", april, seen("v1"));
    expect(r).toEqual({ ok: true, text: FILE.replace("  - date: 2026-04-15\n    kind: observation\n    title: 四月听课\n    count: 2   # 两节\n", "") });
    // One record earlier gone: the same ref is now item 0.
    const shifted = FILE.replace("  - date: 2026-03-02\n    kind: observation\n    title: 三月听课\n    count: 5\n", "");
    const r2 = withdrawOwnRecord(shifted, "t01", april, { version: "v0", versionAt: (at) => (at === 0 ? "v0" : "other") });
    expect(r2.ok && r2.text).not.toContain("四月听课");
    expect(r2.ok && r2.text).toContain("反思");
  });

  it("refuses a changed version, an unknown ref, another's file and an approved record", () => {
    expect(withdrawOwnRecord(FILE, "t01", april, seen("v-old"))).toEqual({ ok: false, reason: "changed" });
    expect(withdrawOwnRecord(FILE, "t01", "0123456789ab", seen("v1"))).toEqual({ ok: false, reason: "unknown-ref" });
    expect(withdrawOwnRecord(FILE, "t02", april, seen("v1"))).toEqual({ ok: false, reason: "not-yours" });
    const approved = FILE.replace("    count: 2   # 两节\n", "    count: 2   # 两节\n    status: 审定\n    approver: t02\n");
    expect(withdrawOwnRecord(approved, "t01", april, seen("v1"))).toEqual({ ok: false, reason: "approved" });
  });
});

