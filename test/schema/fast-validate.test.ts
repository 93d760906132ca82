/**
 * The hand-written validator (src/schema/fast-validate.ts) may only ever take a file zod takes,
 * giving the very same output; on anything else it must defer (undefined) so zod reports it.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "yaml";
import { recordFileSchema, rosterSchema, sessionFileSchema } from "../../src/schema/files.js";
import { fastRecordFile, fastRosterFile, fastSessionFile } from "../../src/schema/fast-validate.js";
import { DEMO_SCHOOL, schoolFiles } from "../../src/synth/index.js";

function agree(kind: "records" | "sessions", data: unknown): "fast" | "zod-only" {
  const fast = kind === "records" ? fastRecordFile(data) : fastSessionFile(data);
  const zod = (kind === "records" ? recordFileSchema : sessionFileSchema).safeParse(data);
  if (fast === undefined) return "zod-only";
  expect(zod.success, JSON.stringify(data)).toBe(true);
  expect(fast).toStrictEqual(zod.data);
  return "fast";
}

/** Per field: values zod takes, and values at or past its edges. */
const POOLS: Record<string, { good: unknown[]; bad: unknown[] }> = {
  date: { good: ["2025-09-12", "2024-02-29", "2025-09-12T08:30", "2025-09-12 08:30:00+08:00"], bad: ["2025-02-30", "2025-9-12", "0099-01-01", "2025-10-15T25:99", "2025-10-15T10:60", "2025-10-15T10:00+15:00", "２０２５-09-12", "", 20250912, null] },
  kind: { good: ["lecture", "听课", "x", "k".repeat(100)], bad: ["", 1, null, ["lecture"], "k".repeat(101)] },
  title: { good: ["公开课", " 空格 ", "a", "题".repeat(200), "a\u200bb"], bad: ["", 0, null, {}, "题".repeat(201), "a\u202eb", "\u2067x", "x\u200f"] },
  hours: { good: [1, 0.5, 1000, 999.99], bad: [0, -0, -1, 1000.0001, 1001, Number.NaN, Number.POSITIVE_INFINITY, "2", null] },
  level: { good: ["校级", "区级", "school"], bad: ["校级 ", "宇宙级", "", 1] },
  award: { good: ["一等奖"], bad: ["一等奖 ", "金奖?", 1] },
  role: { good: ["主讲", "participant"], bad: ["boss", ""] },
  stage: { good: ["初中", "小学"], bad: ["大学?", 3] },
  count: { good: [0, 1, 12, 10_000], bad: [10_001, -1, 1.5, 2 ** 53, Number.NaN, "3"] },
  words: { good: [0, 1200, 1_000_000], bad: [1_000_001, 9_999_999, -5, 0.5, "1200"] },
  score: { good: [0, -0, 88.5, 1000], bad: [1000.5, -0.1, Number.POSITIVE_INFINITY, "90"] },
  evidence: { good: ["evidence/a.pdf", ["a.pdf", "b.jpg"]], bad: ["", [], [""], ["a", 1], {}, null] },
  status: { good: ["approved", "已审核"], bad: ["ok", ""] },
  approver: { good: ["t01", "A.b_c-1", "a".repeat(64)], bad: ["t 01", "-t01", "", "教师", "a".repeat(65)] },
  ref: { good: ["proj-1", "课题", "r".repeat(200)], bad: ["", 5, "r".repeat(201), "a\u202ab"] },
  notes: { good: ["", "说明", "n".repeat(2000)], bad: [1, null, [], "n".repeat(2001), "\u202e"] },
  lead: { good: ["t01"], bad: ["t 01", ""] },
  attendance: { good: [{ t01: "present", t02: "缺席" }, {}, { "1": "late" }], bad: [{ t01: "maybe" }, { "t 1": "present" }, { t01: null }, [], null] },
  extra: { good: [], bad: [1, "x"] },
};
const OPTIONAL = Object.keys(POOLS).filter((f) => !["date", "kind", "title"].includes(f));

const value = (field: string) => {
  const { good, bad } = POOLS[field]!;
  return good.length === 0 ? fc.constantFrom(...bad) : fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
};

