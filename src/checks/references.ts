/** References between files: teachers, groups, attendance and approvers must exist in the roster. */
import type { Problem } from "../problem.js";
import type { Msg } from "../problem.js";
import type { Roster } from "../model.js";
import { msg } from "../messages/index.js";
import { problemAt, scalarRange, type YamlSource } from "../repo/yaml-source.js";
import { didYouMean } from "../did-you-mean.js";
import type { Check, CheckContext } from "./context.js";
import { rosterLookup } from "../roster-lookup.js";

function suggestGroup(id: string, ids: readonly string[]): Msg {
  const guess = didYouMean(id, ids);
  return guess ? msg("unknown-group.hint-guess", { guess }) : msg("unknown-group.hint-add");
}

/** Teachers are often named rather than given by id: point at the id; else the closest id, or the roster. */
function suggestTeacher(ctx: CheckContext, id: string): Msg {
  const teachers = ctx.dataset?.roster.teachers ?? [];
  const byName = teachers.find((x) => x.name === id);
  if (byName) return msg("unknown-teacher.hint-name", { name: byName.name, id: byName.id });
  const guess = didYouMean(id, teachers.map((x) => x.id));
  const named = teachers.find((x) => x.id === guess);
  return named ? msg("unknown-teacher.hint-guess", { guess: { id: named.id, name: named.name } }) : msg("unknown-teacher.hint-new");
}

/** Problems saying a name was written where an id belongs: "not an id" at the same place only repeats them. */
export const NAME_FOR_ID = new WeakSet<Problem>();

export const unknownTeacher: Check = {
  name: "unknown-teacher",
  needs: ["roster-ids"],
  severity: "error",
  description: { zh: "记录、考勤和审核人中的教师必须在名册中", en: "teachers named in records, attendance and approvals must be in the roster" },
  run(ctx) {
    const roster = ctx.dataset?.roster;
    if (!roster) return [];
    const { teacher: known, idsByName: byName } = rosterLookup(roster);
    const out: Problem[] = [];
    // A teacher's name where the id belongs: said as such, and fixed when the name is one teacher's.
    const named = (src: YamlSource, path: (string | number)[], id: string, onKey = false): Problem => {
      const p = namedProblem(src, path, id, onKey);
      if (byName.has(id)) NAME_FOR_ID.add(p);
      return p;
    };
    const namedProblem = (src: YamlSource, path: (string | number)[], id: string, onKey: boolean): Problem => {
      const ids = byName.get(id);
      if (!ids) return problemAt(src, path, this.name, msg("unknown-teacher", { id }), suggestTeacher(ctx, id), { onKey });
      if (ids.length > 1) {
        return problemAt(src, path, this.name,
          msg("unknown-teacher.name-shared", { name: id, ids: [...ids] }), msg("unknown-teacher.hint-one-of"), { onKey });
      }
      const p = problemAt(src, path, this.name,
        msg("unknown-teacher.name", { name: id, id: ids[0]! }), msg("unknown-teacher.hint-write", { name: id, id: ids[0]! }), { onKey });
      const range = onKey ? undefined : scalarRange(src, path);
      return range ? { ...p, fix: { range, text: ids[0]! } } : p;
    };
    for (const f of ctx.repo.files) {
      const data = f.source?.data as Record<string, unknown> | undefined;
      if (!f.source || !data || f.problems.some((p) => p.check.startsWith("yaml") && !(p.check === "yaml-syntax" && f.source?.broken))) continue;
      if (f.kind === "records" && typeof data.teacher === "string" && !known.has(data.teacher)) {
        out.push(named(f.source, ["teacher"], data.teacher));
      }
      const list = f.kind === "records" ? data.records : f.kind === "sessions" ? data.sessions : undefined;
      if (!Array.isArray(list)) continue;
      const key = f.kind === "records" ? "records" : "sessions";
      list.forEach((item: Record<string, unknown> | null, i) => {
        if (!item || typeof item !== "object") return;
        for (const field of ["approver", "lead"]) {
          const id = item[field];
          if (typeof id === "string" && !known.has(id)) {
            out.push(named(f.source!, [key, i, field], id));
          }
        }
        const att = item.attendance;
        if (att && typeof att === "object") {
          for (const member of Object.keys(att)) {
            if (!known.has(member)) {
              out.push(named(f.source!, [key, i, "attendance", member], member, true));
            }
          }
        }
      });
    }
    return out;
  },
};

