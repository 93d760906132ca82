/**
 * What `scoreDataset` returns: plain JSON-serialisable data, complete enough for reports,
 * `yanxiu explain` and exports. Shape documented in docs/score.md.
 */
import type { Origin } from "../model.js";
import type { NotScored } from "./scored.js";
import type { Standing } from "./progress.js";
import type { KindsMeasure } from "../rules/types.js";

export interface Period {
  type: "term" | "year" | "cycle";
  id: string;
  start: string; // YYYY-MM-DD inclusive
  end: string;
}

export interface Label {
  id: string;
  label: string;
  labelEn: string;
}

export interface ItemScore {
  id: string;
  /** Credit before the item's cap (after deductions, duplicates and forfeits). */
  raw: number;
  /** Credit after the item's cap: what the item adds to its category (before weight). */
  credited: number;
}

export interface CategoryScore {
  id: string;
  /** Sum of its children's credited values (each times its weight). */
  raw: number;
  credited: number;
}

export interface RequirementScore {
  id: string;
  /** The window it was measured over, e.g. a term id, a year id or the cycle id. */
  window: string;
  start: string;
  end: string;
  /** The window runs past the period's end: `actual` is progress so far. */
  partial: boolean;
  measure: "credit" | "share" | KindsMeasure;
  minimum?: number;
  maximum?: number;
  actual: number;
  met: boolean;
  /** How far below the minimum (0 when met). */
  shortBy: number;
  /** How far above the maximum (0 when met). */
  excess: number;
}

export interface TeacherScore {
  teacher: string;
  name: string;
  groups: string[];
  /** Roles held at any time in the period. */
  roles: string[];
  items: ItemScore[];
  categories: CategoryScore[];
  requirements: RequirementScore[];
  total: number;
  /** Every requirement met. */
  met: boolean;
  /** met; in-progress (only requirements whose window runs on are unmet); short (one failed for good). */
  standing: Standing;
  grade: Label;
}

/** A group's or the school's own requirements (subject: group | school). */
export interface CollectiveScore {
  /** Group id, or "school". */
  id: string;
  name: string;
  requirements: RequirementScore[];
  met: boolean;
}

export type TraceStep =
  | "credit" // a record earned credit (amount may be negative: attendance deduction)
  | "excluded" // a record earned nothing; `reason` says why
  | "duplicate" // the same ref/title already counted higher
  | "forfeit" // attendance forfeited the item for the window
  | "tier" // count tiers over a window (amount = tier credit)
  | "once" // a once-per-window credit was earned
  | "covered" // a credit needing every sub-window: `reason` met, or missing:<ids>
  | "floor" // a negative window total was raised to 0
  | "cap" // the item's cap cut the window (amount negative)
  | "category-cap"; // a category's cap cut it (amount negative)

export interface TraceEntry {
  teacher: string;
  step: TraceStep;
  item?: string;
  category?: string;
  /** `from` date of the item version that applied, or "" for an undated item. */
  version?: string;
  /** Rule file that defines the item or category. */
  ruleFile?: string;
  ruleLine?: number;
  window?: string;
  origin?: Origin;
  date?: string;
  kind?: string;
  title?: string;
  /** Signed effect on the item (or category) credit. */
  amount: number;
  /** For 'credit': the part left after the item's cap (only for sum items without deductions). */
  counted?: number;
  /** Machine code: role, status, too-short, no-evidence, no-entry, no-score, no-hours, absent, excused, late, left-early, short:<n>, tier:<n>, … */
  reason?: string;
}

export interface ScoreResult {
  scheme: {
    id: string;
    name: string;
    nameEn: string;
    unit: "hours" | "credits" | "points";
    hoursPerCredit?: number;
    files: string[];
  };
  period: Period;
  items: (Label & { category?: string; cap?: number; per: string; weight: number })[];
  categories: (Label & { parent?: string; cap?: number; per: string; weight: number })[];
  /** `subject` is set for group and school requirements. */
  requirements: (Label & { per: string; subject?: "group" | "school" })[];
  teachers: TeacherScore[];
  /** On the roster but left out of scoring (config `notScored` roles, roster `scored: false`). */
  notScored: NotScored[];
  /** Present when the scheme has group requirements: every roster group, in roster order. */
  groups?: CollectiveScore[];
  /** Present when the scheme has school requirements. */
  school?: CollectiveScore;
  trace: TraceEntry[];
}
