/** The shapes of a generated school plan (plan.ts builds it; the file writers read it). */
import type { GroupKind } from "./words.js";

export interface SchoolOptions {
  seed: number;
  teachers: number;
  /** Number of 教研组 (teaching-research groups). */
  groups: number;
  /** Average number of teacher records per teacher per term (group sessions come on top). */
  activitiesPerTeacherPerTerm: number;
  /** School years, e.g. ["2024-2025", "2025-2026"]. */
  years: string[];
  schoolName?: string;
  district?: string;
  /** Domain of the teachers' e-mail addresses. */
  emailDomain?: string;
  /** No generated date lies after this day (YYYY-MM-DD). Default 2026-11-23. */
  asOf?: string;
  /** Number of 备课组 (lesson-preparation groups) under the 教研组. Default 2 when there are ≥ 15 teachers. */
  prepGroups?: number;
  /** Sessions each 教研组 holds per term (±1). Default 6. */
  sessionsPerGroupPerTerm?: number;
  /** Write placeholder evidence files and reference them. Default true. */
  evidence?: boolean;
  /** Write a README.md describing the school. Default true. */
  readme?: boolean;
  /** Rule files listed in yanxiu.yaml. */
  rules?: string[];
  /** The five-year cycle; derived from the last year when absent; null for none. */
  cycle?: { id: string; name?: string; start: string; end: string } | null;
}

export const DEFAULT_RULES = ["rules/xintian.yaml", "rules/observation-minimums.yaml"];
export const DEFAULT_AS_OF = "2026-11-23";

export interface TermInfo {
  id: string;
  name: string;
  start: string;
  end: string;
  startDay: number;
  endDay: number;
  year: YearInfo;
  /** 0 autumn, 1 spring. */
  half: number;
  /** Position among all terms. */
  index: number;
}

export interface YearInfo {
  id: string;
  name: string;
  start: string;
  end: string;
  first: number;
  terms: TermInfo[];
  index: number;
}

export type RoleEntry = string | { role: string; from?: string; to?: string };

export interface TeacherInfo {
  idx: number;
  id: string;
  name: string;
  surname: string;
  email: string;
  /** Group indices: the 教研组 first, then any 备课组. */
  groups: number[];
  subject: string;
  roles: RoleEntry[];
  joined: string;
  joinedDay: number;
  left?: string;
  /** First day no longer at the school; Infinity when still there. */
  leftDay: number;
  /** 0 falls short, 1 ordinary, 2 keen. */
  profile: 0 | 1 | 2;
  /** Scales this teacher's number of records. */
  mult: number;
  young: boolean;
  key: boolean;
  newTeacher: boolean;
  gradeHead: boolean;
  teachingLeader: boolean;
  admin: boolean;
  adminNoClass: boolean;
  prepLeader: boolean;
  shortEthics: boolean;
  /** Research projects the teacher takes part in. */
  projects: Array<{ project: ProjectInfo; lead: boolean }>;
  notes?: string;
}

export interface LeaderSpan {
  teacher: number;
  fromDay: number;
  toDay: number;
}

export interface GroupInfo {
  idx: number;
  id: string;
  name: string;
  type: "教研组" | "备课组";
  parent?: number;
  subjects: string[];
  weekday: number;
  members: number[];
  leaders: LeaderSpan[];
}

export interface ProjectInfo {
  ref: string;
  name: string;
  level: string;
  group: number;
  year: YearInfo;
  /** Recorded as 立项 in the year's autumn term. */
  approvedHere: boolean;
  /** Recorded as 结题 in the year's spring term. */
  concludedHere: boolean;
}

export interface SchoolPlan {
  opts: Required<Omit<SchoolOptions, "cycle" | "district" | "prepGroups">> & {
    district?: string;
    cycle: SchoolOptions["cycle"];
    prepGroups: number;
  };
  asOfDay: number;
  years: YearInfo[];
  terms: TermInfo[];
  groups: GroupInfo[];
  teachers: TeacherInfo[];
  projects: ProjectInfo[];
  teachingLeader?: number;
  admin?: number;
  /** Group whose leader changes, with the day of the change. */
  leaderChange?: { group: number; day: number; from: number; to: number };
}
