/**
 * zod schema of a rule file (rules/*.yaml). Strict objects everywhere so that a misspelt key
 * is reported (with a did-you-mean) instead of silently ignored. Checks that need more than
 * one field (tiers increasing, one credit block per item, references) live in compile/merge.
 */
import { z } from "zod";
import { dateField, idField, vocabField } from "../schema/fields.js";
import { ACTIVITY_ROLES, AWARDS, STAGES } from "../schema/vocab.js";
import { weekdayNumber } from "./blocks/calendar.js";
import { normalizeKey } from "./blocks/table.js";

/**
 * Every number in a rule is at most a billion either way: far above any real credit, cap or
 * threshold, and small enough that no sum over a district's records can reach Infinity
 * (`each: 1e308` would make totals and 人均 Infinity).
 */
export const RULE_NUMBER_LIMIT = 1_000_000_000;
const num = z.number().finite().min(-RULE_NUMBER_LIMIT).max(RULE_NUMBER_LIMIT);
const nonNeg = num.min(0);
const windowField = z.enum(["term", "year", "cycle", "month", "week", "fortnight"]);
const longWindowField = z.enum(["term", "year", "cycle"]);
const roleList = z.array(z.string().min(1)).min(1);
const idList = z.array(idField).min(1);

export const RECORD_FIELDS = ["hours", "level", "award", "role", "stage", "count", "words", "score", "evidence", "ref", "content"] as const;

const weekday = z
  .union([z.number(), z.string()])
  .refine((w) => weekdayNumber(w) !== undefined, { error: "weekday: 1–7 (1 = Monday), 周一 … 周日, or mon … sun" })
  .transform((w) => weekdayNumber(w)!);
const levelWord = z
  .string()
  .refine((w) => !("error" in normalizeKey("level", w)), { error: "level: 校级 片级 区县级 市级 省级 国家级, optionally with 及以上 or +" })
  .transform((w) => (normalizeKey("level", w) as { key: string }).key);
const week = num.int().min(1).max(60);

/** Conditions on one record, shared by items and requirements (see blocks/record-filter.ts). */
const recordFilterShape = {
  minWords: nonNeg.optional(),
  evidence: z.union([z.literal(true), z.array(z.string().min(1)).min(1)]).optional(),
  evidenceCount: num.int().min(1).optional(),
  /** 第2—4周: [2, 4], weeks of the term, inclusive. */
  weeks: z.tuple([week, week]).optional(),
  weekdays: z.array(weekday).min(1).optional(),
  activityRoles: z.array(vocabField(ACTIVITY_ROLES)).min(1).optional(),
  exceptActivityRoles: z.array(vocabField(ACTIVITY_ROLES)).min(1).optional(),
  content: z.record(z.string().min(1), num.int().min(0)).optional(),
  levels: z.array(levelWord).min(1).optional(),
  awards: z.array(vocabField(AWARDS)).min(1).optional(),
};

const orEmpty = (v: unknown) => (v === true ? {} : v);
/** Attendance keys may be written as records write them: 缺席 请假 迟到 早退. */
const ATTENDANCE_KEYS: Record<string, string> = { 缺席: "absent", 请假: "excused", 迟到: "late", 早退: "leftEarly", 时段: "per" };
const chineseKeys = (v: unknown) =>
  v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [ATTENDANCE_KEYS[k] ?? k, x])) : v;

/** Within N days / weeks / months of a start, or by a date (MM-DD: the first on or after the start). */
const dueSchema = z.strictObject({
  days: num.int().min(1).optional(),
  weeks: num.int().min(1).optional(),
  months: num.int().min(1).optional(),
  date: z.string().regex(/^(\d{4}-)?\d{2}-\d{2}$/, { error: "MM-DD or YYYY-MM-DD" }).optional(),
});

const labels = {
  label: z.string().min(1).optional(),
  labelEn: z.string().min(1).optional(),
};

export const schemeMetaSchema = z.strictObject({
  id: idField,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  unit: z.enum(["hours", "credits", "points"]).default("hours"),
  /** Checked for zero in compile, so the message can say why. */
  hoursPerCredit: num.optional(),
  period: longWindowField.default("year"),
  approvedOnly: z.boolean().default(false),
  failGrade: z.strictObject({ label: z.string().min(1), labelEn: z.string().min(1).optional() }).optional(),
});

export const kindSchema = z.strictObject({
  id: idField,
  ...labels,
  fields: z.array(z.enum(RECORD_FIELDS)).default([]),
  session: z.boolean().optional(),
  /** The role a session's lead has in it when the session names none (default 主持). */
  leadRole: vocabField(ACTIVITY_ROLES).optional(),
  /** The stages a project of this kind goes through, in order (立项 → 中期检查 → 结题). */
  stages: z.array(vocabField(STAGES)).min(1).optional(),
});

export const categorySchema = z.strictObject({
  id: idField,
  ...labels,
  parent: idField.optional(),
  cap: nonNeg.optional(),
  per: windowField.optional(),
  weight: nonNeg.default(1),
});

const tableKeyDim = z.enum(["level", "award", "role", "stage", "kind"]);
// Leaves are numbers; inner nodes map a dimension value to the next level.
const tableNode: z.ZodType<unknown> = z.lazy(() => z.union([nonNeg, z.record(z.string(), tableNode)]));

