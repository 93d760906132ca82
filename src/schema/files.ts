/**
 * zod schemas of the repository's own files: config, roster, teacher record files and
 * group session files. The rule files have their schema in src/rules/.
 * JSON Schemas for editors are generated from these (scripts: `yanxiu schema`).
 */
import { z } from "zod";
import { BIDI_CONTROLS, dateField, evidenceField, GROUP_TYPES, idField, LIMITS, MAX_WORDS, nonNegativeInt, positiveNumber, textField, vocabField } from "./fields.js";
import { ACTIVITY_ROLES, ATTENDANCE, AWARDS, LEVELS, STAGES, STATUSES } from "./vocab.js";

const checkSetting = z.enum(["off", "warning", "error"]);

export const termSchema = z.strictObject({
  id: idField,
  name: z.string().optional(),
  start: dateField,
  end: dateField,
  /** The term's hours are final (src/repo/closed-terms.ts): at the end of a day, or at a tag/commit. */
  closed: z.union([dateField, z.strictObject({ rev: z.string().min(1) })]).optional(),
});

export const yearSchema = z.strictObject({
  id: idField,
  name: z.string().optional(),
  start: dateField,
  end: dateField,
  terms: z.array(termSchema).min(1),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  school: z.string().min(1),
  district: z.string().optional(),
  lang: z.enum(["zh", "en"]).default("zh"),
  /** Rule files (repo-relative) that apply, in order. */
  rules: z.array(z.string().min(1)).min(1),
  years: z.array(yearSchema).min(1),
  cycle: z
    .strictObject({ id: idField, name: z.string().optional(), start: dateField, end: dateField })
    .optional(),
  /** Per check: off | warning | error. */
  checks: z.record(z.string(), checkSetting).default({}),
  /** Roles whose holders are not scored (the office, administrators who teach no classes). */
  notScored: z.array(z.string().min(1)).default([]),
  /** How printed reports end: the signature line (制表 / 审核 / 校长). */
  reports: z
    .strictObject({ signatures: z.array(z.string().min(1)).optional() })
    .optional(),
  /** Who may approve (审定) and verify (验证); see docs/approval.md for the defaults. */
  approval: z
    .strictObject({
      office: z.array(z.string().min(1)).optional(),
      verify: z.array(z.string().min(1)).optional(),
      leaders: z.boolean().optional(),
    })
    .optional(),
});
export type ConfigFile = z.output<typeof configSchema>;

const datedRole = z.strictObject({
  role: z.string().min(1),
  from: dateField.optional(),
  to: dateField.optional(),
});

export const teacherSchema = z.strictObject({
  id: idField,
  name: textField(LIMITS.name),
  groups: z.array(idField).default([]),
  /** A plain role name, or a role held between two dates. */
  roles: z.array(z.union([z.string().min(1), datedRole])).default([]),
  emails: z.array(z.string().min(3)).default([]),
  /** Public keys the teacher signs commits with: an SSH public key line, or `gpg:<fingerprint>`. */
  keys: z.array(z.string().min(1)).optional(),
  joined: dateField.optional(),
  left: dateField.optional(),
  /** false: on the roster (reviews, audit) but left out of every score, table and statistic. */
  scored: z.boolean().optional(),
  notes: z.string().optional(),
});

export const groupSchema = z.strictObject({
  id: idField,
  name: textField(LIMITS.name),
  type: z.enum(GROUP_TYPES).default("教研组"),
  /** A 备课组 may belong to a 教研组. */
  parent: idField.optional(),
  leader: idField.optional(),
});

export const rosterSchema = z.strictObject({
  $schema: z.string().optional(),
  groups: z.array(groupSchema).default([]),
  teachers: z.array(teacherSchema).min(1),
});
export type RosterFile = z.output<typeof rosterSchema>;

/** Fields an activity can carry, whether a teacher records it or a group session does. */
const activityFields = {
  /** The record's stable reference (docs/approval.md); written by add and approve. */
  id: idField.optional(),
  date: dateField,
  kind: z.string().min(1).max(LIMITS.kind),
  title: textField(LIMITS.title),
  hours: positiveNumber.max(1000).optional(),
  level: vocabField(LEVELS).optional(),
  award: vocabField(AWARDS).optional(),
  role: vocabField(ACTIVITY_ROLES).optional(),
  stage: vocabField(STAGES).optional(),
  /** How many this record stands for (lessons observed); 1 when absent. */
  count: nonNegativeInt.max(10_000).optional(),
  /** Length of written work in 字 (a monograph is some 300,000). */
  words: nonNegativeInt.max(MAX_WORDS).optional(),
  /** A mark given by assessors (评定), for items the office assesses. */
  score: z.number().finite().min(0).max(1000).optional(),
  evidence: evidenceField.optional(),
  status: vocabField(STATUSES).optional(),
  approver: idField.optional(),
  /** When it was last approved or returned. */
  reviewed: dateField.optional(),
  /** Why it was returned (退回原因). */
  reason: textField(LIMITS.notes).optional(),
  /** Fingerprint of the fields as reviewed: a later edit lapses the review (docs/approval.md). */
  seal: textField(LIMITS.id).optional(),
  /** Names one project or lesson across records, so it is never counted twice. */
  ref: textField(LIMITS.ref).optional(),
  notes: z.string().max(LIMITS.notes).refine((s) => !BIDI_CONTROLS.test(s), { error: "bidi-control" }).optional(),
  /** Named parts of the written content (亮点 / 问题 / 建议, 主题 / 纪要), which rules may require. */
  content: z.record(textField(LIMITS.name), z.string().max(LIMITS.content).refine((s) => !BIDI_CONTROLS.test(s), { error: "bidi-control" })).optional(),
};

export const recordSchema = z.strictObject(activityFields);

export const recordFileSchema = z.strictObject({
  $schema: z.string().optional(),
  teacher: idField,
  records: z.array(recordSchema).nullable().transform((r) => r ?? []),
});
export type RecordFile = z.output<typeof recordFileSchema>;

export const sessionSchema = z.strictObject({
  ...activityFields,
  /** The teacher who leads the preparation (主备) or speaks (主讲). */
  lead: idField.optional(),
  attendance: z.record(idField, vocabField(ATTENDANCE)),
});

export const sessionFileSchema = z.strictObject({
  $schema: z.string().optional(),
  group: idField,
  sessions: z.array(sessionSchema).nullable().transform((s) => s ?? []),
});
export type SessionFile = z.output<typeof sessionFileSchema>;

export const FILE_SCHEMAS = {
  config: configSchema,
  roster: rosterSchema,
  records: recordFileSchema,
  sessions: sessionFileSchema,
} as const;
export type FileKind = keyof typeof FILE_SCHEMAS | "rules";
