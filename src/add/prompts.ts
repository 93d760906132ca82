/**
 * The interactive side of `add`: ask only for what the flags left out, offering what the
 * teacher wrote before as defaults. Streams come in so tests can type the answers.
 */
import type { Readable, Writable } from "node:stream";
import { confirm, input, select } from "@inquirer/prompts";
import { t, type Lang } from "../i18n.js";
import type { Activity, AttendanceStatus, Dataset, Teacher } from "../model.js";
import type { KindDef, Scheme } from "../rules/types.js";
import { readField } from "./fields.js";
import { ACTIVITY_ROLES, ATTENDANCE, AWARDS, LEVELS, STAGES, FIELD_LABELS_ZH } from "../schema/vocab.js";

export interface PromptStreams {
  input: Readable;
  output: Writable;
}

/** Answers so far: flags given on the command line, filled in by the prompts. */
export type Answers = Record<string, string | undefined>;

export interface PromptContext {
  dataset: Dataset;
  scheme?: Scheme;
  lang: Lang;
  today: string;
  defaultTeacher?: string;
  /** Answers given before that did not pass: offered again, editable, when that field is asked again. */
  previous?: Answers;
}

/** An answer typed into a text prompt, checked (and read) by the same readField as the flags. */
async function typed(field: string, message: string, ctx: PromptContext, streams: PromptStreams, suggestion?: string): Promise<string> {
  const read = (v: string) => readField(field, v, { roster: ctx.dataset.roster, scheme: ctx.scheme, today: ctx.today, lang: ctx.lang });
  const before = ctx.previous?.[field];
  const answer = await input({
    message,
    default: before ?? suggestion,
    // A wrong answer given before is put back on the line to be corrected, not accepted again with Enter.
    prefill: before !== undefined ? "editable" : undefined,
    validate: (v) => { const r = read(v); return r.ok || r.message; },
    // Once answered, the line shows what will be written: 2026年4月18日 → 2026-04-18, ３ → 3.
    transformer: (v, { isFinal }) => { const r = isFinal ? read(v) : undefined; return r?.ok ? r.value : v; },
  }, streams);
  const r = read(answer);
  return r.ok ? r.value : answer.trim();
}

const VOCAB = { level: LEVELS, award: AWARDS, role: ACTIVITY_ROLES, stage: STAGES } as const;

export function fieldLabel(field: string, lang: Lang): string {
  return t(lang, FIELD_LABELS_ZH[field] ?? field, field);
}

/** The teacher's records, newest first, for defaults. */
function history(dataset: Dataset, teacher: string | undefined): Activity[] {
  return dataset.activities.filter((a) => a.teacher === teacher && !a.group).sort((a, b) => b.date.localeCompare(a.date));
}

export async function askRecord(answers: Answers, ctx: PromptContext, streams: PromptStreams): Promise<Answers> {
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
      default: ctx.previous?.kind ?? past[0]?.kind,
    }, streams);
  }
  await askCommon(a, ctx, streams, past.filter((p) => p.kind === a.kind));
  const kind = scheme?.kinds.get(a.kind!);
  await askFields(a, kind, ctx, streams, past.filter((p) => p.kind === a.kind));
  if (a.evidence === undefined) {
    a.evidence = (await typed("evidence", t(lang, "证明材料路径(可留空)", "evidence path (may be empty)"), ctx, streams)) || undefined;
  }
  return a;
}

/** The fields askRecord (or askSession) asks, so those a failed check points at can be asked again. */
export function askableFields(scheme: Scheme | undefined, kindId: string | undefined, session: boolean): Set<string> {
  const kind = kindId ? scheme?.kinds.get(kindId) : undefined;
  const base = session ? ["kind", "date", "title", "lead"] : ["kind", "date", "title", "evidence"];
  return new Set([...base, ...(kind?.fields ?? []).filter((f) => !(session && f === "role"))]);
}

/** The last question: write it? Yes unless the teacher says no. */
export async function confirmWrite(lang: Lang, streams: PromptStreams): Promise<boolean> {
  return confirm({ message: t(lang, "写入这条记录?", "write this record?"), default: true }, streams);
}

async function askCommon(a: Answers, ctx: PromptContext, streams: PromptStreams, sameKind: Activity[]): Promise<void> {
  const { lang } = ctx;
  // 2026/11/12, 2026年11月12日, 11-12 and full-width digits are all read as the date (src/input/date.ts).
  if (!a.date) a.date = await typed("date", t(lang, "日期", "date"), ctx, streams, ctx.today);
  if (!a.title) a.title = await typed("title", t(lang, "标题", "title"), ctx, streams, sameKind[0]?.title);
}

async function askFields(a: Answers, kind: KindDef | undefined, ctx: PromptContext, streams: PromptStreams, sameKind: Activity[], skip: string[] = []): Promise<void> {
  const { lang } = ctx;
  for (const field of kind?.fields ?? []) {
    if (a[field] !== undefined || skip.includes(field)) continue;
    const earlier = sameKind.map((p) => (p as unknown as Record<string, unknown>)[field]).find((v) => v !== undefined);
    if (field in VOCAB) {
      const v = VOCAB[field as keyof typeof VOCAB];
      a[field] = await select({
        message: fieldLabel(field, lang),
        choices: v.entries.map((e) => ({ name: t(lang, e.zh, e.en), value: e.zh })),
        default: ctx.previous?.[field] ?? (typeof earlier === "string" ? v.label(earlier, "zh") : undefined),
      }, streams);
    } else {
      a[field] = await typed(field, fieldLabel(field, lang), ctx, streams, earlier !== undefined && field === "count" ? String(earlier) : undefined);
    }
  }
}

export async function askSession(
  answers: Answers,
  attendance: Record<string, AttendanceStatus> | undefined,
  ctx: PromptContext,
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
      default: ctx.previous?.kind,
    }, streams);
  }
  await askCommon(a, ctx, streams, []);
  await askFields(a, scheme?.kinds.get(a.kind!), ctx, streams, [], ["role"]);
  if (a.lead === undefined) {
    a.lead = await select({
      message: t(lang, "主备 / 主讲", "lead"),
      choices: [{ name: t(lang, "(无)", "(none)"), value: "" }, ...members.map((m) => ({ name: `${m.name}(${m.id})`, value: m.id }))],
      default: ctx.previous?.lead,
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