export const qualifierSchema = z.strictObject({
  kinds: idList,
  totalWords: nonNeg.optional(),
  words: nonNeg.optional(),
  count: nonNeg.optional(),
});

export const itemSchema = z.strictObject({
  id: idField,
  ...labels,
  category: idField.optional(),
  kinds: idList,
  from: dateField.optional(),
  until: dateField.optional(),
  // Credit blocks: exactly one of these (checked in compile).
  each: nonNeg.optional(),
  table: z.strictObject({ by: z.array(tableKeyDim).min(1), values: z.record(z.string(), tableNode) }).optional(),
  // `hours: true` / `score: true` mean the defaults, as `{}` does.
  hours: z.preprocess(orEmpty, z.strictObject({ factor: nonNeg.default(1), hoursPerCredit: num.optional() })).optional(),
  score: z.preprocess(orEmpty, z.strictObject({ max: nonNeg.optional(), factor: nonNeg.default(1) })).optional(),
  tiers: z.array(z.strictObject({ atLeast: nonNeg, credit: nonNeg })).optional(),
  shortfall: nonNeg.optional(),
  once: z.strictObject({ credit: nonNeg, anyOf: z.array(qualifierSchema) }).optional(),
  /** 两学期: paid once per `per` window only when each of its sub-windows has `atLeast` records. */
  covered: z.strictObject({ per: windowField, atLeast: nonNeg.default(1), credit: nonNeg }).optional(),
  cap: nonNeg.optional(),
  per: windowField.optional(),
  aggregate: z.enum(["sum", "average", "max"]).default("sum"),
  weight: nonNeg.default(1),
  // Conditions on each record.
  ...recordFilterShape,
  statuses: z.array(z.enum(["draft", "approved", "verified", "rejected"])).min(1).optional(),
  roles: roleList.optional(),
  exceptRoles: roleList.optional(),
  attendance: z.preprocess(chineseKeys, z
    .strictObject({
      absent: num.default(0),
      excused: num.default(0),
      late: num.default(0),
      leftEarly: num.default(0),
      forfeit: z.preprocess(chineseKeys, z
        .strictObject({ absent: num.int().min(1).optional(), excused: num.int().min(1).optional(), per: windowField.default("term") }))
        .optional(),
    }))
    .optional(),
  dedupe: z.array(z.enum(["ref", "title", "stage", "role", "level", "kind"])).min(1).optional(),
});

export const requirementSchema = z.strictObject({
  id: idField,
  ...labels,
  per: windowField.optional(),
  from: dateField.optional(),
  until: dateField.optional(),
  // Target: exactly one of total / category / item / kinds (checked in compile).
  total: z.literal(true).optional(),
  category: idField.optional(),
  item: idField.optional(),
  kinds: idList.optional(),
  measure: z.enum(["count", "words", "hours", "absences", "missed", "evidence", "late", "unanswered", "sessions", "overdue"]).optional(),
  makeUp: idList.optional(),
  makeUpDays: num.int().min(0).optional(),
  subject: z.enum(["teacher", "group", "school"]).default("teacher"),
  groupTypes: z.array(z.enum(["教研组", "备课组", "teaching-research", "lesson-prep"])).min(1).optional(),
  /** A teacher requirement whose share of teachers meeting it is measured (0.8 = 80%). */
  share: idField.optional(),
  due: dueSchema.optional(),
  /** 中期检查 within 12 months of 立项: each project (records sharing a ref) reaches a stage by a deadline. */
  stage: z.strictObject({ reach: vocabField(STAGES), from: vocabField(STAGES).optional(), due: dueSchema }).optional(),
  after: z.strictObject({ kinds: idList, days: num.int().min(0) }).optional(),
  before: z.strictObject({ kinds: idList, days: num.int().min(0) }).optional(),
  ...recordFilterShape,
  minimum: nonNeg.optional(),
  maximum: nonNeg.optional(),
  byRole: z
    .array(z.strictObject({ roles: roleList, minimum: nonNeg.optional(), maximum: nonNeg.optional() }))
    .default([]),
  roles: roleList.optional(),
  exceptRoles: roleList.optional(),
  substitutes: z.array(z.strictObject({ roles: roleList, kinds: idList })).default([]),
});

export const gradeSchema = z.strictObject({
  id: idField,
  ...labels,
  minTotal: nonNeg.optional(),
  allRequirements: z.boolean().default(false),
});

export const ruleFileSchema = z.strictObject({
  $schema: z.string().optional(),
  scheme: schemeMetaSchema.optional(),
  kinds: z.array(kindSchema).default([]),
  categories: z.array(categorySchema).default([]),
  items: z.array(itemSchema).default([]),
  requirements: z.array(requirementSchema).default([]),
  grades: z.array(gradeSchema).default([]),
});

export type RuleFile = z.output<typeof ruleFileSchema>;
export type ItemData = z.output<typeof itemSchema>;
export type RequirementData = z.output<typeof requirementSchema>;
export type RecordFilterData = z.output<z.ZodObject<typeof recordFilterShape>>;
