import { describe, expect, it } from "vitest";
import { derivedRef } from "../approval/ref.js";
import { contentSeal } from "../schema/seal.js";
import { editOwnRecord } from "./edit-record.js";

const FILE = `# 黄敏斌 研修记录
teacher: t01
records:
  # 三月
  - date: 2026-03-02
    kind: observation
    title: 三月听课
    count: 5
    status: 审定
    approver: t02
  - date: 2026-04-15
    kind: observation
    title: 四月听课
    # 两节,都有评课
    count: 2   # 两节
    status: 退回
    approver: t02
    reviewed: 2026-04-16
    reason: 请写明听了谁的课
  - id: keep-me
    date: 2026-05-01
    kind: reflection
    title: 反思
    words: 800
# 文件结束
`;

const april = derivedRef("record", "t01", "2026-04-15", "observation", "四月听课");

describe("editing my own record in place", () => {
  it("a returned record: new title and count in place, review fields gone, ref pinned as id; every other byte kept", () => {
    const r = editOwnRecord(FILE, "t01", april, { date: "2026-04-15", kind: "observation", title: "四月听课(王老师《背影》)", count: 3 });
    expect(r).toEqual({ ok: true, text: FILE.replace(`    title: 四月听课
    # 两节,都有评课
    count: 2   # 两节
    status: 退回
    approver: t02
    reviewed: 2026-04-16
    reason: 请写明听了谁的课
`, `    title: 四月听课(王老师《背影》)
    # 两节,都有评课
    count: 3   # 两节
    id: ${april}
`) });
  });

  it("a record with an id keeps it; an emptied field's line goes, a new one is added; the vocabulary's other spelling is no change", () => {
    const ref = "keep-me";
    const r = editOwnRecord(FILE, "t01", ref, { date: "2026-05-01", kind: "reflection", title: "反思", notes: "补记" });
    expect(r.ok && r.text).toBe(FILE.replace("    words: 800\n", "    notes: 补记\n"));
    const withLevel = FILE.replace("    words: 800\n", "    words: 800\n    level: 区级\n");
    const same = editOwnRecord(withLevel, "t01", ref, { date: "2026-05-01", kind: "reflection", title: "反思", words: 800, level: "district" });
    expect(same).toEqual({ ok: true, text: withLevel });
    // count: 1 written out is what an empty count means: no change either.
    const one = FILE.replace("    words: 800\n", "    words: 800\n    count: 1\n");
    expect(editOwnRecord(one, "t01", ref, { date: "2026-05-01", kind: "reflection", title: "反思", words: 800 })).toEqual({ ok: true, text: one });
  });

  it("refuses an approved record, another teacher's file and an unknown ref", () => {
    const march = derivedRef("record", "t01", "2026-03-02", "observation", "三月听课");
    expect(editOwnRecord(FILE, "t01", march, { date: "2026-03-02", kind: "observation", title: "改" })).toEqual({ ok: false, reason: "approved" });
    expect(editOwnRecord(FILE, "t02", april, { date: "2026-04-15", kind: "observation", title: "改" })).toEqual({ ok: false, reason: "not-yours" });
    expect(editOwnRecord(FILE, "t01", "0123456789ab", { date: "2026-04-15", kind: "observation", title: "改" })).toEqual({ ok: false, reason: "unknown-ref" });
  });

  it("an approval whose seal no longer matches (edited by hand since) counts as 录入: editable", () => {
    const sealed = { date: "2026-03-02", kind: "observation", title: "三月听课", count: 5 };
    const good = contentSeal("teacher:t01", sealed);
    const withSeal = (seal: string) => FILE.replace("    approver: t02\n  - date: 2026-04-15", `    approver: t02\n    seal: ${seal}\n  - date: 2026-04-15`);
    const march = derivedRef("record", "t01", "2026-03-02", "observation", "三月听课");
    const edit = { date: "2026-03-02", kind: "observation", title: "三月听课", count: 6 };
    expect(editOwnRecord(withSeal(good), "t01", march, edit)).toEqual({ ok: false, reason: "approved" });
    const lapsed = editOwnRecord(withSeal("ffffffffffff"), "t01", march, edit);
    expect(lapsed.ok && lapsed.text).toContain(`    count: 6\n    id: ${march}\n  - date: 2026-04-15`);
  });

  it("a new kind: the kind replaced in place, the old kind's field gone, the new kind's fields added", () => {
    const r = editOwnRecord(FILE, "t01", april, { date: "2026-04-15", kind: "lesson-award", title: "四月听课", level: "区县级", award: "二等奖" });
    expect(r.ok && r.text).toBe(FILE.replace(`    kind: observation
    title: 四月听课
    # 两节,都有评课
    count: 2   # 两节
    status: 退回
    approver: t02
    reviewed: 2026-04-16
    reason: 请写明听了谁的课
`, `    kind: lesson-award
    title: 四月听课
    # 两节,都有评课
    level: 区县级
    award: 二等奖
    id: ${april}
`));
  });

  it("evidence taken off and added; a file the record does not name is refused", () => {
    const text = FILE.replace("    words: 800\n", "    words: 800\n    evidence:\n      - evidence/t01/a.pdf\n      - evidence/t01/b.jpg\n");
    const fields = { date: "2026-05-01", kind: "reflection", title: "反思", words: 800 };
    const r = editOwnRecord(text, "t01", "keep-me", fields, { evidence: { remove: ["evidence/t01/a.pdf"], add: ["evidence/t01/c.png"] } });
    expect(r.ok && r.text).toBe(text.replace("      - evidence/t01/a.pdf\n      - evidence/t01/b.jpg\n", "      - evidence/t01/b.jpg\n      - evidence/t01/c.png\n"));
    const one = editOwnRecord(text, "t01", "keep-me", fields, { evidence: { remove: ["evidence/t01/a.pdf"], add: [] } });
    expect(one.ok && one.text).toBe(text.replace("    evidence:\n      - evidence/t01/a.pdf\n      - evidence/t01/b.jpg\n", "    evidence: evidence/t01/b.jpg\n"));
    expect(editOwnRecord(text, "t01", "keep-me", fields, { evidence: { remove: ["evidence/t01/z.pdf"], add: [] } })).toEqual({ ok: false, reason: "no-such-evidence" });
  });

  it("refuses when the record is no longer the version the page showed, and reads the version of the item the ref names", () => {
    const asked: number[] = [];
    const seen = (version: string) => ({ version, versionAt: (at: number) => (asked.push(at), at === 1 ? "v-now" : "other") });
    const fields = { date: "2026-04-15", kind: "observation", title: "四月听课", count: 3 };
    expect(editOwnRecord(FILE, "t01", april, fields, { seen: seen("v-then") })).toEqual({ ok: false, reason: "changed" });
    expect(editOwnRecord(FILE, "t01", april, fields, { seen: seen("v-now") }).ok).toBe(true);
    expect(asked).toEqual([1, 1]);
  });
});