const item = (session: boolean) =>
  fc
    .record({
      required: fc.record({ date: value("date"), kind: value("kind"), title: value("title") }),
      optional: fc.subarray(OPTIONAL.filter((f) => session || (f !== "lead" && f !== "attendance")), { maxLength: 5 }).chain((fields) =>
        fc.tuple(...fields.map((f) => value(f).map((v) => [f, v] as const))),
      ),
      attendance: value("attendance"),
    })
    .map(({ required, optional, attendance }) => {
      const o: Record<string, unknown> = { ...required, ...Object.fromEntries(optional) };
      if (session) o.attendance ??= attendance;
      return o;
    });

describe("fast validator", () => {
  it("takes every generated record and session file, exactly as zod does", () => {
    let files = 0;
    for (const [path, text] of schoolFiles({ ...DEMO_SCHOOL, evidence: false })) {
      const kind = path.startsWith("records/") ? "records" : path.startsWith("sessions/") ? "sessions" : undefined;
      if (!kind) continue;
      expect(agree(kind, parse(text)), path).toBe("fast");
      files++;
    }
    expect(files).toBeGreaterThan(20);
  });

  it("never takes what zod refuses, and gives zod's output when it takes a file", () => {
    let fast = 0;
    fc.assert(
      fc.property(
        fc.constantFrom("records", "sessions").chain((kind) =>
          fc.tuple(fc.constant(kind), fc.array(fc.oneof({ weight: 30, arbitrary: item(kind === "sessions") }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "x", [], 3) }), { maxLength: 3 })),
        ),
        fc.oneof({ weight: 20, arbitrary: fc.constantFrom<unknown>("t01", "chinese") }, { weight: 1, arbitrary: fc.constantFrom<unknown>("t 01", "", 7) }),
        fc.option(fc.oneof({ weight: 5, arbitrary: fc.constant<unknown>("https://x") }, { weight: 1, arbitrary: fc.constantFrom<unknown>(3, null) }), { freq: 3 }),
        ([kind, items], owner, schema) => {
          const data: Record<string, unknown> = kind === "records" ? { teacher: owner, records: items } : { group: owner, sessions: items };
          if (schema !== null) data.$schema = schema;
          if (agree(kind as "records" | "sessions", data) === "fast") fast++;
        },
      ),
      { numRuns: 4000 },
    );
    expect(fast).toBeGreaterThan(1000); // not vacuous: valid files do take the fast path
  });

  it("answers a date seen before as it did the first time, and still defers on an impossible one", () => {
    // Valid days are remembered: the same day again (and a day with a time, kept whole) must agree
    // with zod each time, and no remembered day may let a near miss through.
    const file = (date: unknown) => ({ teacher: "t01", records: [{ date, kind: "听课", title: "x" }] });
    for (let round = 0; round < 2; round++) {
      for (const d of ["2024-02-29", "2025-09-12", "2025-09-12T08:30", "2025-09-12 08:30:00+08:00"]) expect(agree("records", file(d))).toBe("fast");
      for (const d of ["2025-02-29", "2025-09-31", "2025-09-12T25:00", "2025-9-12", " 2025-09-12", "2025-09-12 "]) expect(agree("records", file(d))).toBe("zod-only");
    }
    expect(fastRecordFile(file("2025-09-12T08:30"))!.records[0]!.date).toBe("2025-09-12");
  });

  it("defers on hand-picked hostile files", () => {
    const rec = (r: Record<string, unknown>) => ({ teacher: "t01", records: [{ date: "2025-09-12", kind: "lecture", title: "公开课", ...r }] });
    const cases: unknown[] = [
      rec({ hours: Number.NaN }), rec({ hours: Infinity }), rec({ hours: "2" }), rec({ count: 1.5 }), rec({ count: 2 ** 53 }),
      rec({ date: "2025-02-29" }), rec({ level: "校级 " }), rec({ evidence: "" }), rec({ words: Infinity }), rec({ title: "" }), rec({ unknown: 1 }), rec({ notes: null }), rec({ evidence: [""] }),
      JSON.parse('{"teacher":"t01","records":[{"date":"2025-09-12","kind":"k","title":"t","__proto__":{"x":1}}]}'),
      { teacher: "t01", records: [{ date: "2025-09-12", kind: "k", title: "t" }], extra: 1 },
      { teacher: "t01" }, { records: [] }, [], null, "text",
    ];
    for (const c of cases) expect(agree("records", c)).toBe("zod-only");
    expect(agree("records", { teacher: "t01", records: null })).toBe("zod-only");
    expect(agree("records", rec({ date: "2025-09-12T08:30:00+08:00", evidence: "a.pdf", count: 0 }))).toBe("fast");
  });
});

