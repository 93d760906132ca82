import { describe, expect, it } from "vitest";
import { mergeItem, newFileText, type MergeTarget } from "../../src/add/merge.js";

const T01: MergeTarget = { listKey: "records", ownerKey: "teacher", owner: "t01" };
const ITEM = { date: "2025-10-12", kind: "observation", title: "听课《荷塘月色》", count: 1 };

/** Every original line must come back byte for byte, in order, with one block inserted. */
function expectLinesKept(before: string, after: string): string[] {
  const old = before.split("\n");
  const next = after.split("\n");
  let p = 0;
  while (p < old.length && old[p] === next[p]) p++;
  const rest = old.slice(p);
  expect(next.slice(next.length - rest.length)).toEqual(rest);
  return next.slice(p, next.length - rest.length);
}

describe("mergeItem", () => {
  it("keeps comments, blank lines, quotes and odd spacing, and adds the item at the end of the list", () => {
    const before = [
      "# 张老师 2025—2026 第一学期",
      "teacher: t01   # 编号",
      "",
      "records:",
      "  # 九月",
      "  - date: 2025-09-20",
      "    kind: observation",
      "    title: '听课《背影》'   # 单引号",
      "    count: 2",
      "",
      "  - date: \"2025-09-28\"",
      "    kind: reflection",
      "    title: 教学反思",
      "    evidence: [evidence/a.pdf,   evidence/b.pdf]",
      "",
    ].join("\n");
    const r = mergeItem(before, T01, ITEM);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const inserted = expectLinesKept(before, r.text);
    expect(inserted).toEqual(["  - date: 2025-10-12", "    kind: observation", "    title: 听课《荷塘月色》", "    count: 1"]);
  });

  it("keeps CRLF line endings and the BOM", () => {
    const before = "\uFEFFteacher: t01\r\nrecords:\r\n  - date: 2025-09-20\r\n    kind: observation\r\n    title: 听课\r\n";
    const r = mergeItem(before, T01, ITEM);
    expect(r).toEqual({
      ok: true,
      how: "document",
      text: before + "  - date: 2025-10-12\r\n    kind: observation\r\n    title: 听课《荷塘月色》\r\n    count: 1\r\n",
    });
  });

  it("follows a file whose list items are not indented", () => {
    const before = "teacher: t01\nrecords:\n- date: 2025-09-20\n  kind: observation\n  title: 听课\n";
    const r = mergeItem(before, T01, ITEM);
    expect(r.ok && r.text).toBe(before + "- date: 2025-10-12\n  kind: observation\n  title: 听课《荷塘月色》\n  count: 1\n");
  });

  it("fills an empty list and a file without a final newline", () => {
    expect(mergeItem("teacher: t01\nrecords:\n", T01, { date: "2025-10-12", kind: "k", title: "x" })).toMatchObject({
      ok: true,
      text: "teacher: t01\nrecords:\n  - date: 2025-10-12\n    kind: k\n    title: x\n",
    });
    const r = mergeItem("teacher: t01\nrecords:\n  - date: 2025-09-20\n    kind: k\n    title: a", T01, { date: "2025-10-12", kind: "k", title: "b" });
    expect(r.ok && r.text).toBe("teacher: t01\nrecords:\n  - date: 2025-09-20\n    kind: k\n    title: a\n  - date: 2025-10-12\n    kind: k\n    title: b\n");
  });

  it("appends after the list when the document API would reformat a line", () => {
    // A long folded scalar would be re-rendered differently; appending leaves it alone.
    const before = "teacher: t01\nrecords:\n  - date: 2025-09-20\n    kind: k\n    title: >-\n      a long\n      title\n";
    const r = mergeItem(before, T01, { date: "2025-10-12", kind: "k", title: "b" });
    expect(r.ok).toBe(true);
    if (r.ok) expectLinesKept(before, r.text);
  });

  it("refuses a file that does not parse, belongs to someone else or is not a record file", () => {
    expect(mergeItem("teacher: t01\nrecords:\n  - date: [\n", T01, ITEM)).toEqual({ ok: false, reason: "unparsable" });
    expect(mergeItem("teacher: t02\nrecords: []\n", T01, ITEM)).toEqual({ ok: false, reason: "owner-mismatch", found: "t02" });
    expect(mergeItem("- a\n- b\n", T01, ITEM)).toEqual({ ok: false, reason: "not-a-record-file" });
    expect(mergeItem("teacher: t01\nrecords: 3\n", T01, ITEM)).toEqual({ ok: false, reason: "not-a-record-file" });
  });

  it("refuses rather than reformat when the list is not the last block and lines would change", () => {
    const before = "teacher: t01\nrecords: [{date: 2025-09-20, kind: k, title: a}]\nnotes: x\n";
    expect(mergeItem(before, T01, ITEM)).toEqual({ ok: false, reason: "would-reformat" });
  });
});

describe("newFileText", () => {
  it("writes the owner header, a comment and the item", () => {
    expect(newFileText({ ...T01, headerComment: "张老师 2025—2026学年第一学期的研修记录" }, { ...ITEM, evidence: ["evidence/a.pdf", "evidence/b.pdf"] })).toBe(
      [
        "# 张老师 2025—2026学年第一学期的研修记录",
        "teacher: t01",
        "records:",
        "  - date: 2025-10-12",
        "    kind: observation",
        "    title: 听课《荷塘月色》",
        "    count: 1",
        "    evidence: [evidence/a.pdf, evidence/b.pdf]",
        "",
      ].join("\n"),
    );
  });
});
