/**
 * Who may approve (审定), verify (验证) and return (退回) whose records. Pure: roster and
 * settings in, a yes with the capacity, or a no with the reason.
 *
 * - a group's leader approves its members' records (a teacher in two groups: either leader;
 *   a 教研组's leader also leads its 备课组s), when `approval.leaders` is on (default);
 * - the office (roles in `approval.office`) approves anyone's records and every session;
 * - 验证 is for the roles in `approval.verify`;
 * - nobody reviews their own: not their own record, not a session they lead, attend or whose
 *   group they lead.
 */
import { rolesOn, type Config, type Group, type Teacher } from "../model.js";
import { TEACHER_ROLES } from "../schema/vocab.js";
import type { EntryKind } from "./ref.js";
import { rosterLookup } from "../roster-lookup.js";

export interface ApprovalSettings {
  /** Roles that approve anyone's records and every session. */
  office: string[];
  /** Roles that verify (验证) approved records. */
  verify: string[];
  /** Group leaders approve their members' records. */
  leaders: boolean;
}

/** The defaults, when yanxiu.yaml has no `approval:` (or leaves a part out). */
export const DEFAULT_APPROVAL: ApprovalSettings = {
  office: ["行政", "教学领导", "不兼课行政", "教务处"],
  verify: ["行政", "教学领导", "不兼课行政", "教务处"],
  leaders: true,
};

/** The config's `approval:` with the defaults filled in. */
export function approvalSettings(config: Pick<Config, "approval">): ApprovalSettings {
  const a = config.approval ?? {};
  return { office: a.office ?? DEFAULT_APPROVAL.office, verify: a.verify ?? DEFAULT_APPROVAL.verify, leaders: a.leaders ?? DEFAULT_APPROVAL.leaders };
}

export interface PolicyRoster {
  teachers: readonly Teacher[];
  groups: readonly Group[];
}

export type ReviewAction = "approve" | "verify" | "reject";

/** What is being reviewed: one teacher's record, or a group's session with everyone on it. */
export type ReviewTarget =
  | { kind: "record"; teacher: string }
  | { kind: "session"; group: string; members: readonly string[] };

export type Capacity = "leader" | "office" | "verifier";

export type Permission =
  | { ok: true; as: Capacity }
  | { ok: false; reason: "own" | "own-session" | "not-allowed" };

const LEADER_ROLES = new Set(["group-leader", "prep-leader"]);

const norm = (role: string) => TEACHER_ROLES.normalize(role) ?? role;

/** Does the teacher hold one of these roles on the date? (Aliases count: 教导主任 is 教学领导.) */
export function holdsRole(tch: Teacher, roles: readonly string[], date: string): boolean {
  const wanted = new Set(roles.map(norm));
  return rolesOn(tch, date).some((r) => wanted.has(norm(r)));
}

/** The group's `leader:`, a member holding 教研组长/备课组长, or a leader of its parent group. */
export function leadsGroup(roster: PolicyRoster, tch: Teacher, groupId: string, date: string, seen = new Set<string>()): boolean {
  if (seen.has(groupId)) return false;
  seen.add(groupId);
  const group = rosterLookup(roster).group.get(groupId);
  if (group?.leader === tch.id) return true;
  if (tch.groups.includes(groupId) && holdsRole(tch, [...LEADER_ROLES], date)) return true;
  return group?.parent !== undefined && leadsGroup(roster, tch, group.parent, date, seen);
}

/** Does `tch` lead a group that teacher `ownerId` belongs to? */
export function leadsTeacher(roster: PolicyRoster, tch: Teacher, ownerId: string, date: string): boolean {
  const owner = rosterLookup(roster).teacher.get(ownerId);
  return (owner?.groups ?? []).some((g) => leadsGroup(roster, tch, g, date));
}

/**
 * May `actor` take `action` on `target` on `date`? Status rules (verify only what is approved)
 * are in transition.ts; this is only about who. Rejecting needs the right to approve or verify.
 */
export function mayReview(roster: PolicyRoster, settings: ApprovalSettings, actor: Teacher, target: ReviewTarget, action: ReviewAction, date: string): Permission {
  if (target.kind === "record" && target.teacher === actor.id) return { ok: false, reason: "own" };
  if (target.kind === "session" && (target.members.includes(actor.id) || leadsGroup(roster, actor, target.group, date))) {
    return { ok: false, reason: "own-session" };
  }
  const verifier = holdsRole(actor, settings.verify, date);
  if (action === "verify") return verifier ? { ok: true, as: "verifier" } : { ok: false, reason: "not-allowed" };
  if (holdsRole(actor, settings.office, date)) return { ok: true, as: "office" };
  if (target.kind === "record" && settings.leaders && leadsTeacher(roster, actor, target.teacher, date)) return { ok: true, as: "leader" };
  if (action === "reject" && verifier) return { ok: true, as: "verifier" };
  return { ok: false, reason: "not-allowed" };
}

/** The target of an entry, from its kind, owner and (for a session) its members. */
export function targetOf(entry: { kind: EntryKind; owner: string; activities: readonly { teacher: string }[] }): ReviewTarget {
  return entry.kind === "record"
    ? { kind: "record", teacher: entry.owner }
    : { kind: "session", group: entry.owner, members: entry.activities.map((a) => a.teacher) };
}