describe("fast roster validator", () => {
  /** Takes what zod takes with the same output, key order included; else defers. */
  function agreeRoster(data: unknown): "fast" | "zod-only" {
    const fast = fastRosterFile(data);
    const zod = rosterSchema.safeParse(data);
    if (fast === undefined) return "zod-only";
    expect(zod.success, JSON.stringify(data)).toBe(true);
    expect(fast).toStrictEqual(zod.data);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
    return "fast";
  }
  const rosterOf = (school: typeof DEMO_SCHOOL) => parse([...schoolFiles({ ...school, evidence: false })].find(([path]) => path === "roster.yaml")![1]);

  it("takes the generated rosters (dated roles, joined and left, groups with parents) as zod does", () => {
    for (const seed of [1, 2, 3]) expect(agreeRoster(rosterOf({ ...DEMO_SCHOOL, seed, teachers: 120 }))).toBe("fast");
  });

  it("never takes what zod refuses, and gives zod's output when it takes a roster", () => {
    const pick = <T>(good: T[], bad: unknown[]) => fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
    const optional = (name: string, a: fc.Arbitrary<unknown>) => fc.option(a.map((v) => [name, v] as const), { freq: 2 });
    const teacher = fc
      .tuple(
        pick(["t01", "T.2_x-3"], ["t 01", "", 5, "教师", "a".repeat(65)]).map((v) => ["id", v] as const),
        pick(["李娜", "n".repeat(100)], ["", "n".repeat(101), "a\u202eb", null]).map((v) => ["name", v] as const),
        optional("groups", pick([[], ["chinese", "math"]], [["语文"], "chinese", null, [""]])),
        optional("roles", pick([["教师"], [{ role: "组长", from: "2025-09-01" }, "行政"], [{ role: "r", to: "2025-09-01T08:00" }]], [[""], [{ role: "" }], [{ role: "r", from: "2025-02-30" }], [{ role: "r", extra: 1 }], [3], "教师"])),
        optional("emails", pick([["a@b.c"], []], [["ab"], "a@b.c", [null]])),
        optional("keys", pick([["gpg:ABCD"]], [[""], "k"])),
        optional("joined", pick(["2020-09-01", "2020-09-01 08:00"], ["2020-13-01", "", 2020])),
        optional("left", pick(["2026-07-01"], ["2026-7-1"])),
        optional("scored", pick([false, true], ["false", 0])),
        optional("notes", pick(["", "兼任"], [1, null])),
        fc.oneof({ weight: 30, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(1, "x").map((v) => ["extra", v] as const) }),
      )
      .map((fields) => Object.fromEntries(fields.filter((f) => f !== null) as [string, unknown][]));
    const group = fc
      .tuple(
        pick(["chinese"], ["语文组", ""]).map((v) => ["id", v] as const),
        pick(["语文组"], ["", null]).map((v) => ["name", v] as const),
        optional("type", pick(["教研组", "备课组", "lesson-prep"], ["组", ""])),
        optional("parent", pick(["chinese"], ["x y"])),
        optional("leader", pick(["t01"], [""])),
      )
      .map((fields) => Object.fromEntries(fields.filter((f) => f !== null) as [string, unknown][]));
    let fast = 0;
    fc.assert(
      fc.property(fc.array(teacher, { minLength: 1, maxLength: 3 }), fc.option(fc.array(group, { maxLength: 2 }), { freq: 3 }), fc.option(pick(["https://x"], [3]), { freq: 3 }), (teachers, groups, schema) => {
        const data: Record<string, unknown> = { teachers };
        if (groups !== null) data.groups = groups;
        if (schema !== null) data.$schema = schema;
        if (agreeRoster(data) === "fast") fast++;
      }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(500); // not vacuous
    for (const bad of [{ teachers: [] }, { groups: [] }, { teachers: null }, { teachers: [{ id: "t01", name: "n" }], groups: null }, [], null]) expect(agreeRoster(bad)).toBe("zod-only");
  });
});
