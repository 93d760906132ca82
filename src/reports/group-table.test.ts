import { describe, expect, it } from "vitest";
import { scoreDataset } from "../score/evaluate.js";
import { act, dataset, schemeOf, teacher } from "../score/fixture.js";
import { buildGroupTable } from "./group-table.js";
import { buildTeacherTable } from "./teacher-table.js";

const scheme = schemeOf(`
kinds: [{ id: talk }]
items:
  - { id: talk, kinds: [talk], each: 3 }
requirements:
  - { id: total, total: true, minimum: 6 }
`);
const YEAR = { type: "year" as const, id: "2015-2016", start: "2015-09-01", end: "2016-08-31" };
const groups = [
  { id: "math", name: "数学组", type: "教研组" },
  { id: "art", name: "美术组", type: "教研组" },
];
// a: 3 talks = 9 (met); b: 1 = 3 (short 3); c: none = 0 (short 6), in no group; d in both groups: 2 = 6 (met)
const d = dataset(
  [teacher("a", [], ["math"]), teacher("b", [], ["math"]), teacher("c", [], []), teacher("d", [], ["math", "art"])],
  [act("a", "2015-10-01", "talk", { count: 3 }), act("b", "2015-10-01", "talk"), act("d", "2015-10-01", "talk", { count: 2 })],
  groups,
);
const result = scoreDataset(d, scheme, YEAR);

describe("group table", () => {
  it("members, averages, 达标率 and shortfalls", () => {
    const rows = buildGroupTable(result, groups, "zh");
    // math: a 9, b 3, d 6 → average 6; met a, d → 2/3
    expect(rows.map((g) => [g.group, g.members, g.averageTotal, g.met, Math.round(g.metRate * 1000) / 1000])).toEqual([
      ["math", 3, 6, 2, 0.667],
      ["art", 1, 6, 1, 1],
      ["-", 1, 0, 0, 0],
    ]);
    expect(rows[0]!.shortfalls.map((s) => [s.teacher, s.unmet[0]!.shortBy])).toEqual([["b", 3]]);
    expect(rows[0]!.itemAverages).toEqual([6]);
    expect(rows[2]!.name).toBe("(未分组)");
  });

  it("filters by group and teacher", () => {
    expect(buildGroupTable(result, groups, "en", { group: "art" }).map((g) => g.group)).toEqual(["art"]);
    expect(buildTeacherTable(result, "en", { group: "math" }).rows.map((r) => r.teacher)).toEqual(["a", "b", "d"]);
    expect(buildTeacherTable(result, "en", { teacher: "c" }).rows.map((r) => [r.teacher, r.total, r.met])).toEqual([["c", 0, false]]);
  });
});
