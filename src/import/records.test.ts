import { describe, expect, it } from "vitest";
import { readDate, readNumber } from "./records.js";
import { splitList } from "./fields.js";
import { findKind, findTeacher } from "./who.js";
import type { Teacher } from "../model.js";
import type { KindDef } from "../rules/types.js";

describe("cells as people type them", () => {
  it("dates: ISO, slashes, dots, 年月日, Excel day numbers; impossible dates are not dates", () => {
    const read = (s: string) => readDate(s, "2026-11-23");
    expect(["2025-09-01", "2025/9/1", "2025.9.1", "2025年9月1日", "２０２５/９/１"].map(read)).toEqual(Array(5).fill("2025-09-01"));
    // Without the year: the latest such day not after today (2026-11-23): 12-20 is last December.
    expect([read("9月1日"), read("12-20")]).toEqual(["2026-09-01", "2025-12-20"]);
    // Excel counts days from 1899-12-30: 45901 is 2025-09-01 (45658 is 2025-01-01, + 243 days).
    expect(read("45901")).toBe("2025-09-01");
    expect([read("2025-02-30"), read("2025-13-01"), read("九月一日"), read("2025-9")]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("numbers: plain or full-width; empty is none; anything else is NaN", () => {
    expect([readNumber("12"), readNumber("１２"), readNumber("1.5"), readNumber(" ")]).toEqual([12, 12, 1.5, undefined]);
    expect([readNumber("3节"), readNumber("-1"), readNumber("1e3")].every(Number.isNaN)).toBe(true);
  });

  it("lists split by lines, 、 , ; (evidence by lines and ; only: a path may hold a comma)", () => {
    expect(splitList("t01、t02,t03;t04\nt05")).toEqual(["t01", "t02", "t03", "t04", "t05"]);
    expect(splitList("evidence/t01/a,b.pdf\nevidence/t01/c.jpg", false)).toEqual(["evidence/t01/a,b.pdf", "evidence/t01/c.jpg"]);
  });
});

const teacher = (id: string, name: string, groups: string[] = []): Teacher => ({ id, name, groups, roles: [], emails: [], line: 1 });

describe("who and what a cell names", () => {
  const teachers = [teacher("t01", "王丽", ["chinese"]), teacher("t02", "王丽", ["math"]), teacher("t03", "张明")];
  const groups = [{ id: "chinese", name: "语文组", type: "教研组" }, { id: "math", name: "数学组", type: "教研组" }] as never;
  it("a teacher by id, by a unique name; two of a name are named with their groups", () => {
    expect(findTeacher(teachers, groups, "t02", "zh")).toEqual({ ok: teachers[1] });
    expect(findTeacher(teachers, groups, " 张明 ", "zh")).toEqual({ ok: teachers[2] });
    expect(findTeacher(teachers, groups, "王丽", "zh")).toEqual({ error: "名册中有 2 位教师叫「王丽」:t01(语文组)、t02(数学组);请填工号" });
    expect(findTeacher(teachers, groups, "张敏", "en")).toEqual({ error: "no teacher '张敏' on the roster; did you mean '张明'?" });
  });

  it("a kind by id, Chinese label or English label", () => {
    const kinds = new Map<string, KindDef>([["observation", { id: "observation", label: "听课/观课议课", labelEn: "lessons observed", fields: ["count"] }]]);
    expect(["observation", "听课/观课议课", "Lessons Observed"].map((k) => "ok" in findKind(kinds, k, "zh"))).toEqual([true, true, true]);
    expect(findKind(kinds, "听课", "zh")).toEqual({ error: "规则中没有活动类型「听课」;是不是「听课/观课议课」?(类型见模板的「类型说明」表)" });
  });
});
