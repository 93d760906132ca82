/**
 * The compiled rule language. A rule file compiles to a RuleSet; several RuleSets merge into
 * one Scheme (a school scheme plus modules). Everything is plain data: no code in rules.
 * See docs/rules.md for the YAML these come from.
 */
import type { Position, YamlSource } from "../repo/yaml-source.js";
import type { RecordFilter } from "./blocks/record-filter.js";
import type { Due } from "./blocks/deadline.js";
import type { FollowUp } from "./blocks/follow-up.js";
import type { StageRule } from "./blocks/stages.js";

/** A span of time caps, tiers and requirements apply to; month / week / fortnight nest in terms. */
export type Window = "term" | "year" | "cycle" | "month" | "week" | "fortnight";
/** The scheme's default window. */
export type LongWindow = "term" | "year" | "cycle";

export interface KindDef {
  id: string;
  label: string;
  labelEn: string;
  /** Record fields this kind needs, e.g. ['count'] or ['level', 'award']. */
  fields: string[];
  /** Recorded as a group session (with attendance). */
  session?: boolean;
  /** Activity role of a session's lead when the session names none (default: lead, 主持). */
  leadRole?: string;
  /** Stage ids a project of this kind goes through, in order (default: the vocabulary's order). */
  stages?: string[];
}

/** Where a definition was written, so merge problems can point at it. */
export interface Defined {
  file: string;
  pos: Position;
  /** Data path of the definition inside its file. */
  path: (string | number)[];
}

export type TableDim = "level" | "award" | "role" | "stage" | "kind";
/** A number (credit) or a map from a dimension value to the next dimension. */
export type TableNode = number | { [key: string]: TableNode };

/** A condition for a once-per-window credit, e.g. 5000 字 of notes in total, or one reflection ≥ 3000 字. */
export interface Qualifier {
  kinds: string[];
  /** Sum of `words` over the window's records of these kinds. */
  totalWords?: number;
  /** Words of one single record. */
  words?: number;
  /** Sum of `count`. */
  count?: number;
}

export type CreditRule =
  | { type: "each"; amount: number }
  | { type: "table"; by: TableDim[]; values: TableNode }
  | { type: "hours"; factor: number; hoursPerCredit?: number }
  | { type: "score"; max?: number; factor: number }
  | { type: "tiers"; tiers: { atLeast: number; credit: number }[]; shortfall?: number }
  | { type: "once"; credit: number; anyOf: Qualifier[] }
  /** Paid once per window when every sub-window (`per`) inside it holds `atLeast` records. */
  | { type: "covered"; per: Window; atLeast: number; credit: number };

export interface Conditions extends RecordFilter {
  /** Only records with one of these statuses count; unset: every record but rejected ones. */
  statuses?: string[];
  /** The item counts only for teachers holding one of these roles. */
  roles?: string[];
  exceptRoles?: string[];
}

export interface AttendanceRule {
  /** Credit change per session (negative = deduction). Absent and excused earn no credit. */
  absent: number;
  excused: number;
  late: number;
  leftEarly: number;
  /** Within one window, this many absences (or excused leaves) forfeit the item. */
  forfeit?: { absent?: number; excused?: number; per: Window };
}

export type DedupeField = "ref" | "title" | "stage" | "role" | "level" | "kind";

export interface ItemVersion extends Defined {
  id: string;
  label: string;
  labelEn: string;
  category?: string;
  kinds: string[];
  /** Validity, inclusive; unset = open. */
  from?: string;
  until?: string;
  credit: CreditRule;
  cap?: number;
  /** Window of the cap, tiers and once-credits; the scheme's period when unset. */
  per?: Window;
  aggregate: "sum" | "average" | "max";
  weight: number;
  conditions: Conditions;
  attendance?: AttendanceRule;
  /** Records with the same key count once (the highest). */
  dedupe?: DedupeField[];
}

export interface Item {
  id: string;
  /** Sorted by `from`. */
  versions: ItemVersion[];
}

export interface CategoryDef extends Defined {
  id: string;
  label: string;
  labelEn: string;
  parent?: string;
  cap?: number;
  per?: Window;
  weight: number;
}

export type KindsMeasure = "count" | "words" | "hours" | "absences" | "missed" | "evidence" | "late" | "unanswered" | "sessions" | "overdue";

