import { describe, expect, it } from "vitest";
import { journalText, parseJournal, sha256, type JournalSave } from "./journal.js";

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
    expect(parseJournal(journalText([save, save]))).toEqual([save, save]);
  });

  it("an emptied note holds nothing to finish", () => {
    expect(parseJournal("")).toEqual([]);
    expect(parseJournal("\n")).toEqual([]);
  });

  it("a note cut short, of another version, or naming a path it could not have written is not one", () => {
    const whole = journalText([save]);
    expect(parseJournal(whole.slice(0, whole.length - 10))).toBeUndefined();
    expect(parseJournal(whole.replace('"version":1', '"version":2'))).toBeUndefined();
    expect(parseJournal(journalText([{ ...save, files: [{ ...save.files[0]!, path: "a\nb" }] }]))).toBeUndefined();
    expect(parseJournal(journalText([{ ...save, files: [] }]))).toBeUndefined();
    expect(parseJournal(journalText([{ ...save, files: [{ ...save.files[0]!, sha256: "abc" }] }]))).toBeUndefined();
  });

  it("hashes bytes as SHA-256", () => {
    expect(sha256(Buffer.from("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
