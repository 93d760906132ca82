/**
 * The interactive side of `add`: ask only for what the flags left out, offering what the
 * teacher wrote before as defaults. Streams come in so tests can type the answers.
 */
import type { Readable, Writable } from "node:stream";
import { input, select } from "@inquirer/prompts";
import { t, type Lang } from "../i18n.js";
import type { Activity, AttendanceStatus, Dataset, Teacher } from "../model.js";
import type { KindDef, Scheme } from "../rules/types.js";
import { isRealDate } from "../schema/fields.js";
import { ACTIVITY_ROLES, ATTENDANCE, AWARDS, LEVELS, STAGES, FIELD_LABELS_ZH } from "../schema/vocab.js";

export interface PromptStreams {
  input: Readable;
  output: Writable;
}

/** Answers so far: flags given on the command line, filled in by the prompts. */
export type Answers = Record<string, string | undefined>;

const VOCAB = { level: LEVELS, award: AWARDS, role: ACTIVITY_ROLES, stage: STAGES } as const;
const NUMERIC = new Set(["hours", "count", "words", "score"]);

export function fieldLabel(field: string, lang: Lang): string {
  return t(lang, FIELD_LABELS_ZH[field] ?? field, field);
}

/** The teacher's records, newest first, for defaults. */
function history(dataset: Dataset, teacher: string | undefined): Activity[] {
  return dataset.activities.filter((a) => a.teacher === teacher && !a.group).sort((a, b) => b.date.localeCompare(a.date));
}

export async function askRecord(
  answers: Answers,
  ctx: { dataset: Dataset; scheme?: Scheme; lang: Lang; today: string; defaultTeacher?: string },
  streams: PromptStreams,
): Promise<Answers> {
  const { dataset, scheme, lang } = ctx;
  const a = { ...answers };
  if (!a.teacher) {
    a.teacher = await select({
      message: t(lang, "教师", "teacher"),
      choices: dataset.roster.teachers.map((x) => ({ name: `${x.name}(${x.id})`, value: x.id })),
      default: ctx.defaultTeacher,
    }, streams);
  }
  const past = history(dataset, a.teacher);
  const kinds = [...(scheme?.kinds.values() ?? [])].filter((k) => !k.session);
  if (!a.kind) {
    a.kind = await select({
      message: t(lang, "活动类型", "kind of activity"),
      choices: kinds.map((k) => ({ name: `${t(lang, k.label, k.labelEn)}(${k.id})`, value: k.id })),
      default: past[0]?.kind,
    }, streams);
  }
  await askCommon(a, ctx, streams, past.filter((p) => p.kind === a.kind));
  const kind = scheme?.kinds.get(a.kind!);
  await askFields(a, kind, lang, streams, past.filter((p) => p.kind === a.kind));
  if (a.evidence === undefined) {
    a.evidence = (await input({ message: t(lang, "证明材料路径(可留空)", "evidence path (may be empty)") }, streams)).trim() || undefined;
  }
  return a;
}

async function askCommon(a: Answers, ctx: { lang: Lang; today: string }, streams: PromptStreams, sameKind: Activity[]): Promise<void> {
  const { lang } = ctx;
  if (!a.date) {
    a.date = await input({
      message: t(lang, "日期", "date"),
      default: ctx.today,
      validate: (v) => isRealDate(v.trim()) || t(lang, "请按 YYYY-MM-DD 填写", "write it as YYYY-MM-DD"),
    }, streams);
    a.date = a.date.trim();
  }
  if (!a.title) {
    a.title = await input({
      message: t(lang, "标题", "title"),
      default: sameKind[0]?.title,
      validate: (v) => v.trim() !== "" || t(lang, "标题不能为空", "the title cannot be empty"),
    }, streams);
  }
}

async function askFields(a: Answers, kind: KindDef | undefined, lang: Lang, streams: PromptStreams, sameKind: Activity[]): Promise<void> {
  for (const field of kind?.fields ?? []) {
    if (a[field] !== undefined) continue;
    const earlier = sameKind.map((p) => (p as unknown as Record<string, unknown>)[field]).find((v) => v !== undefined);
    if (field in VOCAB) {
      const v = VOCAB[field as keyof typeof VOCAB];
      a[field] = await select({
        message: fieldLabel(field, lang),
        choices: v.entries.map((e) => ({ name: t(lang, e.zh, e.en), value: e.zh })),
        default: typeof earlier === "string" ? v.label(earlier, "zh") : undefined,
      }, streams);
    } else {
      a[field] = (await input({
        message: fieldLabel(field, lang),
        default: earlier !== undefined && field === "count" ? String(earlier) : undefined,
        validate: (s) => !NUMERIC.has(field) || /^\d+(\.\d+)?$/.test(s.trim()) || t(lang, "请填写数字", "enter a number"),
      }, streams)).trim();
    }
  }
}

export async function askSession(
  answers: Answers,
  attendance: Record<string, AttendanceStatus> | undefined,
  ctx: { dataset: Dataset; scheme?: Scheme; lang: Lang; today: string; defaultTeacher?: string },
  streams: PromptStreams,
): Promise<{ answers: Answers; attendance: Record<string, AttendanceStatus> }> {
  const { dataset, scheme, lang } = ctx;
  const a = { ...answers };
  if (!a.group) {
    const led = dataset.roster.groups.find((g) => g.leader === ctx.defaultTeacher);
    a.group = await select({
      message: t(lang, "教研组 / 备课组", "group"),
      choices: dataset.roster.groups.map((g) => ({ name: `${g.name}(${g.id})`, value: g.id })),
      default: led?.id,
    }, streams);
  }
  const members = membersOf(dataset, a.group!);
  if (!a.kind) {
    a.kind = await select({
      message: t(lang, "活动类型", "kind of activity"),
      choices: [...(scheme?.kinds.values() ?? [])].filter((k) => k.session).map((k) => ({ name: `${t(lang, k.label, k.labelEn)}(${k.id})`, value: k.id })),
    }, streams);
  }
  await askCommon(a, ctx, streams, []);
  if (a.lead === undefined) {
    a.lead = await select({
      message: t(lang, "主备 / 主讲", "lead"),
      choices: [{ name: t(lang, "(无)", "(none)"), value: "" }, ...members.map((m) => ({ name: `${m.name}(${m.id})`, value: m.id }))],
    }, streams) || undefined;
  }
  const att: Record<string, AttendanceStatus> = { ...attendance };
  if (!attendance) {
    for (const m of members) {
      att[m.id] = await select({
        message: t(lang, `${m.name}(${m.id})考勤`, `${m.name} (${m.id}) attendance`),
        choices: ATTENDANCE.entries.map((e) => ({ name: t(lang, e.zh, e.en), value: e.id as AttendanceStatus })),
        default: "present",
      }, streams);
    }
  }
  return { answers: a, attendance: att };
}

export function membersOf(dataset: Dataset, group: string): Teacher[] {
  return dataset.roster.teachers.filter((x) => x.groups.includes(group));
}
