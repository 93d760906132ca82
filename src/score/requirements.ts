/** Requirements: minimums/maximums per window, by the teacher's role, with substitutions. */
import { termOf, type Activity, type Config, type Teacher } from "../model.js";
import { daysLate, deadline } from "../rules/blocks/deadline.js";
import { unanswered } from "../rules/blocks/follow-up.js";
import { notMadeUp } from "../rules/blocks/make-up.js";
import { filterMiss } from "../rules/blocks/record-filter.js";
import { overdueProjects } from "../rules/blocks/stages.js";
import { STAGES } from "../schema/vocab.js";
import { exclusion } from "../rules/blocks/conditions.js";
import { overlap } from "../rules/blocks/versions.js";
import type { RequirementDef, Scheme } from "../rules/types.js";
import type { Period, RequirementScore } from "./types.js";
import { round, type TeacherCtx } from "./item.js";
import { maxDate, minDate, windowsOverlapping } from "./windows.js";

/** Roles held at any time in [start, end]. */
export function rolesDuring(teacher: Teacher, start: string, end: string): string[] {
  const roles = teacher.roles.filter((r) => (!r.from || r.from <= end) && (!r.to || start <= r.to)).map((r) => r.role);
  return [...new Set(roles)];
}

export function applies(r: RequirementDef, roles: string[], period: Period): boolean {
  if (!overlap(r, { from: period.start, until: period.end })) return false;
  if (r.roles && !r.roles.some((x) => roles.includes(x))) return false;
  if (r.exceptRoles && r.exceptRoles.some((x) => roles.includes(x))) return false;
  return true;
}

/** On the staff at some time in [start, end], by the roster's joined/left dates. */
export function employedDuring(teacher: Teacher, start: string, end: string): boolean {
  return (!teacher.joined || teacher.joined <= end) && (!teacher.left || start <= teacher.left);
}

/** The strictest bound among the roles held replaces the default. */
export function boundsFor(r: RequirementDef, roles: string[]): { minimum?: number; maximum?: number } {
  const matched = r.byRole.filter((b) => b.roles.some((x) => roles.includes(x)));
  const mins = matched.map((b) => b.minimum).filter((x): x is number => x !== undefined);
  const maxs = matched.map((b) => b.maximum).filter((x): x is number => x !== undefined);
  return {
    minimum: mins.length ? Math.max(...mins) : r.minimum,
    maximum: maxs.length ? Math.min(...maxs) : r.maximum,
  };
}

/** The stage order of the first of these kinds that declares `stages:`, else the vocabulary's. */
export function stageOrderOf(scheme: Scheme, kinds: string[]): string[] | undefined {
  for (const k of kinds) {
    const stages = scheme.kinds.get(k)?.stages;
    if (stages) return stages;
  }
  return undefined;
}

type KindsRequirement = RequirementDef & { target: { type: "kinds" } };

const away = (a: Activity) => a.attendance === "absent" || a.attendance === "excused";

/**
 * count / words / hours / evidence / absences / missed / late / unanswered over the records of
 * the kinds (plus substitutes for the teacher's roles) in [start, end]. `all` holds the
 * teacher's every record, for make-ups and follow-ups that fall after the window.
 */
