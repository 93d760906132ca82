import { describe, expect, it } from "vitest";
import { categoryCapNote } from "./score-doc.js";
import type { TeacherRow, TeacherTable } from "./teacher-table.js";

const row = (categories: { raw: number; credited: number }[]): TeacherRow => ({
  teacher: "t01", name: "甲", groups: [], roles: [], items: [], categories, requirements: [], total: 0, grade: "", met: true, standing: "met",
});
const table = (rows: TeacherRow[]): TeacherTable => ({
  scheme: "测试", unit: "学时", period: { type: "year", id: "2025-2026", start: "2025-09-01", end: "2026-08-31" },
  items: [],
  categories: [{ id: "teaching", label: "备课上课与观课议课", cap: 20 }, { id: "lessons", label: "公开课与评选", cap: 10 }, { id: "ethics", label: "师德" }],
  rows, notScored: [],
});

describe("categoryCapNote", () => {
  it("names each capped category that cut someone's total, and only those", () => {
    // 备课上课与观课议课: 28 cut to 20 for the second teacher; 公开课与评选 at its cap but not over; 师德 has no cap.
    const tt = table([
      row([{ raw: 12, credited: 12 }, { raw: 10, credited: 10 }, { raw: 6, credited: 6 }]),
      row([{ raw: 28, credited: 20 }, { raw: 3, credited: 3 }, { raw: 6, credited: 6 }]),
    ]);
    expect(categoryCapNote(tt, "zh")).toEqual(["合计按类别上限计(「备课上课与观课议课」上限 20 学时),所以各项之和可能大于合计"]);
    expect(categoryCapNote(tt, "en")).toEqual(["Totals apply category caps (备课上课与观课议课 at most 20 学时), so a row's items may add up to more than its total"]);
  });

  it("says nothing when no category cap cut anything", () => {
    expect(categoryCapNote(table([row([{ raw: 20, credited: 20 }, { raw: 10, credited: 10 }, { raw: 6, credited: 6 }])]), "zh")).toEqual([]);
  });
});
