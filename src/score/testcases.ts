/**
 * Rule tests written in YAML next to the presets (rules/*.test.yaml): each case gives a
 * teacher's roles and records and the credit expected per item, category, requirement,
 * total and grade. Only the keys a case names are compared.
 */
import { z } from "zod";
import type { Activity, Config, Dataset, SchoolYear } from "../model.js";
import { positionOf, type YamlSource } from "../repo/yaml-source.js";
import { dateField, idField, vocabField } from "../schema/fields.js";
import { recordSchema } from "../schema/files.js";
import { baseActivity } from "../schema/activities.js";
import { ATTENDANCE } from "../schema/vocab.js";
import { resolvePeriod } from "./period.js";
import { scoreDataset } from "./evaluate.js";
import type { RequirementScore, ScoreResult } from "./types.js";
import type { Scheme } from "../rules/types.js";
import { t, type Lang } from "../i18n.js";

const termSchema = z.strictObject({ id: idField, start: dateField, end: dateField });
const calendarSchema = z.strictObject({
  /** Default: school years 2010–2035 with autumn and spring terms (see defaultCalendar). */
  years: z.array(z.strictObject({ id: idField, start: dateField, end: dateField, terms: z.array(termSchema).min(1) })).min(1).optional(),
  cycle: termSchema.optional(),
});

const testRecord = z.strictObject({
  ...recordSchema.shape,
  title: z.string().min(1).optional(),
  attendance: vocabField(ATTENDANCE).optional(),
  /** A session of this group (the case's teacher is a member): for group requirements. */
  group: idField.optional(),
  /** The case's teacher led the session. */
  lead: z.boolean().optional(),
});

const expectNumbers = z.record(z.string(), z.number());
const expectRequirement = z.union([
  z.boolean(),
  z.strictObject({ met: z.boolean().optional(), shortBy: z.number().optional(), actual: z.number().optional(), minimum: z.number().optional(), excess: z.number().optional() }),
]);

export const caseSchema = z.strictObject({
  name: z.string().min(1),
  roles: z.array(z.string().min(1)).default([]),
  /** Type of the groups the records name: 教研组 (default) or 备课组, for `groupTypes`. */
  groupType: z.enum(["教研组", "备课组"]).default("教研组"),
  period: z.strictObject({ term: z.string().optional(), year: z.string().optional(), cycle: z.boolean().optional() }).optional(),
  records: z.array(testRecord).nullable().default([]).transform((r) => r ?? []),
  expect: z.strictObject({
    items: expectNumbers.optional(),
    raw: expectNumbers.optional(),
    categories: expectNumbers.optional(),
    requirements: z.record(z.string(), expectRequirement).optional(),
    /** Requirements of the group the records name (subject: group). */
    group: z.record(z.string(), expectRequirement).optional(),
    /** School requirements (subject: school). */
    school: z.record(z.string(), expectRequirement).optional(),
    total: z.number().optional(),
    grade: z.string().optional(),
  }),
});

export const testFileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Rule files, relative to the test file. */
  rules: z.array(z.string().min(1)).min(1),
  calendar: calendarSchema.optional(),
  cases: z.array(caseSchema).min(1),
});
export type TestFile = z.output<typeof testFileSchema>;
export type TestCase = z.output<typeof caseSchema>;

export interface CaseResult {
  name: string;
  line: number;
  pass: boolean;
  /** One line per mismatch: "items.observation: expected 4, got 5". */
  diffs: string[];
}

/** School years 2010–2035: autumn term Sep–Jan, spring term Feb–Aug, ids like 2015-autumn. */
export function defaultCalendar(): { years: SchoolYear[] } {
  const years: SchoolYear[] = [];
  for (let y = 2010; y <= 2035; y++) {
    const id = `${y}-${y + 1}`;
    years.push({
      id,
      name: id,
      start: `${y}-09-01`,
      end: `${y + 1}-08-31`,
      terms: [
        { id: `${y}-autumn`, name: `${y}-autumn`, start: `${y}-09-01`, end: `${y + 1}-01-31`, year: id },
        { id: `${y + 1}-spring`, name: `${y + 1}-spring`, start: `${y + 1}-02-01`, end: `${y + 1}-08-31`, year: id },
      ],
    });
  }
  return { years };
}

export function testConfig(file: TestFile): Config {
  const years = file.calendar?.years
    ? file.calendar.years.map((y) => ({ ...y, name: y.id, terms: y.terms.map((t) => ({ ...t, name: t.id, year: y.id })) }))
    : defaultCalendar().years;
  const cycle = file.calendar?.cycle ? { ...file.calendar.cycle, name: file.calendar.cycle.id } : undefined;
  return { file: "test", school: "test", lang: "zh", rules: file.rules, years, ...(cycle ? { cycle } : {}), checks: {} };
}

