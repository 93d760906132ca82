/**
 * From parsed record and session files to Activities. A record with an invalid field is
 * still turned into a "partial" activity (the bad fields dropped) so that reference and
 * duplicate checks see it in the same run; only fully valid records are ever scored.
 */
import type { z } from "zod";
import type { Activity, AttendanceStatus } from "../model.js";
import { recordSchema, sessionSchema, type RecordFile, type SessionFile } from "./files.js";
import type { YamlSource } from "../repo/yaml-source.js";
import { lineAt } from "../repo/fast-yaml.js";
import { contentSeal } from "./seal.js";

export interface FoundActivities {
  valid: Activity[];
  partial: Activity[];
  /**
   * Records whose date, kind or title is itself unreadable: kept with that field empty so the
   * checks of the other fields still run (a bad date must not hide an unknown kind).
   */
  stubs?: Activity[];
}

type RecordData = z.output<typeof recordSchema>;

/** The fields every activity needs; a stub stands in for a record missing some of them. */
const CORE_FIELDS = ["date", "kind", "title"] as const;
const STUB_VALUE = { date: "", kind: "", title: "" };

/**
 * Parse an item; when it fails, retry without the fields that failed. When a core field
 * (date, kind, title) is among them, the item comes back as a stub with that field empty.
 */
function parseLenient<S extends z.ZodType>(schema: S, item: unknown): { data?: z.output<S>; partial: boolean; stub?: boolean } {
  const first = schema.safeParse(item);
  if (first.success) return { data: first.data, partial: false };
  if (!item || typeof item !== "object" || Array.isArray(item)) return { partial: true };
  const bad = new Set(first.error.issues.map((i) => i.path[0]).filter((k) => k !== undefined));
  const keys = first.error.issues.flatMap((i) => (i.code === "unrecognized_keys" && i.path.length === 0 ? i.keys : []));
  const copy = Object.fromEntries(Object.entries(item).filter(([k]) => !bad.has(k) && !keys.includes(k)));
  const second = schema.safeParse(copy);
  if (second.success) return { data: second.data, partial: true };
  const missing = CORE_FIELDS.filter((f) => !(f in copy));
  if (missing.length === 0 || missing.length === CORE_FIELDS.length) return { partial: true };
  // The empty stand-ins would fail the schema again; the other fields have just passed it.
  const stub = { ...copy, ...Object.fromEntries(missing.map((f) => [f, "x"])) };
  const third = schema.safeParse(missing.includes("date") ? { ...stub, date: "2000-01-01" } : stub);
  if (!third.success) return { partial: true };
  const data = { ...(third.data as object), ...Object.fromEntries(missing.map((f) => [f, STUB_VALUE[f]])) } as z.output<S>;
  return { data, partial: true, stub: true };
}

/**
 * A record's fields as an Activity (count 1 and no evidence when the record says nothing).
 * Only the fields the record has become properties, in the order of Activity: most of the
 * twenty optional ones are unset, and held as own `undefined`s they cost ~90 MB at a million
 * records.
 */
export function baseActivity(rec: RecordData, teacher: string, origin: Activity["origin"], lapsed?: boolean): Activity {
  const a = {} as Activity;
  if (rec.id !== undefined) a.id = rec.id;
  a.teacher = teacher;
  a.date = rec.date;
  a.kind = rec.kind;
  a.title = rec.title;
  if (rec.hours !== undefined) a.hours = rec.hours;
  if (rec.level !== undefined) a.level = rec.level;
  if (rec.award !== undefined) a.award = rec.award;
  if (rec.role !== undefined) a.role = rec.role;
  if (rec.stage !== undefined) a.stage = rec.stage;
  a.count = rec.count ?? 1;
  if (rec.words !== undefined) a.words = rec.words;
  if (rec.score !== undefined) a.score = rec.score;
  a.evidence = rec.evidence ?? [];
  if (rec.status !== undefined) a.status = rec.status;
  if (rec.approver !== undefined) a.approver = rec.approver;
  if (rec.reviewed !== undefined) a.reviewed = rec.reviewed;
  if (rec.reason !== undefined) a.reason = rec.reason;
  if (lapsed ?? (rec.seal !== undefined && rec.seal !== contentSeal(`teacher:${teacher}`, rec))) a.lapsed = true;
  if (rec.ref !== undefined) a.ref = rec.ref;
  if (rec.notes !== undefined) a.notes = rec.notes;
  if (rec.content) a.content = rec.content;
  a.origin = origin;
  return a;
}

/**
 * `validated`: the file schema's output when the whole file validated; its records are then
 * used as they are instead of being validated once more, one by one.
 */
export function recordActivities(src: YamlSource, validated?: RecordFile): FoundActivities {
  const found: FoundActivities = { valid: [], partial: [] };
  if (validated) {
    validated.records.forEach((rec, index) => {
      found.valid.push(baseActivity(rec, validated.teacher, { file: src.file, line: lineAt(src, ["records", index]), index }));
    });
    return found;
  }
  const data = src.data as { teacher?: unknown; records?: unknown } | undefined;
  if (!data || typeof data.teacher !== "string" || !Array.isArray(data.records)) return found;
  data.records.forEach((item, index) => {
    const parsed = parseLenient(recordSchema, item);
    if (!parsed.data) return;
    const line = lineAt(src, ["records", index]);
    const act = baseActivity(parsed.data, data.teacher as string, { file: src.file, line, index });
    (parsed.stub ? (found.stubs ??= []) : parsed.partial ? found.partial : found.valid).push(act);
  });
  return found;
}

/**
 * A session credits each member on its attendance list. The lead keeps the session's `role`
 * when it names one; otherwise the rules decide (a kind's `leadRole`, default 主持), so a
 * discussion's lead is not paid as a 主备.
 */
export function sessionActivities(src: YamlSource, validated?: SessionFile): FoundActivities {
  const found: FoundActivities = { valid: [], partial: [] };
  if (validated) {
    validated.sessions.forEach((s, index) => memberActivities(src, validated.group, s, index, found.valid));
    return found;
  }
  const data = src.data as { group?: unknown; sessions?: unknown } | undefined;
  if (!data || typeof data.group !== "string" || !Array.isArray(data.sessions)) return found;
  data.sessions.forEach((item, index) => {
    const parsed = parseLenient(sessionSchema, item);
    if (!parsed.data) return;
    memberActivities(src, data.group as string, parsed.data, index, parsed.stub ? (found.stubs ??= []) : parsed.partial ? found.partial : found.valid);
  });
  return found;
}

function memberActivities(src: YamlSource, group: string, s: z.output<typeof sessionSchema>, index: number, into: Activity[]): void {
  const attendance = { ...(s.attendance ?? {}) } as Record<string, AttendanceStatus>;
  if (s.lead && !(s.lead in attendance)) attendance[s.lead] = "present";
  const lapsed = s.seal !== undefined && s.seal !== contentSeal(`group:${group}`, s);
  for (const [member, status] of Object.entries(attendance)) {
    const line = lineAt(src, ["sessions", index, "attendance", member]) || lineAt(src, ["sessions", index]);
    const act = baseActivity(s, member, { file: src.file, line, index }, lapsed);
    act.attendance = status;
    act.group = group;
    if (member === s.lead) {
      act.role = s.role;
      act.lead = true;
    } else act.role = "participant";
    into.push(act);
  }
}
