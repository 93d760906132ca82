import { describe, expect, it } from "vitest";
import { attendanceFromLists, buildRecord, buildSession } from "../../src/add/record.js";
import { newProblems } from "../../src/add/validate.js";
import type { Problem } from "../../src/problem.js";

describe("buildRecord", () => {
  it("orders fields for a reader, drops empty ones, and writes one evidence path as a string", () => {
    const r = buildRecord({ notes: "备注", count: 3, title: " 听课 ", kind: "observation", date: "2025-10-12", evidence: ["evidence/a.pdf"], level: "" });
    expect(Object.entries(r)).toEqual([["date", "2025-10-12"], ["kind", "observation"], ["title", "听课"], ["count", 3], ["evidence", "evidence/a.pdf"], ["notes", "备注"]]);
  });
});

describe("attendance", () => {
  const members = ["t01", "t02", "t03", "t04"];
  it("counts members named nowhere as present when --present is omitted", () => {
    expect(attendanceFromLists(members, { absent: ["t03"], late: ["t02"] })).toEqual({
      attendance: { t01: "present", t02: "late", t03: "absent", t04: "present" },
      twice: [],
    });
  });
  it("lists only the named when --present is given, and reports anyone under two statuses", () => {
    expect(attendanceFromLists(members, { present: ["t01", "t02"], excused: ["t02"], leftEarly: ["t09"] })).toEqual({
      attendance: { t01: "present", t02: "excused", t09: "left-early" },
      twice: ["t02"],
    });
  });
  it("writes attendance in Chinese after the lead", () => {
    expect(buildSession({ date: "2025-10-12", kind: "collective-prep", title: "备课", lead: "t01", attendance: { t01: "present", t02: "left-early" }, ref: "r1" })).toEqual({
      date: "2025-10-12", kind: "collective-prep", title: "备课", lead: "t01", attendance: { t01: "出勤", t02: "早退" }, ref: "r1",
    });
  });
});

describe("newProblems", () => {
  const p = (line: number, message: string): Problem => ({ check: "c", severity: "error", file: "f.yaml", line, column: 1, message: { id: "test", data: { message } }, sourceLine: "x" });
  it("keeps only what the write brings, even when old problems move down a line", () => {
    expect(newProblems([p(3, "a"), p(5, "a")], [p(4, "a"), p(6, "a"), p(7, "a"), p(8, "b")])).toEqual([p(7, "a"), p(8, "b")]);
  });
});
