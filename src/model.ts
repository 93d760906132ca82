/**
 * The loaded repository as plain data: what the loader produces from the files and what
 * checks, the rule engine and the reports consume. No I/O and no YAML here.
 */

export interface Term {
  id: string;
  name: string;
  start: string; // YYYY-MM-DD, inclusive
  end: string; // inclusive
  year: string; // id of the school year it belongs to
}

export interface SchoolYear {
  id: string;
  name: string;
  start: string;
  end: string;
  terms: Term[];
}

export interface Cycle {
  id: string;
  name: string;
  start: string;
  end: string;
}

export interface Config {
  file: string;
  school: string;
  district?: string;
  lang: "zh" | "en";
  rules: string[];
  years: SchoolYear[];
  cycle?: Cycle;
  checks: Record<string, "off" | "warning" | "error">;
  /** Roles whose holders are left out of scoring (config `notScored`). */
  notScored?: string[];
  /** Signature line of printed reports; the default when absent. */
  signatures?: string[];
  /** yanxiu.yaml's `approval:` as written; src/approval/policy.ts fills in the defaults. */
  approval?: { office?: string[]; verify?: string[]; leaders?: boolean };
}

export interface RoleSpan {
  role: string;
  from?: string;
  to?: string;
}

export interface Teacher {
  id: string;
  name: string;
  groups: string[];
  roles: RoleSpan[];
  emails: string[];
  /** Commit signing keys (SSH public key lines or gpg:<fingerprint>), for `audit --require-signed`. */
  keys?: string[];
  joined?: string;
  left?: string;
  /** false: the roster's `scored: false` — never scored. */
  scored?: boolean;
  /** Where the teacher's entry is, for problems and explain. */
  line: number;
}

export interface Group {
  id: string;
  name: string;
  type: string;
  parent?: string;
  leader?: string;
}

export interface Roster {
  file: string;
  teachers: Teacher[];
  groups: Group[];
}

export type AttendanceStatus = "present" | "absent" | "excused" | "late" | "left-early";

/** Where an activity was written, so reports can cite file:line. */
export interface Origin {
  file: string;
  line: number;
  /** Index in the file's records/sessions list. */
  index: number;
}

/**
 * One teacher's activity. Teacher records map one-to-one; a group session becomes one
 * activity per member on its attendance list (with that member's attendance status).
 */
export interface Activity {
  /** The `id:` written in the file, if any (src/approval/ref.ts derives a ref otherwise). */
  id?: string;
  teacher: string;
  date: string;
  kind: string;
  title: string;
  hours?: number;
  level?: string;
  award?: string;
  role?: string;
  stage?: string;
  /** How many this record stands for; 1 when the file says nothing. */
  count: number;
  words?: number;
  score?: number;
  evidence: string[];
  status?: string;
  approver?: string;
  /** Date of the last approval or return. */
  reviewed?: string;
  /** Why it was returned. */
  reason?: string;
  /** The record was changed after its review (its seal no longer matches): it is 录入 again. */
  lapsed?: boolean;
  ref?: string;
  notes?: string;
  /** Named parts of the written content (亮点 / 问题 / 建议 …). */
  content?: Record<string, string>;
  /** Set for activities that come from a group session. */
  attendance?: AttendanceStatus;
  group?: string;
  /** This member led the session (its `lead`). */
  lead?: boolean;
  origin: Origin;
}

/** Everything the rule engine and reports need. */
export interface Dataset {
  config: Config;
  roster: Roster;
  activities: Activity[];
}

/**
 * The status that counts: as written, except that a record changed after it was approved or
 * returned (its seal no longer matches) is 录入 (draft) again, waiting for review.
 */
export function effectiveStatus(act: Pick<Activity, "status" | "lapsed">): string {
  return act.lapsed ? "draft" : (act.status ?? "draft");
}

/** Roles the teacher holds on a date (all roles when no date is given). */
export function rolesOn(teacher: Teacher, date?: string): string[] {
  return teacher.roles
    .filter((r) => !date || ((!r.from || r.from <= date) && (!r.to || date <= r.to)))
    .map((r) => r.role);
}

export function allTerms(config: Config): Term[] {
  return config.years.flatMap((y) => y.terms);
}

export function termOf(config: Config, date: string): Term | undefined {
  // No list built: scoring asks this for every record and item.
  for (const y of config.years) for (const t of y.terms) if (t.start <= date && date <= t.end) return t;
  return undefined;
}