export const unknownGroup: Check = {
  name: "unknown-group",
  needs: ["roster-ids"],
  severity: "error",
  description: { zh: "会议记录和名册中引用的教研组必须存在", en: "groups named by session files and the roster must exist" },
  run(ctx) {
    const roster = ctx.dataset?.roster;
    if (!roster) return [];
    const { groupIds: ids, group: known, teacher } = rosterLookup(roster);
    const out: Problem[] = [];
    const unknown = (id: string) => msg("unknown-group", { id });
    const hint = (id: string) => suggestGroup(id, ids);
    for (const f of ctx.repo.files) {
      const data = f.source?.data as Record<string, unknown> | undefined;
      if (f.kind === "sessions" && f.source && data && typeof data.group === "string" && !known.has(data.group)) {
        out.push(problemAt(f.source, ["group"], this.name, unknown(data.group), hint(data.group)));
      }
    }
    const src = ctx.source("roster.yaml");
    if (!src) return out;
    // The roster's own references depend on the roster alone: found once per roster read.
    const cached = rosterGroupProblems.get(roster);
    if (cached?.src === src) return [...out, ...cached.problems];
    const inRoster: Problem[] = [];
    roster.teachers.forEach((tch, i) =>
      tch.groups.forEach((g, j) => {
        if (!known.has(g)) inRoster.push(problemAt(src, ["teachers", i, "groups", j], this.name, unknown(g), hint(g)));
      }),
    );
    roster.groups.forEach((g, i) => {
      if (g.parent && !known.has(g.parent)) inRoster.push(problemAt(src, ["groups", i, "parent"], this.name, unknown(g.parent), hint(g.parent)));
      if (g.leader && !teacher.has(g.leader)) {
        inRoster.push(problemAt(src, ["groups", i, "leader"], "unknown-teacher",
          msg("unknown-teacher", { id: g.leader }), suggestTeacher(ctx, g.leader)));
      }
    });
    rosterGroupProblems.set(roster, { src, problems: inRoster });
    return [...out, ...inRoster];
  },
};

/** unknown-group's findings inside roster.yaml, per roster read and its source. */
const rosterGroupProblems = new WeakMap<Roster, { src: YamlSource; problems: readonly Problem[] }>();

export const attendanceNotMember: Check = {
  name: "attendance-not-member",
  needs: ["roster"],
  severity: "error",
  description: { zh: "考勤只能列出本组成员", en: "attendance may list only members of the group" },
  run(ctx) {
    const roster = ctx.dataset?.roster;
    if (!roster) return [];
    const out: Problem[] = [];
    // Built once per roster: a scan of the roster per session or per attendance entry is quadratic at district scale.
    const { teacher: teachers, group: groups, membersOf } = rosterLookup(roster);
    for (const f of ctx.repo.files) {
      const data = f.source?.data as { group?: unknown; sessions?: unknown } | undefined;
      if (f.kind !== "sessions" || !f.source || !data || typeof data.group !== "string" || !Array.isArray(data.sessions)) continue;
      const group = data.group;
      const group_ = groups.get(group);
      if (!group_) continue;
      const members = membersOf.get(group) ?? new Set<string>();
      data.sessions.forEach((s: { attendance?: unknown } | null, i: number) => {
        if (!s || typeof s.attendance !== "object" || !s.attendance) return;
        for (const member of Object.keys(s.attendance)) {
          const tch = teachers.get(member);
          if (tch && !members.has(member)) {
            out.push(problemAt(f.source!, ["sessions", i, "attendance", member], this.name,
              msg("attendance-not-member", { teacher: { id: member, name: tch.name }, group: { id: group, name: group_.name } }),
              msg("attendance-not-member.hint", { group }),
              { onKey: true }));
          }
        }
      });
    }
    return out;
  },
};

/**
 * records/<term>/<teacher>.yaml must hold that teacher's records: a file named after one
 * teacher that credits another would slip past CODEOWNERS review and the audit's ownership
 * rules, so it is an error.
 */
export const recordFileOwner: Check = {
  name: "record-file-owner",
  severity: "error",
  description: { zh: "记录文件名必须与其中的教师(或教研组)编号一致", en: "a record file's name must match the teacher (or group) it holds" },
  run(ctx) {
    const out: Problem[] = [];
    for (const f of ctx.repo.files) {
      const data = f.source?.data as { teacher?: unknown; group?: unknown } | undefined;
      if (!f.source || !data) continue;
      const base = f.file.split("/").pop()!.replace(/\.ya?ml$/i, "");
      const owner = f.kind === "records" ? data.teacher : f.kind === "sessions" ? data.group : undefined;
      // An owner that is not even an id (a name, say) is reported by the schema already.
      if (typeof owner === "string" && owner !== base && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(owner)) {
        const field = f.kind === "records" ? "teacher" : "group";
        const home = f.file.replace(/[^/]+$/, `${owner}.yaml`);
        out.push(problemAt(f.source, [field], this.name,
          msg("record-file-owner", { base, field, owner }),
          msg("record-file-owner.hint", { home, field }),
          { severity: this.severity }));
      }
    }
    return out;
  },
};
