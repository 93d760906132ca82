import { describe, expect, it } from "vitest";
import { journalText, parseJournal, plainDataPath, sha256, type JournalSave } from "./journal.js";

const save: JournalSave = {
  author: { name: "王老师", email: "t01@school.test" },
  subject: "records: t01 听课",
  files: [
    { path: "records/2025-2026-2/t01.yaml", sha256: sha256(Buffer.from("new")), before: sha256(Buffer.from("old")) },
    { path: "evidence/t01/照片.jpg", sha256: sha256(Buffer.from([0xff, 0xd8])), before: null },
  ],
};

describe("the batch's note", () => {
  it("reads back what it wrote", () => {
    expect(parseJournal(journalText({ saves: [save, save] }))).toEqual({ saves: [save, save] });
    const head = "a".repeat(40);
    expect(parseJournal(journalText({ head, committed: "b".repeat(40), saves: [save] }))).toEqual({ head, committed: "b".repeat(40), saves: [save] });
  });

  it("an emptied note holds nothing to finish", () => {
    expect(parseJournal("")).toEqual({ saves: [] });
    expect(parseJournal("\n")).toEqual({ saves: [] });
  });

  it("a note cut short, of another version, or naming a path it could not have written is not one", () => {
    const whole = journalText({ saves: [save] });
    expect(parseJournal(whole.slice(0, whole.length - 10))).toBeUndefined();
    expect(parseJournal(whole.replace('"version":1', '"version":2'))).toBeUndefined();
    expect(parseJournal("null")).toBeUndefined();
    expect(parseJournal("[1]")).toBeUndefined();
    const withFile = (f: Partial<JournalSave["files"][number]>) => journalText({ saves: [{ ...save, files: [{ ...save.files[0]!, ...f }] }] });
    expect(parseJournal(withFile({ path: "a\nb" }))).toBeUndefined();
    expect(parseJournal(withFile({ sha256: "abc" }))).toBeUndefined();
    expect(parseJournal(journalText({ saves: [{ ...save, files: [] }] }))).toBeUndefined();
    expect(parseJournal(journalText({ head: "HEAD", saves: [save] }))).toBeUndefined();
    // A forged note naming what the server never writes is not one: it would commit it.
    for (const path of ["../outside.txt", ".git/config", ".yanxiu-serve/accounts.json", "records/../.git/config", "/etc/passwd", "records//t01.yaml", "records\\t01.yaml", "node_modules/x.js"]) {
      expect(plainDataPath(path), path).toBe(false);
      expect(parseJournal(withFile({ path })), path).toBeUndefined();
    }
    expect(plainDataPath("evidence/t01/2026-04-15-听课 记录.jpg")).toBe(true);
  });

  it("hashes bytes as SHA-256", () => {
    expect(sha256(Buffer.from("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
