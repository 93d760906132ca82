import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { configSchema, recordFileSchema, rosterSchema, sessionFileSchema } from "../schema/files.js";
import { DEMO_SCHOOL, districtFiles, emptyStats, generateSchool, schoolFiles, type SchoolOptions } from "./index.js";
import { scalar } from "./emit.js";

function parse(path: string, text: string): unknown {
  const doc = parseDocument(text, { version: "1.2", strict: true, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0]!.message}`);
  return doc.toJS();
}

/** Checks every file against the zod schemas and the referential rules; returns record and session counts. */
function validate(files: Map<string, string>, asOf = "2026-11-23") {
  const config = configSchema.parse(parse("yanxiu.yaml", files.get("yanxiu.yaml")!));
  const roster = rosterSchema.parse(parse("roster.yaml", files.get("roster.yaml")!));
  const terms = new Map(config.years.flatMap((y) => y.terms).map((t) => [t.id, t]));
  const teachers = new Map(roster.teachers.map((t) => [t.id, t]));
  const groups = new Map(roster.groups.map((g) => [g.id, g]));
  expect(teachers.size).toBe(roster.teachers.length);
  expect(groups.size).toBe(roster.groups.length);
  for (const g of roster.groups) {
    if (g.leader) expect(teachers.has(g.leader), `leader of ${g.id}`).toBe(true);
    if (g.parent) expect(groups.get(g.parent)?.type).toBe("教研组");
  }
  for (const t of roster.teachers) for (const g of t.groups) expect(groups.has(g), `${t.id} in ${g}`).toBe(true);
  const members = (gid: string) => new Set(roster.teachers.filter((t) => t.groups.includes(gid)).map((t) => t.id));
  const emails = roster.teachers.flatMap((t) => t.emails);
  expect(new Set(emails).size).toBe(emails.length);

  const atSchool = (tid: string, date: string) => {
    const t = teachers.get(tid)!;
    return (!t.joined || t.joined <= date) && (!t.left || date < t.left);
  };
  let records = 0;
  let sessions = 0;
  const keys = new Set<string>();
  for (const [path, text] of files) {
    let m = /^records\/([^/]+)\/([^/]+)\.yaml$/.exec(path);
    if (m) {
      const term = terms.get(m[1]!);
      expect(term, path).toBeDefined();
      const r = recordFileSchema.safeParse(parse(path, text));
      if (!r.success) throw new Error(`${path}: ${JSON.stringify(r.error.issues[0])}`);
      expect(r.data.teacher).toBe(m[2]);
      expect(teachers.has(r.data.teacher), path).toBe(true);
      for (const rec of r.data.records) {
        records++;
        expect(rec.date >= term!.start && rec.date <= term!.end && rec.date <= asOf, `${path} ${rec.date}`).toBe(true);
        expect(atSchool(r.data.teacher, rec.date), `${path} ${rec.date} teacher not at school`).toBe(true);
        const key = `${r.data.teacher}|${rec.date}|${rec.kind}|${rec.title}`;
        expect(keys.has(key), `duplicate ${key}`).toBe(false);
        keys.add(key);
        for (const e of rec.evidence ?? []) expect(files.has(e), `${path}: evidence ${e}`).toBe(true);
        if (rec.approver) {
          expect(teachers.has(rec.approver)).toBe(true);
          expect(rec.approver).not.toBe(r.data.teacher);
        }
      }
      continue;
    }
    m = /^sessions\/([^/]+)\/([^/]+)\.yaml$/.exec(path);
    if (m) {
      const term = terms.get(m[1]!);
      expect(term, path).toBeDefined();
      const r = sessionFileSchema.safeParse(parse(path, text));
      if (!r.success) throw new Error(`${path}: ${JSON.stringify(r.error.issues[0])}`);
      expect(r.data.group).toBe(m[2]);
      expect(groups.has(r.data.group)).toBe(true);
      const mem = members(r.data.group);
      const seen = new Set<string>();
      for (const s of r.data.sessions) {
        sessions++;
        expect(s.date >= term!.start && s.date <= term!.end && s.date <= asOf).toBe(true);
        const key = `${s.date}|${s.kind}|${s.title}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        expect(["collective-prep", "group-discussion"]).toContain(s.kind);
        for (const who of Object.keys(s.attendance)) {
          expect(mem.has(who), `${path} ${s.date}: ${who} is not a member`).toBe(true);
          expect(atSchool(who, s.date), `${path} ${s.date}: ${who} not at school`).toBe(true);
        }
        if (s.lead) expect(s.attendance[s.lead]).toBe("present");
        for (const e of s.evidence ?? []) expect(files.has(e)).toBe(true);
      }
      continue;
    }
    if (path.startsWith("evidence/")) continue;
    expect(["yanxiu.yaml", "roster.yaml", ".gitignore", "README.md"], path).toContain(path);
  }
  return { config, roster, records, sessions };
}

