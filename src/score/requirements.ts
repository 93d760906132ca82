/** Requirements: minimums/maximums per window, by the teacher's role, with substitutions. */
import type { Activity, Teacher } from "../model.js";
import { exclusion } from "../rules/blocks/conditions.js";
import { overlap } from "../rules/blocks/versions.js";
import type { RequirementDef } from "../rules/types.js";
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

/** count / words / hours / absences / missed over records of the kinds (plus substitutes for the teacher's roles). */
export function measureKinds(r: RequirementDef & { target: { type: "kinds" } }, acts: Activity[], roles: string[], approvedOnly: boolean): number {
  const kinds = new Set(r.target.kinds);
  for (const s of r.substitutes) if (s.roles.some((x) => roles.includes(x))) s.kinds.forEach((k) => kinds.add(k));
  const valid = acts.filter((a) => !exclusion({}, a, roles, approvedOnly));
  const mine = valid.filter((a) => kinds.has(a.kind));
  const attended = mine.filter((a) => a.attendance !== "absent" && a.attendance !== "excused");
  switch (r.target.measure) {
    case "count":
      return attended.reduce((s, a) => s + a.count, 0);
    case "words":
      return attended.reduce((s, a) => s + (a.words ?? 0), 0);
    case "hours":
      return attended.reduce((s, a) => s + (a.hours ?? 0), 0);
    case "absences":
      return mine.filter((a) => a.attendance === "absent").length;
    case "missed": {
      const missed = mine.filter((a) => a.attendance === "absent" || a.attendance === "excused").length;
      const makeUp = new Set(r.target.makeUp ?? []);
      const madeUp = valid.filter((a) => makeUp.has(a.kind)).reduce((s, a) => s + a.count, 0);
      return Math.max(0, missed - madeUp);
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
    if (!applies(r, roles, period)) continue;
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
          ? measureKinds(r as RequirementDef & { target: { type: "kinds" } }, ctx.acts.filter((a) => start <= a.date && a.date <= end), wRoles, ctx.scheme.meta.approvedOnly)
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