export type RequirementTarget =
  | { type: "total" }
  | { type: "category"; id: string }
  | { type: "item"; id: string }
  | {
      type: "kinds";
      kinds: string[];
      measure: KindsMeasure;
      /** For 'missed': records of these kinds make up one missed session each. */
      makeUp?: string[];
      /** For 'missed': a make-up counts within this many days after its leave (else: in the same window). */
      makeUpDays?: number;
      /** For 'unanswered': the records each of which needs one of `kinds` after (or before) it. */
      followUp?: FollowUp;
      /** For 'overdue': the stage each project must reach by its deadline. */
      stage?: StageRule;
    }
  /** The share (0..1) of teachers meeting a teacher requirement (subject group or school). */
  | { type: "share"; requirement: string };

/** Who a requirement holds: each teacher, each group (教研组 / 备课组), or the school. */
export type Subject = "teacher" | "group" | "school";

export interface RoleBound {
  roles: string[];
  minimum?: number;
  maximum?: number;
}

export interface RequirementDef extends Defined {
  id: string;
  label: string;
  labelEn: string;
  per?: Window;
  from?: string;
  until?: string;
  target: RequirementTarget;
  subject: Subject;
  /** Group requirements: only groups of these types (教研组 / 备课组). */
  groupTypes?: string[];
  /** Only records passing this count (kinds requirements). */
  filter: RecordFilter;
  /** Only records dated by the deadline count; 'late' measures the days past it. */
  due?: Due;
  minimum?: number;
  maximum?: number;
  /** The strictest bound of the roles a teacher holds replaces the default. */
  byRole: RoleBound[];
  /** Applies only to teachers with one of these roles (all when unset). */
  roles?: string[];
  exceptRoles?: string[];
  /** Teachers with these roles may count these kinds too (kinds requirements only). */
  substitutes: { roles: string[]; kinds: string[] }[];
}

export interface GradeDef extends Defined {
  id: string;
  label: string;
  labelEn: string;
  minTotal?: number;
  /** The grade needs every requirement met. */
  allRequirements: boolean;
}

export interface SchemeMeta {
  id: string;
  name: string;
  nameEn: string;
  /** hours = 学时, credits = 学分, points = 分 (an assessed score such as 马家堡's). */
  unit: "hours" | "credits" | "points";
  /** How many 学时 make one 学分 (credits schemes). */
  hoursPerCredit?: number;
  /** Default window of caps. */
  period: LongWindow;
  /** Only approved or verified records count. */
  approvedOnly: boolean;
  /** Grade given when no listed grade applies. */
  failGrade: { label: string; labelEn: string };
}

export interface RuleSet {
  file: string;
  /** The parsed file, so merge problems can point into it. */
  source: YamlSource;
  meta?: SchemeMeta & Defined;
  kinds: (KindDef & Defined)[];
  categories: CategoryDef[];
  items: ItemVersion[];
  requirements: RequirementDef[];
  grades: GradeDef[];
  /** Present when definitions were left out for their errors (already reported): the set is partial. */
  skipped?: SkippedIds;
}

/**
 * Ids of definitions left out for their errors, so that a reference to one is not reported
 * again as undefined. "any": a whole list, or an entry's id, could not be read, so no reference
 * into that list can be judged. `scheme`: the scheme description itself was left out.
 */
export interface SkippedIds {
  kinds: Set<string> | "any";
  categories: Set<string> | "any";
  items: Set<string> | "any";
  scheme: boolean;
}

export interface Scheme {
  meta: SchemeMeta;
  kinds: Map<string, KindDef>;
  categories: Map<string, CategoryDef>;
  /** In definition order. */
  items: Map<string, Item>;
  requirements: RequirementDef[];
  /** Best first. */
  grades: GradeDef[];
  files: string[];
  /** Present when a rule file left definitions out: the scheme is partial and must never be scored. */
  skipped?: SkippedIds;
}

export const DEFAULT_META: SchemeMeta = {
  id: "scheme",
  name: "校本研修",
  nameEn: "school-based training",
  unit: "hours",
  period: "year",
  approvedOnly: false,
  failGrade: { label: "不合格", labelEn: "fail" },
};
