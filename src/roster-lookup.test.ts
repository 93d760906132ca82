import { describe, expect, it } from "vitest";
import type { Group, Roster, Teacher } from "./model.js";
import { rosterLookup } from "./roster-lookup.js";

const teacher = (id: string, name: string, groups: string[], line: number): Teacher => ({ id, name, groups, roles: [], emails: [], line });
const group = (id: string, name: string): Group => ({ id, name, type: "subject" });

describe("rosterLookup", () => {
  // t02 written twice (the roster check reports it): first and last differ, as find() and new Map() see them.
  const roster: Roster = {
    file: "roster.yaml",
    teachers: [teacher("t01", "王芳", ["math"], 3), teacher("t02", "李娜", ["math", "arts"], 9), teacher("t03", "王芳", ["arts"], 15), teacher("t02", "李娜二", [], 21)],
    groups: [group("math", "数学组"), group("arts", "综合组"), group("math", "数学组二")],
  };

  it("finds teachers and groups by id, first and last of an id written twice, names shared, members", () => {
    const r = rosterLookup(roster);
    expect(r.ids).toEqual(["t01", "t02", "t03", "t02"]);
    expect(r.teacher.get("t02")!.line).toBe(9);
    expect(r.lastTeacher.get("t02")!.line).toBe(21);
    expect(r.idsByName.get("王芳")).toEqual(["t01", "t03"]);
    expect(r.idsByName.has("t01")).toBe(false);
    expect(r.groupIds).toEqual(["math", "arts", "math"]);
    expect(r.group.get("math")!.name).toBe("数学组");
    expect(r.lastGroup.get("math")!.name).toBe("数学组二");
    expect([...r.membersOf.get("math")!]).toEqual(["t01", "t02"]);
    expect([...r.membersOf.get("arts")!]).toEqual(["t02", "t03"]);
    expect(r.teacher.has("__proto__")).toBe(false);
  });

  it("is built once per roster object: the same lookup for the same roster, another for a roster read again", () => {
    expect(rosterLookup(roster)).toBe(rosterLookup(roster));
    const again: Roster = { ...roster, teachers: [...roster.teachers, teacher("t90", "新来的", ["arts"], 27)] };
    expect(rosterLookup(again)).not.toBe(rosterLookup(roster));
    expect(rosterLookup(again).teacher.has("t90")).toBe(true);
    expect(rosterLookup(roster).teacher.has("t90")).toBe(false);
  });
});
