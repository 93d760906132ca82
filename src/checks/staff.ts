/**
 * The roster's dates and group tree make sense, and records fall inside each teacher's time on
 * the staff. A `left` date earlier than every school year would exempt a teacher from all
 * requirements; a record dated before `joined` credits hours from before they were here.
 */
import type { Problem } from "../problem.js";
import type { Msg } from "../problem.js";
import { msg } from "../messages/index.js";
import type { Activity } from "../model.js";
import { rosterLookup } from "../roster-lookup.js";
import { problemAt } from "../repo/yaml-source.js";
import { atActivity, type Check, type CheckContext } from "./context.js";

export const rosterDates: Check = {
  name: "roster-dates",
  needs: ["roster", "calendar"],
  severity: "error",
  description: { zh: "名册中的入职、离职和职务日期必须合理", en: "joined, left and role dates in the roster must make sense" },
  run(ctx) {
    const dataset = ctx.dataset;
    const src = ctx.source("roster.yaml");
    if (!dataset || !src) return [];
    const firstDay = dataset.config.years.map((y) => y.start).sort()[0];
    const out: Problem[] = [];
    dataset.roster.teachers.forEach((tch, i) => {
      const at = ["teachers", i];
      if (tch.left && tch.joined && tch.left < tch.joined) {
        out.push(problemAt(src, [...at, "left"], this.name,
          msg("roster-dates.left-before-joined", { id: tch.id, left: tch.left, joined: tch.joined }), msg("roster-dates.hint-one-date")));
      } else if (tch.left && firstDay && tch.left < firstDay) {
        out.push(problemAt(src, [...at, "left"], this.name,
          msg("roster-dates.left-before-years", { id: tch.id, left: tch.left, firstDay }), msg("roster-dates.hint-left-long-ago")));
      }
      tch.roles.forEach((role, j) => {
        if (role.from && role.to && role.from > role.to) {
          out.push(problemAt(src, [...at, "roles", j, "to"], this.name,
            msg("roster-dates.role", { role: role.role, from: role.from, to: role.to }), msg("roster-dates.hint-role")));
        }
      });
    });
    return out;
  },
};

export const groupCycle: Check = {
  name: "group-cycle",
  needs: ["roster"],
  severity: "error",
  description: { zh: "教研组的上级关系不能成环", en: "groups' parents must not form a cycle" },
  run(ctx) {
    const roster = ctx.dataset?.roster;
    const src = ctx.source("roster.yaml");
    if (!roster || !src) return [];
    const parent = new Map<string, string | undefined>();
    for (const g of roster.groups) if (!parent.has(g.id)) parent.set(g.id, g.parent);
    const out: Problem[] = [];
    const reported = new Set<string>();
    roster.groups.forEach((g, i) => {
      // Walk up from g; a chain that comes back to g is a cycle (reported once, at its first member).
      const chain = [g.id];
      let at = g.parent;
      while (at !== undefined && !chain.includes(at) && chain.length <= parent.size) {
        chain.push(at);
        at = parent.get(at);
      }
      if (at !== g.id || reported.has(g.id)) return;
      chain.forEach((id) => reported.add(id));
      out.push(problemAt(src, ["groups", i, "parent"], this.name,
        msg("group-cycle", { chain: [...chain, g.id] }), msg("group-cycle.hint")));
    });
    return out;
  },
};

export const outsideStaffDates: Check = {
  name: "outside-staff-dates",
  needs: ["roster"],
  severity: "error",
  description: { zh: "活动日期必须在教师入职之后、离职之前", en: "an activity must fall between the teacher's joined and left dates" },
  run(ctx) {
    const roster = ctx.dataset?.roster;
    if (!roster) return [];
    const teachers = rosterLookup(roster).teacher;
    const out: Problem[] = [];
    for (const a of ctx.activities) {
      const tch = teachers.get(a.teacher);
      if (!tch) continue;
      if (tch.joined && a.date < tch.joined) {
        out.push(at(ctx, a,
          msg("outside-staff-dates.before-joined", { date: a.date, id: tch.id, joined: tch.joined }), msg("outside-staff-dates.hint-joined")));
      } else if (tch.left && a.date > tch.left) {
        out.push(at(ctx, a,
          msg("outside-staff-dates.after-left", { date: a.date, id: tch.id, left: tch.left }), msg("outside-staff-dates.hint-left")));
      }
    }
    return out;
  },
};

/** A record's date; for a session, the member's attendance entry (or the lead). */
function at(ctx: CheckContext, a: Activity, message: Msg, hint: Msg): Problem {
  const src = ctx.source(a.origin.file);
  if (a.group && src) {
    const session = ["sessions", a.origin.index];
    const listed = (src.data as { sessions?: { attendance?: Record<string, unknown> }[] } | undefined)?.sessions?.[a.origin.index]?.attendance;
    return listed && Object.hasOwn(listed, a.teacher)
      ? problemAt(src, [...session, "attendance", a.teacher], "outside-staff-dates", message, hint, { onKey: true })
      : problemAt(src, [...session, "lead"], "outside-staff-dates", message, hint);
  }
  return atActivity(ctx, a, "date", "outside-staff-dates", message, hint);
}
