/**
 * A hand-written validator for the common case: a record or session file whose every field is
 * valid. It gives exactly what the zod schemas in files.ts give for such a file, about ten times
 * faster; for anything else (a bad value, an unknown key, an unusual shape) it answers
 * undefined and the caller asks zod, which stays the one source of truth for what is valid and
 * for every message. It never rejects on its own: undefined means "ask zod", not "invalid".
 * test/schema/fast-validate.test.ts compares the two on generated and hostile inputs.
 */
import { DATE_RE, hasBidiControl, GROUP_TYPES, isRealDate, LIMITS, MAX_WORDS } from "./fields.js";
import { ACTIVITY_ROLES, ATTENDANCE, AWARDS, LEVELS, STAGES, STATUSES } from "./vocab.js";
import type { RecordFile, RosterFile, SessionFile } from "./files.js";

type Rec = Record<string, unknown>;

class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function isPlainObject(v: unknown): v is Rec {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

const str = (v: unknown): string => (typeof v === "string" ? v : unsure());
const nonEmpty = (v: unknown): string => (typeof v === "string" && v.length > 0 ? v : unsure());
const text = (max: number) => (v: unknown): string =>
  typeof v === "string" && v.length > 0 && v.length <= max && !hasBidiControl(v) ? v : unsure();
const id = (v: unknown): string => (typeof v === "string" && v.length <= LIMITS.id && ID.test(v) ? v : unsure());
const date = (v: unknown): string => {
  if (typeof v !== "string") return unsure();
  // A school's records share a few hundred dates (the fast reader hands out one string for each):
  // a date judged valid once is answered from a table, not by the pattern and the calendar again.
  // Only plain days are kept (10 characters: never a view into a file's text, and their own day).
  if (validDates.has(v)) return v;
  if (!DATE_RE.test(v) || !isRealDate(v)) return unsure();
  if (v.length !== 10) return v.slice(0, 10);
  if (validDates.size >= 10_000) validDates.clear();
  validDates.add(v);
  return v;
};
/** Plain days (YYYY-MM-DD) judged valid. */
const validDates = new Set<string>();

function num(v: unknown, ok: (n: number) => boolean): number {
  return typeof v === "number" && Number.isFinite(v) && ok(v) ? v : unsure();
}

function vocab(v: { words: string[]; normalize: (w: string) => string | undefined }) {
  const words = new Set(v.words);
  return (x: unknown): string => (typeof x === "string" && words.has(x) ? v.normalize(x)! : unsure());
}

/** The activity fields of files.ts, in the schema's order, each as a check-and-convert. */
const ACTIVITY_FIELDS: Record<string, (v: unknown) => unknown> = {
  id,
  date,
  kind: (v) => (typeof v === "string" && v.length <= LIMITS.kind ? nonEmpty(v) : unsure()),
  title: text(LIMITS.title),
  hours: (v) => num(v, (n) => n > 0 && n <= 1000),
  level: vocab(LEVELS),
  award: vocab(AWARDS),
  role: vocab(ACTIVITY_ROLES),
  stage: vocab(STAGES),
  count: (v) => num(v, (n) => Number.isSafeInteger(n) && n >= 0 && n <= 10_000),
  words: (v) => num(v, (n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_WORDS),
  score: (v) => num(v, (n) => n >= 0 && n <= 1000),
  evidence: (v) => (typeof v === "string" && v.length > 0 ? [v] : Array.isArray(v) && v.length > 0 ? v.map(nonEmpty) : unsure()),
  status: vocab(STATUSES),
  approver: id,
  reviewed: date,
  reason: text(LIMITS.notes),
  seal: text(LIMITS.id),
  ref: text(LIMITS.ref),
  notes: (v) => (typeof v === "string" && v.length <= LIMITS.notes && !hasBidiControl(v) ? v : unsure()),
  content: (v) => {
    if (!isPlainObject(v)) return unsure();
    const out: Rec = {};
    for (const [k, x] of Object.entries(v)) {
      if (typeof x !== "string" || x.length > LIMITS.content || hasBidiControl(x)) unsure();
      out[text(LIMITS.name)(k) as string] = x;
    }
    return out;
  },
};

const attendanceStatus = vocab(ATTENDANCE);

const SESSION_FIELDS: Record<string, (v: unknown) => unknown> = {
  ...ACTIVITY_FIELDS,
  lead: id,
  attendance: (v) => {
    if (!isPlainObject(v)) return unsure();
    const out: Rec = {};
    for (const [member, status] of Object.entries(v)) out[id(member)] = attendanceStatus(status);
    return out;
  },
};

/** A strict object: only known keys, the required ones present; output keys in schema order, defaults filled in. */
function strictObject(v: unknown, fields: Record<string, (v: unknown) => unknown>, required: string[], defaults?: Record<string, () => unknown>): Rec {
  if (!isPlainObject(v)) return unsure();
  for (const key of Object.keys(v)) if (!Object.hasOwn(fields, key)) unsure();
  for (const key of required) if (!Object.hasOwn(v, key)) unsure();
  const out: Rec = {};
  for (const key of Object.keys(fields)) {
    if (Object.hasOwn(v, key)) {
      const value = v[key];
      // An explicit null or undefined in an optional field is for zod to judge.
      if (value === undefined || value === null) unsure();
      out[key] = fields[key]!(value);
    } else if (defaults && Object.hasOwn(defaults, key)) {
      out[key] = defaults[key]!();
    }
  }
  return out;
}

function list(v: unknown, item: (x: unknown) => Rec): Rec[] {
  if (v === null) return [];
  return Array.isArray(v) ? v.map(item) : unsure();
}

const RECORD_REQUIRED = ["date", "kind", "title"];
const SESSION_REQUIRED = [...RECORD_REQUIRED, "attendance"];

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}

/** recordFileSchema's output for a valid file; undefined: ask zod. */
export function fastRecordFile(data: unknown): RecordFile | undefined {
  return attempt(() => {
    const file = strictObject(data, { $schema: str, teacher: id, records: (v) => list(v, (r) => strictObject(r, ACTIVITY_FIELDS, RECORD_REQUIRED)) }, ["teacher", "records"]);
    return file as RecordFile;
  });
}

/** sessionFileSchema's output for a valid file; undefined: ask zod. */
export function fastSessionFile(data: unknown): SessionFile | undefined {
  return attempt(() => {
    const file = strictObject(data, { $schema: str, group: id, sessions: (v) => list(v, (s) => strictObject(s, SESSION_FIELDS, SESSION_REQUIRED)) }, ["group", "sessions"]);
    return file as SessionFile;
  });
}

const GROUP_TYPE_SET: ReadonlySet<string> = new Set(GROUP_TYPES);
const GROUP_FIELDS: Record<string, (v: unknown) => unknown> = {
  id,
  name: text(LIMITS.name),
  type: (v) => (typeof v === "string" && GROUP_TYPE_SET.has(v) ? v : unsure()),
  parent: id,
  leader: id,
};
const datedRole = (v: unknown): unknown => (typeof v === "string" ? nonEmpty(v) : strictObject(v, { role: nonEmpty, from: date, to: date }, ["role"]));
const TEACHER_FIELDS: Record<string, (v: unknown) => unknown> = {
  id,
  name: text(LIMITS.name),
  groups: (v) => (Array.isArray(v) ? v.map(id) : unsure()),
  roles: (v) => (Array.isArray(v) ? v.map(datedRole) : unsure()),
  emails: (v) => (Array.isArray(v) ? v.map((e) => (typeof e === "string" && e.length >= 3 ? e : unsure())) : unsure()),
  keys: (v) => (Array.isArray(v) ? v.map(nonEmpty) : unsure()),
  joined: date,
  left: date,
  scored: (v) => (typeof v === "boolean" ? v : unsure()),
  notes: str,
};
const empty = () => [];

/**
 * rosterSchema's output for a valid roster (a district's has thousands of teachers: zod took
 * ~50–160 ms of every run on 2,000); undefined: ask zod.
 */
export function fastRosterFile(data: unknown): RosterFile | undefined {
  return attempt(() => {
    const items = (v: unknown, fields: Record<string, (v: unknown) => unknown>, defaults: Record<string, () => unknown>) =>
      Array.isArray(v) ? v.map((x) => strictObject(x, fields, ["id", "name"], defaults)) : unsure();
    const file = strictObject(data, {
      $schema: str,
      groups: (v) => items(v, GROUP_FIELDS, { type: () => "教研组" }),
      teachers: (v) => (Array.isArray(v) && v.length > 0 ? items(v, TEACHER_FIELDS, { groups: empty, roles: empty, emails: empty }) : unsure()),
    }, ["teachers"], { groups: empty });
    return file as RosterFile;
  });
}
