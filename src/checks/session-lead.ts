/**
 * A session's `lead` (主备 / 主讲) is credited with the lead's role, so it must be a member of
 * the group (or its named leader): otherwise a leader could credit a friend from another
 * group, or a teacher be credited for leading a session of a group they are not in.
 */
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { problemAt } from "../repo/yaml-source.js";
import type { Check } from "./context.js";
import { rosterLookup } from "../roster-lookup.js";

export const sessionLead: Check = {
  name: "lead-not-member",
  needs: ["roster"],
  severity: "error",
  description: { zh: "集体活动的主备/主讲须是本组成员", en: "a session's lead must be a member of the group" },
  run(ctx) {
    const roster = ctx.dataset?.roster;
    if (!roster) return [];
    const out: Problem[] = [];
    // The last of an id written twice, as a Map built from the lists holds it (duplicates are the roster check's).
    const { lastTeacher: teachers, lastGroup: groups } = rosterLookup(roster);
    for (const f of ctx.repo.files) {
      const data = f.source?.data as { group?: unknown; sessions?: unknown } | undefined;
      if (f.kind !== "sessions" || !f.source || !data || typeof data.group !== "string" || !Array.isArray(data.sessions)) continue;
      const group = groups.get(data.group);
      if (!group) continue;
      data.sessions.forEach((s: { lead?: unknown } | null, i: number) => {
        const lead = s?.lead;
        if (typeof lead !== "string") return;
        const tch = teachers.get(lead);
        // An unknown id is the unknown-teacher check's.
        if (!tch || tch.groups.includes(group.id) || group.leader === lead) return;
        out.push(problemAt(f.source!, ["sessions", i, "lead"], this.name,
          msg("lead-not-member", { lead: { id: lead, name: tch.name }, group: { id: group.id, name: group.name } }),
          msg("lead-not-member.hint", { group: group.id })));
      });
    }
    return out;
  },
};