describe("generateSchool", () => {
  it("gives the same files for the same seed, and others for another seed", () => {
    const a = [...generateSchool(DEMO_SCHOOL)];
    const b = [...generateSchool(DEMO_SCHOOL)];
    expect(b).toEqual(a);
    const c = generateSchool({ ...DEMO_SCHOOL, seed: DEMO_SCHOOL.seed + 1 });
    expect(c.get("roster.yaml")).not.toBe(new Map(a).get("roster.yaml"));
  });

  it("makes the demo school valid and of the intended size", () => {
    const stats = emptyStats();
    const files = generateSchool(DEMO_SCHOOL, stats);
    const { config, roster, records, sessions } = validate(files);
    expect(records).toBe(stats.records);
    expect(sessions).toBe(stats.sessions);
    expect(records).toBeGreaterThanOrEqual(400);
    expect(records).toBeLessThanOrEqual(700);
    expect(sessions).toBeGreaterThanOrEqual(40);
    expect(sessions).toBeLessThanOrEqual(80);
    expect(config.years.map((y) => y.terms.map((t) => t.id))).toEqual([["2025-2026-1", "2025-2026-2"]]);
    expect(config.cycle).toMatchObject({ id: "2021-2026", start: "2021-09-01", end: "2026-08-31" });
    expect(roster.teachers).toHaveLength(26);
    expect(roster.groups.filter((g) => g.type === "教研组").map((g) => g.id)).toEqual(["chinese", "math", "english", "arts", "science"]);
    expect(roster.teachers.filter((t) => t.left)).toHaveLength(1);
    expect(roster.teachers.some((t) => t.roles.some((r) => typeof r === "object" && r.role === "教研组长" && r.from))).toBe(true);
    for (const role of ["青年教师", "骨干教师", "年级组长", "教学领导", "行政", "不兼课行政"]) {
      expect(roster.teachers.some((t) => t.roles.includes(role)), role).toBe(true);
    }
    // The mix the score reports need.
    expect(stats.shortEthics.length).toBeGreaterThanOrEqual(1);
    expect(stats.fewObservations.length).toBeGreaterThanOrEqual(1);
    expect(stats.manyReflections.length).toBeGreaterThanOrEqual(1);
    expect(stats.notPresent).toBeGreaterThan(0);
    for (const kind of ["ethics-notes", "study-plan", "public-lesson", "observation-lesson", "lesson-award", "paper", "project", "reflection", "good-question", "good-care", "lesson-prep", "observation", "admin-meeting"]) {
      expect(stats.byKind[kind] ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it("scales the number of records with the options, over several years", () => {
    const opts: SchoolOptions = { seed: 7, teachers: 60, groups: 7, activitiesPerTeacherPerTerm: 20, years: ["2023-2024", "2024-2025", "2025-2026"], evidence: false };
    const stats = emptyStats();
    const files = generateSchool(opts, stats);
    validate(files);
    const expected = 60 * 6 * 20;
    expect(stats.records).toBeGreaterThan(expected * 0.85);
    expect(stats.records).toBeLessThan(expected * 1.15);
    expect([...files.keys()].some((p) => p.startsWith("evidence/"))).toBe(false);
  });

  it("handles tiny schools", () => {
    validate(generateSchool({ seed: 1, teachers: 1, groups: 1, activitiesPerTeacherPerTerm: 3, years: ["2025-2026"] }));
    validate(generateSchool({ seed: 2, teachers: 4, groups: 3, activitiesPerTeacherPerTerm: 1, years: ["2025-2026"] }));
  });

  it("streams a district of complete schools", () => {
    const stats = emptyStats();
    const files = new Map(districtFiles({ seed: 3, schools: 3, teachers: 12, groups: 4, activitiesPerTeacherPerTerm: 8, years: ["2025-2026"] }, stats));
    for (const s of ["s01", "s02", "s03"]) {
      const one = new Map([...files].filter(([p]) => p.startsWith(`${s}/`)).map(([p, t]) => [p.slice(4), t]));
      validate(one);
    }
    expect(stats.records).toBeGreaterThan(3 * 12 * 2 * 5);
  });

  it("is fast enough for benchmarks (about 10,000 activities well under a few seconds)", () => {
    const stats = emptyStats();
    const started = process.cpuUsage(); // CPU time: the clock runs on while a busy machine makes this wait
    let bytes = 0;
    for (const [, text] of schoolFiles({ seed: 9, teachers: 250, groups: 8, activitiesPerTeacherPerTerm: 20, years: ["2025-2026"] }, stats)) bytes += text.length;
    expect(stats.records).toBeGreaterThan(8000);
    expect(bytes).toBeGreaterThan(0);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
  });
});

describe("scalar", () => {
  it("round-trips awkward strings through YAML", () => {
    for (const s of ["true", "123", "1.5", "null", "~", "a: b", "# x", "- x", "Unit 4 What's the best?", "“双减”背景下", "x #y", " lead", "", "2025-2026", "0x1F", "é\"q\\"]) {
      expect(parse("x", `v: ${scalar(s)}\n`)).toEqual({ v: s });
    }
  });
});

describe("examples/demo-school", () => {
  const dir = join(fileURLToPath(new URL("../..", import.meta.url)), "examples/demo-school");
  it.runIf(existsSync(join(dir, "yanxiu.yaml")))("matches the generator (rerun node dist/synth/cli.js examples/demo-school)", () => {
    for (const [path, text] of generateSchool(DEMO_SCHOOL)) {
      expect(readFileSync(join(dir, path), "utf8"), path).toBe(text);
    }
  });
});
