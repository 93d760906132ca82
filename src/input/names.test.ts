import { describe, expect, it } from "vitest";
import type { Group, Teacher } from "../model.js";
import { groupNotFound, resolveGroup, resolveTeacher, resolveTeachers, splitList, teacherNotFound } from "./names.js";

const teacher = (id: string, name: string, groups: string[] = [], emails: string[] = []): Teacher =>
  ({ id, name, groups, emails, roles: [], line: 1 });
const TEACHERS = [
  teacher("t01", "黄敏斌", ["chinese"], ["huang@school.cn"]),
  teacher("t07", "李娜", ["chinese"]),
  teacher("t12", "李娜", ["math"]),
  teacher("t20", "王芳", ["math"]),
  teacher("wang", "王小明"),
];
const GROUPS: Group[] = [
  { id: "chinese", name: "语文组", type: "教研组" },
  { id: "math", name: "数学教研组", type: "教研组" },
  { id: "math-upper", name: "高年级数学备课组", type: "备课组", parent: "math" },
];

const id = (r: ReturnType<typeof resolveTeacher> | ReturnType<typeof resolveGroup>) => (r.ok ? r.value.id : r);

describe("resolveTeacher", () => {
  it.each([
    ["t01", "t01"],
    [" t20 ", "t20"],
    ["ｔ０１", "t01"], // full-width, typed with a Chinese input method
    ["T01", "t01"],
    ["黄敏斌", "t01"],
    ["黄 敏斌", "t01"], // a space inside the name
    ["王芳\u200B", "t20"], // a zero-width space pasted along
    ["HUANG@school.cn", "t01"],
    ["wang", "wang"], // an id wins over a name containing it
  ])("%s → %s", (text, expected) => {
    expect(id(resolveTeacher(TEACHERS, text))).toBe(expected);
  });

  it("a name two teachers share is ambiguous, with both named", () => {
    const r = resolveTeacher(TEACHERS, "李娜");
    expect(r).toEqual({ ok: false, reason: "ambiguous", candidates: [TEACHERS[1], TEACHERS[2]] });
    expect(teacherNotFound("李娜", r as never, "zh", GROUPS, "--late")).toBe(
      "名册里有 2 位教师叫「李娜」:t07(李娜,语文组)、t12(李娜,数学教研组);请用编号,比如 --late t07");
    expect(teacherNotFound("李娜", r as never, "en", GROUPS, "--late")).toBe(
      "2 teachers in the roster are called '李娜': t07 (李娜; 语文组), t12 (李娜; 数学教研组); use an id, e.g. --late t07");
  });

  it("an unknown teacher, with the closest one suggested when it looks like a typo", () => {
    const typo = resolveTeacher(TEACHERS, "t02");
    expect(typo).toEqual({ ok: false, reason: "unknown", guess: TEACHERS[0] });
    expect(teacherNotFound("t02", typo as never, "zh")).toBe("名册里没有教师「t02」;是不是 黄敏斌(t01)?");
    expect(teacherNotFound("t02", typo as never, "en", [], "--teacher")).toBe("--teacher t02: there is no teacher 't02' in the roster; did you mean 黄敏斌 (t01)?");
    const none = resolveTeacher(TEACHERS, "赵钱孙李周吴郑");
    expect(none).toEqual({ ok: false, reason: "unknown", guess: undefined });
    expect(teacherNotFound("赵钱孙李周吴郑", none as never, "zh", [], "--absent")).toBe("--absent 赵钱孙李周吴郑:名册里没有教师「赵钱孙李周吴郑」;用 roster.yaml 中的编号或姓名");
  });
});

describe("resolveGroup", () => {
  it.each([
    ["chinese", "chinese"],
    ["语文组", "chinese"],
    ["语文教研组", "chinese"], // the group is called 语文组: the type word differs
    ["数学组", "math"], // and the other way round
    ["高年级数学备课组", "math-upper"],
    ["高年级数学组", "math-upper"],
    ["ＭＡＴＨ", "math"],
  ])("%s → %s", (text, expected) => {
    expect(id(resolveGroup(GROUPS, text))).toBe(expected);
  });

  it("a name that two groups fold to is ambiguous; an unknown one suggests the closest", () => {
    const groups = [...GROUPS, { id: "chinese-prep", name: "语文备课组", type: "备课组" }];
    const r = resolveGroup(groups, "语文教研组");
    expect(r.ok).toBe(false);
    expect(groupNotFound("语文教研组", r as never, "zh")).toBe("「语文教研组」可能是 语文组(chinese)、语文备课组(chinese-prep);请用编号,比如 --group chinese");
    const typo = resolveGroup(GROUPS, "chinse");
    expect(groupNotFound("chinse", typo as never, "en", "--group")).toBe("--group chinse: there is no group 'chinse' in the roster; did you mean 语文组 (chinese)?");
    expect(groupNotFound("信息技术组", resolveGroup(GROUPS, "信息技术组") as never, "zh")).toBe("名册里没有教研组「信息技术组」;用 roster.yaml 中组的编号或名称");
  });
});

describe("lists", () => {
  it("split on half- and full-width commas, 、 and spaces", () => {
    expect(splitList("t01, 李娜，王芳、 t20　wang")).toEqual(["t01", "李娜", "王芳", "t20", "wang"]);
  });

  it("resolve every name, or name the first that does not resolve", () => {
    const ok = resolveTeachers(TEACHERS, "黄敏斌、t12");
    expect(ok.ok && ok.value.map((x) => x.id)).toEqual(["t01", "t12"]);
    const bad = resolveTeachers(TEACHERS, "黄敏斌,李娜,王芳");
    expect(bad.ok ? undefined : bad.text).toBe("李娜");
  });
});
