import { describe, expect, it } from "vitest";
import { filterMiss, textLength } from "./record-filter.js";

const base = { date: "2025-09-09", evidence: [] as string[] };

describe("filterMiss", () => {
  it("passes a record that meets nothing in particular", () => {
    expect(filterMiss({}, base, undefined)).toBeUndefined();
  });
  it("weeks of the term and weekdays (2025-09-09 is the Tuesday of week 2)", () => {
    expect(filterMiss({ weeks: [2, 4], weekdays: [2] }, base, "2025-09-01")).toBeUndefined();
    expect(filterMiss({ weeks: [3, 4] }, base, "2025-09-01")).toBe("calendar");
    expect(filterMiss({ weekdays: [3] }, base, "2025-09-01")).toBe("calendar");
  });
  it("the role in the activity, not the roster role", () => {
    expect(filterMiss({ activityRoles: ["main-preparer"] }, { ...base, role: "main-preparer" }, undefined)).toBeUndefined();
    expect(filterMiss({ activityRoles: ["main-preparer"] }, { ...base, role: "participant" }, undefined)).toBe("activity-role");
    expect(filterMiss({ activityRoles: ["main-preparer"] }, base, undefined)).toBe("activity-role");
    expect(filterMiss({ exceptActivityRoles: ["main-preparer"] }, { ...base, role: "main-preparer" }, undefined)).toBe("activity-role");
  });
  it("content parts with their lengths: 亮点 / 问题 / 建议 at least 10 字 each", () => {
    const f = { content: { 亮点: 10, 问题: 10, 建议: 10 } };
    const full = { 亮点: "情境导入自然,学生参与面广", 问题: "小组讨论时间偏短,展示不充分", 建议: "压缩讲授时间,留足十分钟讨论" };
    expect(filterMiss(f, { ...base, content: full }, undefined)).toBeUndefined();
    // 9 字 (the spaces are not counted)
    expect(filterMiss(f, { ...base, content: { ...full, 建议: "多 留 讨 论 时 间 给 学 生" } }, undefined)).toBe("no-content");
    expect(filterMiss(f, { ...base, content: { 亮点: full.亮点, 问题: full.问题 } }, undefined)).toBe("no-content");
    expect(filterMiss({ content: { 纪要: 0 } }, { ...base, content: { 纪要: "" } }, undefined)).toBe("no-content");
    expect(textLength(" 一 二 三 ")).toBe(3);
  });
  it("levels (with or above), awards, words and evidence", () => {
    expect(filterMiss({ levels: ["city+"] }, { ...base, level: "province" }, undefined)).toBeUndefined();
    expect(filterMiss({ levels: ["city+"] }, { ...base, level: "district" }, undefined)).toBe("level");
    expect(filterMiss({ levels: ["district"] }, base, undefined)).toBe("level");
    expect(filterMiss({ awards: ["first"] }, { ...base, award: "second" }, undefined)).toBe("award");
    expect(filterMiss({ minWords: 2000 }, { ...base, words: 1999 }, undefined)).toBe("too-short");
    expect(filterMiss({ evidenceCount: 4 }, { ...base, evidence: ["a", "b", "c", "c"] }, undefined)).toBe("no-evidence");
    expect(filterMiss({ evidenceCount: 4 }, { ...base, evidence: ["a", "b", "c", "d"] }, undefined)).toBeUndefined();
  });
});
