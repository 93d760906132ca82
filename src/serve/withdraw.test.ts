import { describe, expect, it } from "vitest";
import { removeItem } from "./withdraw.js";

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
