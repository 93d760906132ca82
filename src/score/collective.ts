/**
 * Requirements held by a group or by the school (subject: group | school): sessions a group
 * holds in a window (每学月至少二场次, 间周一次), what it hands in (活动记录, 纪要, 计划 — with
 * content and deadlines), and the share of teachers meeting a teacher requirement (80%教师能够…).
 * A group's sessions are its session records, each counted once whoever attended.
 */
import type { Activity, Dataset, Group } from "../model.js";
import type { RequirementDef, Scheme } from "../rules/types.js";
import { round } from "./item.js";
import { measureKinds } from "./requirements.js";
import type { CollectiveScore, Period, RequirementScore, TeacherScore } from "./types.js";
import { minDate, windowsOverlapping } from "./windows.js";
import { overlap } from "../rules/blocks/versions.js";

const GROUP_TYPE: Record<string, string> = { "teaching-research": "教研组", "lesson-prep": "备课组" };

/** One activity per session of each group, in date order. */
function sessionsByGroup(acts: Activity[]): Map<string, Activity[]> {
  const seen = new Set<string>();
  const out = new Map<string, Activity[]>();
  for (const a of acts) {
    if (!a.group) continue;
    const key = `${a.origin.file}#${a.origin.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const session: Activity = { ...a, teacher: a.group, attendance: undefined, lead: undefined, role: undefined };
    const list = out.get(a.group);
    if (list) list.push(session);
    else out.set(a.group, [session]);
  }
  for (const list of out.values()) list.sort((x, y) => x.date.localeCompare(y.date) || x.origin.line - y.origin.line);
  return out;
}

function result(r: RequirementDef, w: { id: string; start: string; end: string }, period: Period, measure: RequirementScore["measure"], actual: number): RequirementScore {
  const shortBy = r.minimum !== undefined ? round(Math.max(0, r.minimum - actual)) : 0;
  const excess = r.maximum !== undefined ? round(Math.max(0, actual - r.maximum)) : 0;
  return {
    id: r.id,
    window: w.id,
    start: w.start,
    end: minDate(w.end, period.end),
    partial: w.end > period.end,
    measure,
    ...(r.minimum !== undefined ? { minimum: r.minimum } : {}),
    ...(r.maximum !== undefined ? { maximum: r.maximum } : {}),
    actual,
    met: shortBy === 0 && excess === 0,
    shortBy,
    excess,
  };
}

/** Share of `teachers` meeting every result of requirement `id` that overlaps the window. */
function share(teachers: TeacherScore[], id: string, start: string, end: string): number | undefined {
  let held = 0;
  let met = 0;
  for (const t of teachers) {
    const rs = t.requirements.filter((x) => x.id === id && x.start <= end && start <= x.end);
    if (rs.length === 0) continue;
    held++;
    if (rs.every((x) => x.met)) met++;
  }
  return held === 0 ? undefined : round(met / held);
}

function scoreOne(r: RequirementDef, scheme: Scheme, dataset: Dataset, period: Period, sessions: Activity[], members: TeacherScore[]): RequirementScore[] {
  if (!overlap(r, { from: period.start, until: period.end })) return [];
  const out: RequirementScore[] = [];
  for (const w of windowsOverlapping(r.per ?? scheme.meta.period, dataset.config, period.start, period.end, period.id)) {
    const end = minDate(w.end, period.end);
    if (r.target.type === "share") {
      const x = share(members, r.target.requirement, w.start, end);
      if (x !== undefined) out.push(result(r, w, period, "share", x));
    } else if (r.target.type === "kinds") {
      const t = r as RequirementDef & { target: { type: "kinds" } };
      out.push(result(r, w, period, t.target.measure, round(measureKinds(t, sessions, w.start, end, [], dataset.config, scheme.meta.approvedOnly))));
    }
  }
  return out;
}

const collective = (id: string, name: string, requirements: RequirementScore[]): CollectiveScore => ({ id, name, requirements, met: requirements.every((r) => r.met) });

/** Group and school results; undefined parts when the scheme has no such requirements. */
export function scoreCollective(scheme: Scheme, dataset: Dataset, period: Period, teachers: TeacherScore[]): { groups?: CollectiveScore[]; school?: CollectiveScore } {
  const groupDefs = scheme.requirements.filter((r) => r.subject === "group");
  const schoolDefs = scheme.requirements.filter((r) => r.subject === "school");
  const out: { groups?: CollectiveScore[]; school?: CollectiveScore } = {};
  if (groupDefs.length) {
    const sessions = sessionsByGroup(dataset.activities);
    out.groups = dataset.roster.groups.map((g: Group) => {
      const type = GROUP_TYPE[g.type] ?? g.type;
      const members = teachers.filter((t) => t.groups.includes(g.id));
      const reqs = groupDefs
        .filter((r) => !r.groupTypes || r.groupTypes.includes(type))
        .flatMap((r) => scoreOne(r, scheme, dataset, period, sessions.get(g.id) ?? [], members));
      return collective(g.id, g.name, reqs);
    });
  }
  if (schoolDefs.length) out.school = collective("school", dataset.config.school, schoolDefs.flatMap((r) => scoreOne(r, scheme, dataset, period, [], teachers)));
  return out;
}
