/**
 * The roster's dates and group tree make sense, and records fall inside each teacher's time on
 * the staff. A `left` date earlier than every school year would exempt a teacher from all
 * requirements; a record dated before `joined` credits hours from before they were here.
 */
import type { Problem } from "../problem.js";
import { t } from "../i18n.js";
import type { Activity, Teacher } from "../model.js";
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
          t(ctx.lang, `${tch.id} 的离职日期(${tch.left})早于入职日期(${tch.joined})`, `${tch.id} left (${tch.left}) before joining (${tch.joined})`),
          t(ctx.lang, "改正其中一个日期", "correct one of the dates")));
      } else if (tch.left && firstDay && tch.left < firstDay) {
        out.push(problemAt(src, [...at, "left"], this.name,
          t(ctx.lang, `${tch.id} 的离职日期(${tch.left})早于 yanxiu.yaml 中最早的学年(${firstDay} 开始):这样他不受任何要求约束`,
            `${tch.id} left (${tch.left}) before the first school year in yanxiu.yaml (from ${firstDay}): that would hold them to nothing`),
          t(ctx.lang, "改正日期;早已离开的教师可从名册中删除(其记录仍在 git 历史中)", "correct the date; a teacher who left long ago can be removed from the roster (their records stay in the git history)")));
      }
      tch.roles.forEach((role, j) => {
        if (role.from && role.to && role.from > role.to) {
          out.push(problemAt(src, [...at, "roles", j, "to"], this.name,
            t(ctx.lang, `职务「${role.role}」的结束日期(${role.to})早于开始日期(${role.from})`, `role '${role.role}' ends (${role.to}) before it starts (${role.from})`),
            t(ctx.lang, "交换 from 和 to,或改正日期", "swap from and to, or correct the dates")));
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
        t(ctx.lang, `教研组的上级关系成环:${[...chain, g.id].join(" → ")}`, `the groups' parents form a cycle: ${[...chain, g.id].join(" → ")}`),
        t(ctx.lang, "备课组的 parent 写它所属的教研组;教研组不写 parent", "a 备课组's parent is its 教研组; a 教研组 has no parent")));
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
    const teachers = new Map<string, Teacher>();
    for (const x of roster.teachers) if (!teachers.has(x.id)) teachers.set(x.id, x);
    const out: Problem[] = [];
    for (const a of ctx.activities) {
      const tch = teachers.get(a.teacher);
      if (!tch) continue;
      if (tch.joined && a.date < tch.joined) {
        out.push(at(ctx, a,
          t(ctx.lang, `${a.date} 早于 ${tch.id} 的入职日期(${tch.joined})`, `${a.date} is before ${tch.id} joined (${tch.joined})`),
          t(ctx.lang, "入职前的活动不计入本校学时;改正日期,或请教务处核对名册的 joined", "activities from before joining do not count here: correct the date, or ask the office to check 'joined' in the roster")));
      } else if (tch.left && a.date > tch.left) {
        out.push(at(ctx, a,
          t(ctx.lang, `${a.date} 晚于 ${tch.id} 的离职日期(${tch.left})`, `${a.date} is after ${tch.id} left (${tch.left})`),
          t(ctx.lang, "离职后的活动不计入本校学时;改正日期,或从考勤中删除", "activities after leaving do not count here: correct the date, or remove them from the attendance")));
      }
    }
    return out;
  },
};

/** A record's date; for a session, the member's attendance entry (or the lead). */
function at(ctx: CheckContext, a: Activity, message: string, hint: string): Problem {
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
