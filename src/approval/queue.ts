/**
 * The review queue: the records and sessions one person may act on now (approve a 录入, verify
 * a 审定), with what each would earn once approved. Pure: dataset, scheme and actor in, rows out.
 */
import { effectiveStatus, type Activity, type Dataset, type Teacher } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { scoreDataset } from "../score/evaluate.js";
import { approvalSettings, mayReview, targetOf, type Capacity } from "./policy.js";
import { reviewEntries, type ReviewEntry } from "./ref.js";
import { nextAction } from "./transition.js";
import { shortfallFacts, type Shortfall } from "../score/shortfall.js";

export interface QueueFilter {
  /** Only this group's members' records and this group's sessions. */
  group?: string;
  teacher?: string;
  /** Effective status id: draft (录入, the default with approved for a verifier) or approved (审定). */
  status?: string;
}

export interface QueueRow {
  entry: ReviewEntry;
  action: "approve" | "verify";
  as: Capacity;
  /** The effective status (a record changed after review is draft again). */
  status: string;
  /** It was reviewed once, then changed: back in the queue. */
  lapsed: boolean;
  /**
   * Credit it would earn once approved, as the teacher's own page shows it: within its school
   * year, after its item's cap (a session: all members together); undefined when it earns only
   * through count tiers or lies outside every school year.
   */
  credit?: number;
  /** Why approving it brings nothing or less than it is worth (its item's cap, a missing piece of evidence…). */
  shortfall?: Shortfall;
}

/** What `actor` may act on today, oldest first. */
export function buildReviewQueue(dataset: Dataset, scheme: Scheme | undefined, actor: Teacher, today: string, filter: QueueFilter = {}): QueueRow[] {
  const settings = approvalSettings(dataset.config);
  const roster = dataset.roster;
  const groupMembers = filter.group ? new Set(roster.teachers.filter((t) => t.groups.includes(filter.group!)).map((t) => t.id)) : undefined;
  const rows: QueueRow[] = [];
  for (const entry of reviewEntries(dataset.activities)) {
    const act = entry.activities[0]!;
    if (groupMembers && !(entry.kind === "session" ? entry.owner === filter.group : groupMembers.has(entry.owner))) continue;
    if (filter.teacher && !(entry.kind === "record" ? entry.owner === filter.teacher : entry.activities.some((a) => a.teacher === filter.teacher))) continue;
    const status = effectiveStatus(act);
    if (filter.status && status !== filter.status) continue;
    const action = nextAction(act);
    if (!action) continue;
    const p = mayReview(roster, settings, actor, targetOf(entry), action, today);
    if (!p.ok) continue;
    rows.push({ entry, action, as: p.as, status, lapsed: !!act.lapsed });
  }
  rows.sort((x, y) => x.entry.activities[0]!.date.localeCompare(y.entry.activities[0]!.date) || x.entry.file.localeCompare(y.entry.file) || x.entry.index - y.entry.index);
  if (scheme) addCredits(dataset, scheme, rows);
  return rows;
}

const key = (a: Activity) => `${a.origin.file}\u0000${a.origin.index}`;

/**
 * Score the teachers concerned, school year by school year, with the queued records counted as
 * approved (so an approvedOnly scheme shows what approval would bring), and read each record's
 * credit after its item's cap from the trace: what the teacher's own page shows once approved.
 */
export function addCredits(dataset: Dataset, scheme: Scheme, rows: QueueRow[]): void {
  const queued = new Set(rows.map((r) => key(r.entry.activities[0]!)));
  const yearOf = (date: string) => dataset.config.years.find((y) => y.start <= date && date <= y.end);
  const byYear = new Map<string, QueueRow[]>();
  for (const r of rows) {
    const year = yearOf(r.entry.activities[0]!.date);
    if (year) byYear.set(year.id, [...(byYear.get(year.id) ?? []), r]);
  }
  for (const [yearId, yearRows] of byYear) {
    const year = yearOf(yearRows[0]!.entry.activities[0]!.date)!;
    const teachers = new Set(yearRows.flatMap((r) => r.entry.activities.map((a) => a.teacher)));
    const activities = dataset.activities
      .filter((a) => teachers.has(a.teacher))
      .map((a) => (queued.has(key(a)) ? { ...a, status: "approved", lapsed: undefined } : a));
    const sub: Dataset = { ...dataset, roster: { ...dataset.roster, teachers: dataset.roster.teachers.filter((t) => teachers.has(t.id)) }, activities };
    const result = scoreDataset(sub, scheme, { type: "year", id: yearId, start: year.start, end: year.end });
    const credit = new Map<string, number>();
    for (const e of result.trace) {
      // A tallied record (听课 toward a count tier) earns through the tier, not by itself: no number.
      if (e.step !== "credit" || !e.origin || e.reason === "tally") continue;
      const k = `${e.origin.file}\u0000${e.origin.index}`;
      credit.set(k, (credit.get(k) ?? 0) + (e.counted ?? e.amount));
    }
    const shortfalls = shortfallFacts(result.trace);
    for (const r of yearRows) {
      const a = r.entry.activities[0]!;
      const c = credit.get(key(a));
      if (c !== undefined) r.credit = Math.round(c * 100) / 100;
      const why = shortfalls.get(`${a.origin.file}#${a.origin.index}`);
      if (why) r.shortfall = why;
    }
  }
}
