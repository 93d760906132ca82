import { describe, expect, it } from "vitest";
import { editItemFields } from "./edit.js";

const FILE = `# 张丽的记录
teacher: t01
records:
  - date: 2025-10-12   # 周日
    kind: observation
    title: 听课《荷塘月色》

  # 论文
  - date: 2025-11-20
    kind: paper
    title: 《提问》
    status: 录入
    evidence:
      - evidence/a.pdf
  - { date: 2025-12-01, kind: reflection, title: 反思 }
`;

describe("editItemFields", () => {
  it("adds fields after the item's last line, indented like its others; every other byte stays", () => {
    const r = editItemFields(FILE, "records", 0, { status: "审定", approver: "t05" });
    expect(r).toEqual({ ok: true, text: FILE.replace("    title: 听课《荷塘月色》\n", "    title: 听课《荷塘月色》\n    status: 审定\n    approver: t05\n") });
  });

  it("replaces a value where it stands and adds after a block list", () => {
    const r = editItemFields(FILE, "records", 1, { status: "退回", reason: "缺少证书" });
    expect(r.ok && r.text).toBe(FILE.replace("    status: 录入\n", "    status: 退回\n").replace("      - evidence/a.pdf\n", "      - evidence/a.pdf\n    reason: 缺少证书\n"));
  });

  it("edits a flow-style item inside its braces", () => {
    const r = editItemFields(FILE, "records", 2, { status: "审定" });
    expect(r.ok && r.text).toBe(FILE.replace("title: 反思 }", "title: 反思, status: 审定 }"));
  });

  it("removes a field's line, and quotes values YAML would read otherwise", () => {
    const r = editItemFields(FILE, "records", 1, { status: undefined, seal: "123456789012" });
    expect(r.ok && r.text).toBe(FILE.replace("    status: 录入\n", "").replace("      - evidence/a.pdf\n", '      - evidence/a.pdf\n    seal: "123456789012"\n'));
  });

  it("keeps a comment on its own line above a removed field: they are the writer's words, and may be about the lines after", () => {
    const text = "teacher: t01\nrecords:\n  - date: 2025-10-12\n    kind: observation\n    title: 听课\n    # 初二(3)班,两节连堂\n    count: 2\n    notes: 区教研员同听\n";
    const r = editItemFields(text, "records", 0, { kind: "paper", count: undefined });
    expect(r.ok && r.text).toBe("teacher: t01\nrecords:\n  - date: 2025-10-12\n    kind: paper\n    title: 听课\n    # 初二(3)班,两节连堂\n    notes: 区教研员同听\n");
  });

  it("keeps CRLF line ends and a BOM", () => {
    const crlf = "\uFEFF" + FILE.replace(/\n/g, "\r\n");
    const r = editItemFields(crlf, "records", 0, { status: "审定" });
    expect(r.ok && r.text).toBe(crlf.replace("    title: 听课《荷塘月色》\r\n", "    title: 听课《荷塘月色》\r\n    status: 审定\r\n"));
  });

  it("adds to the last item of a file without a final newline", () => {
    const text = "teacher: t01\nrecords:\n- date: 2025-10-12\n  kind: paper\n  title: x";
    const r = editItemFields(text, "records", 0, { status: "审定" });
    expect(r.ok && r.text).toBe("teacher: t01\nrecords:\n- date: 2025-10-12\n  kind: paper\n  title: x\n  status: 审定");
  });

  it("refuses an item that does not exist, and broken YAML", () => {
    expect(editItemFields(FILE, "records", 3, { status: "审定" })).toEqual({ ok: false, reason: "no-such-item" });
    expect(editItemFields("teacher: [", "records", 0, { status: "审定" })).toEqual({ ok: false, reason: "unparsable" });
  });

  it("refuses removing the field that shares the dash's line rather than reformat", () => {
    expect(editItemFields(FILE, "records", 0, { date: undefined })).toEqual({ ok: false, reason: "would-reformat" });
  });

  describe("lists of strings (evidence)", () => {
    it("adds a block list two columns in, after the item's last line", () => {
      const r = editItemFields(FILE, "records", 0, { evidence: ["evidence/t01/a.jpg", "evidence/t01/b.pdf"] });
      expect(r.ok && r.text).toBe(FILE.replace("    title: 听课《荷塘月色》\n", "    title: 听课《荷塘月色》\n    evidence:\n      - evidence/t01/a.jpg\n      - evidence/t01/b.pdf\n"));
    });

    it("rewrites a block list in place, the lines around it kept", () => {
      const r = editItemFields(FILE, "records", 1, { evidence: ["evidence/a.pdf", "evidence/b.jpg"], status: "退回" });
      expect(r.ok && r.text).toBe(FILE.replace("    status: 录入\n", "    status: 退回\n").replace("      - evidence/a.pdf\n", "      - evidence/a.pdf\n      - evidence/b.jpg\n"));
    });

    it("turns a scalar into a list and a list into a scalar", () => {
      const one = "teacher: t01\nrecords:\n  - date: 2025-10-12\n    kind: paper\n    title: x\n    evidence: evidence/a.pdf  # 证书\n    notes: n\n";
      const two = editItemFields(one, "records", 0, { evidence: ["evidence/a.pdf", "evidence/b.pdf"] });
      expect(two.ok && two.text).toBe(one.replace("    evidence: evidence/a.pdf  # 证书\n", "    evidence:\n      - evidence/a.pdf\n      - evidence/b.pdf  # 证书\n"));
      const back = editItemFields(FILE, "records", 1, { evidence: "evidence/b.pdf" });
      expect(back.ok && back.text).toBe(FILE.replace("    evidence:\n      - evidence/a.pdf\n", "    evidence: evidence/b.pdf\n"));
    });

    it("writes a flow list inside a flow item, and keeps CRLF", () => {
      const r = editItemFields(FILE, "records", 2, { evidence: ["evidence/a.pdf", "evidence/b 2.pdf"] });
      expect(r.ok && r.text).toBe(FILE.replace("title: 反思 }", "title: 反思, evidence: [evidence/a.pdf, evidence/b 2.pdf] }"));
      const crlf = FILE.replace(/\n/g, "\r\n");
      const c = editItemFields(crlf, "records", 1, { evidence: ["evidence/a.pdf", "evidence/c.png"] });
      expect(c.ok && c.text).toBe(crlf.replace("      - evidence/a.pdf\r\n", "      - evidence/a.pdf\r\n      - evidence/c.png\r\n"));
    });

    it("removes a whole block list", () => {
      const r = editItemFields(FILE, "records", 1, { evidence: undefined });
      expect(r.ok && r.text).toBe(FILE.replace("    evidence:\n      - evidence/a.pdf\n", ""));
    });
  });
});
