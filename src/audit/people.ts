/**
 * Who may change what, judged from a roster: administrators may change anything, group
 * leaders their members' records and their group's sessions, teachers their own records.
 */
import { parsePlain } from "./yaml.js";
import { rosterSchema } from "../schema/files.js";
import { TEACHER_ROLES } from "../schema/vocab.js";
import { rolesOn, type Group, type Teacher } from "../model.js";

export interface AuditRoster {
  teachers: Teacher[];
  groups: Group[];
}

export const EMPTY_ROSTER: AuditRoster = { teachers: [], groups: [] };

const ADMIN_ROLES = new Set(["admin", "teaching-leader", "admin-no-class"]);
const LEADER_ROLES = new Set(["group-leader", "prep-leader"]);

/** A roster from file text; undefined when it does not parse or validate. */
export function parseRoster(text: string | undefined): AuditRoster | undefined {
  if (text === undefined) return undefined;
  const parsed = rosterSchema.safeParse(parsePlain(text));
  if (!parsed.success) return undefined;
  return {
    groups: parsed.data.groups,
    teachers: parsed.data.teachers.map((tch) => ({
      id: tch.id,
      name: tch.name,
      groups: tch.groups,
      roles: tch.roles.map((r) => (typeof r === "string" ? { role: r } : r)),
      emails: tch.emails,
      keys: tch.keys,
      joined: tch.joined,
      left: tch.left,
      line: 0,
    })),
  };
}

export function teacherByEmail(roster: AuditRoster, email: string): Teacher | undefined {
  const e = email.trim().toLowerCase();
  return roster.teachers.find((tch) => tch.emails.some((x) => x.trim().toLowerCase() === e));
}

function hasRole(tch: Teacher, date: string, wanted: Set<string>): boolean {
  return rolesOn(tch, date).some((r) => wanted.has(TEACHER_ROLES.normalize(r) ?? r));
}

export function isAdmin(tch: Teacher, date: string): boolean {
  return hasRole(tch, date, ADMIN_ROLES);
}

/** The group's named leader, or a member holding 教研组长/备课组长; leaders of a parent group lead it too. */
export function leadsGroup(roster: AuditRoster, tch: Teacher, groupId: string, date: string, seen = new Set<string>()): boolean {
  if (seen.has(groupId)) return false;
  seen.add(groupId);
  const group = roster.groups.find((g) => g.id === groupId);
  if (group?.leader === tch.id) return true;
  if (tch.groups.includes(groupId) && hasRole(tch, date, LEADER_ROLES)) return true;
  return group?.parent !== undefined && leadsGroup(roster, tch, group.parent, date, seen);
}

/** Does `tch` lead a group that teacher `ownerId` belongs to? */
export function leadsTeacher(roster: AuditRoster, tch: Teacher, ownerId: string, date: string): boolean {
  const owner = roster.teachers.find((x) => x.id === ownerId);
  return (owner?.groups ?? []).some((g) => leadsGroup(roster, tch, g, date));
}

/** Who owns a record or session file. */
export type Owner = { teacher: string } | { group: string };

export function mayEdit(roster: AuditRoster, tch: Teacher, owner: Owner, date: string): boolean {
  if (isAdmin(tch, date)) return true;
  if ("teacher" in owner) return owner.teacher === tch.id || leadsTeacher(roster, tch, owner.teacher, date);
  return leadsGroup(roster, tch, owner.group, date);
}

/** Approving is reviewing someone else's work: a teacher's leader (not the teacher), or an administrator. */
export function mayApprove(roster: AuditRoster, tch: Teacher, owner: Owner, date: string): boolean {
  if (isAdmin(tch, date)) return true;
  return "teacher" in owner && owner.teacher !== tch.id && leadsTeacher(roster, tch, owner.teacher, date);
}