export function measureKinds(r: KindsRequirement, all: Activity[], start: string, end: string, roles: string[], config: Config, approvedOnly: boolean, stageOrder?: string[]): number {
  const kinds = new Set(r.target.kinds);
  for (const s of r.substitutes) if (s.roles.some((x) => roles.includes(x))) s.kinds.forEach((k) => kinds.add(k));
  const valid = (a: Activity) => !exclusion({}, a, roles, approvedOnly);
  // The term's start matters only to a calendar filter (第2—4周).
  const calendar = Boolean(r.filter.weeks || r.filter.weekdays);
  const passes = (a: Activity) => kinds.has(a.kind) && valid(a) && !filterMiss(r.filter, a, calendar ? termOf(config, a.date)?.start : undefined);
  const inWindow = all.filter((a) => start <= a.date && a.date <= end);
  const mine = inWindow.filter(passes);
  const last = r.due ? deadline(r.due, start) : end;
  const onTime = mine.filter((a) => !away(a) && a.date <= last);
  const t = r.target;
  switch (t.measure) {
    case "count":
    case "sessions":
      return onTime.reduce((s, a) => s + a.count, 0);
    case "words":
      return onTime.reduce((s, a) => s + (a.words ?? 0), 0);
    case "hours":
      return onTime.reduce((s, a) => s + (a.hours ?? 0), 0);
    case "evidence":
      return new Set(onTime.flatMap((a) => a.evidence)).size;
    case "late": {
      const first = mine.find((a) => !away(a));
      return daysLate(last, first ? first.date : end);
    }
    case "absences":
      return mine.filter((a) => a.attendance === "absent").length;
    case "missed": {
      const missed = mine.filter(away);
      const makeUp = new Set(t.makeUp ?? []);
      const makeUps = all.filter((a) => makeUp.has(a.kind) && valid(a) && a.date >= start);
      return notMadeUp(missed, makeUps, end, t.makeUpDays);
    }
    case "overdue": {
      // Every stage record of the teacher's projects, whenever dated: a project approved last year is due this year.
      const records = all.filter((a) => passes(a) && a.stage !== undefined).map((a) => ({ date: a.date, stage: a.stage, project: a.ref ?? a.title }));
      return overdueProjects(t.stage!, records, stageOrder ?? STAGES.ids, start, end).length;
    }
    case "unanswered": {
      const f = t.followUp!;
      const triggerKinds = new Set(f.kinds);
      const triggers = inWindow.filter((a) => triggerKinds.has(a.kind) && valid(a) && !away(a));
      return unanswered(f, triggers, all.filter((a) => passes(a) && !away(a))).length;
    }
  }
}

/**
 * Score every applicable requirement for one teacher. `credit(target, a, b)` gives the
 * credited value of the total, a category or an item over [a, b].
 */
export function scoreRequirements(
  defs: RequirementDef[],
  ctx: TeacherCtx,
  period: Period,
  credit: (target: RequirementDef["target"], a: string, b: string) => number,
): RequirementScore[] {
  const out: RequirementScore[] = [];
  const roles = rolesDuring(ctx.teacher, period.start, period.end);
  for (const r of defs) {
    if (r.subject !== "teacher" || !applies(r, roles, period)) continue;
    const per = r.per ?? ctx.scheme.meta.period;
    for (const w of windowsOverlapping(per, ctx.config, period.start, period.end, period.id)) {
      // Nobody is held to a window they were not on the staff for at all (joined later, left before).
      if (!employedDuring(ctx.teacher, w.start, w.end)) continue;
      // A window reaching past the period is measured up to the period's end (progress so far).
      const start = w.start;
      const end = minDate(w.end, period.end);
      const wRoles = rolesDuring(ctx.teacher, maxDate(start, period.start), end);
      const { minimum, maximum } = boundsFor(r, wRoles);
      if (minimum === undefined && maximum === undefined) continue;
      const actual = round(
        r.target.type === "kinds"
          ? measureKinds(r as KindsRequirement, ctx.acts, start, end, wRoles, ctx.config, ctx.scheme.meta.approvedOnly, stageOrderOf(ctx.scheme, r.target.kinds))
          : credit(r.target, start, end),
      );
      const shortBy = minimum !== undefined ? round(Math.max(0, minimum - actual)) : 0;
      const excess = maximum !== undefined ? round(Math.max(0, actual - maximum)) : 0;
      out.push({
        id: r.id,
        window: w.id,
        start,
        end,
        partial: w.end > period.end,
        measure: r.target.type === "kinds" ? r.target.measure : "credit",
        ...(minimum !== undefined ? { minimum } : {}),
        ...(maximum !== undefined ? { maximum } : {}),
        actual,
        met: shortBy === 0 && excess === 0,
        shortBy,
        excess,
      });
    }
  }
  return out;
}