export function caseDataset(config: Config, c: TestCase, src: YamlSource, index: number): Dataset {
  const activities: Activity[] = c.records.map((r, i) => ({
    ...baseActivity({ ...r, title: r.title ?? `${r.kind} ${i + 1}` }, "t", {
      file: src.file,
      line: positionOf(src, ["cases", index, "records", i]).line,
      index: i,
    }),
    attendance: r.attendance as Activity["attendance"],
    ...(r.group ? { group: r.group } : {}),
    ...(r.lead ? { lead: true } : {}),
  }));
  const groups = [...new Set(c.records.flatMap((r) => (r.group ? [r.group] : [])))];
  return {
    config,
    roster: {
      file: "test",
      groups: groups.map((id) => ({ id, name: id, type: c.groupType })),
      teachers: [{ id: "t", name: "t", groups, roles: c.roles.map((role) => ({ role })), emails: [], line: 0 }],
    },
    activities,
  };
}

export function runCase(scheme: Scheme, config: Config, c: TestCase, src: YamlSource, index: number, lang: Lang = "en"): CaseResult & { result?: ScoreResult } {
  const line = positionOf(src, ["cases", index]).line;
  const dataset = caseDataset(config, c, src, index);
  const firstDate = dataset.activities.map((a) => a.date).sort()[0];
  const year = c.period ? undefined : (config.years.find((y) => firstDate && y.start <= firstDate && firstDate <= y.end) ?? config.years[0])?.id;
  const p = resolvePeriod(config, { ...c.period, ...(year ? { year } : {}), today: firstDate ?? "2000-01-01" });
  if ("error" in p) return { name: c.name, line, pass: false, diffs: [`period: ${p.error} ${p.id ?? ""}`.trim()] };
  const result = scoreDataset(dataset, scheme, p.period);
  const got = result.teachers[0]!;
  const diffs: string[] = [];
  const cmp = (key: string, expected: unknown, actual: unknown) => {
    const same = typeof expected === "number" && typeof actual === "number" ? Math.abs(expected - actual) < 1e-6 : expected === actual;
    if (!same) diffs.push(t(lang, `${key}:期望 ${fmt(expected, lang)},实际 ${fmt(actual, lang)}`, `${key}: expected ${fmt(expected, lang)}, got ${fmt(actual, lang)}`));
  };
  const e = c.expect;
  for (const [id, v] of Object.entries(e.items ?? {})) cmp(`items.${id}`, v, got.items.find((x) => x.id === id)?.credited);
  for (const [id, v] of Object.entries(e.raw ?? {})) cmp(`raw.${id}`, v, got.items.find((x) => x.id === id)?.raw);
  for (const [id, v] of Object.entries(e.categories ?? {})) cmp(`categories.${id}`, v, got.categories.find((x) => x.id === id)?.credited);
  if (e.total !== undefined) cmp("total", e.total, got.total);
  if (e.grade !== undefined) cmp("grade", e.grade, got.grade.id === e.grade || got.grade.label === e.grade || got.grade.labelEn === e.grade ? e.grade : got.grade.label);
  const compareRequirements = (prefix: string, wanted: Record<string, z.output<typeof expectRequirement>>, results: RequirementScore[]) => {
    for (const [key, want] of Object.entries(wanted)) {
      const [id, window] = key.split("@");
      const found = results.filter((r) => r.id === id && (!window || r.window === window));
      if (found.length !== 1) {
        diffs.push(t(lang,
          `${prefix}.${key}:应有 1 个结果,实际 ${found.length} 个${found.length ? `(时段 ${found.map((r) => r.window).join("、")};写成 ${id}@时段)` : ""}`,
          `${prefix}.${key}: expected one result, got ${found.length}${found.length ? ` (windows ${found.map((r) => r.window).join(", ")}; name one as ${id}@window)` : ""}`));
        continue;
      }
      const r = found[0]!;
      const w = typeof want === "boolean" ? { met: want } : want;
      for (const [field, v] of Object.entries(w)) cmp(`${prefix}.${key}.${field}`, v, r[field as keyof typeof r]);
    }
  };
  compareRequirements("requirements", e.requirements ?? {}, got.requirements);
  const group = result.groups?.find((g) => g.id === dataset.roster.teachers[0]!.groups[0]);
  if (e.group) compareRequirements("group", e.group, group?.requirements ?? []);
  if (e.school) compareRequirements("school", e.school, result.school?.requirements ?? []);
  return { name: c.name, line, pass: diffs.length === 0, diffs, result };
}

function fmt(v: unknown, lang: Lang): string {
  return v === undefined ? t(lang, "(无)", "(nothing)") : JSON.stringify(v);
}
