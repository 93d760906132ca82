/**
 * What a logged-in person may see: their own page always; the 组长 pages for the groups they
 * lead (roster `leader:`); the 教务处 pages when they hold an office role today. Who may
 * approve whom is the approval core's (src/approval) question, not this file's.
 */
import { rolesOn, type Dataset, type Group, type Teacher } from "../model.js";
import { TEACHER_ROLES } from "../schema/vocab.js";

/** Office roles by default (the 教务处 is 行政 in init's roster template). */
export const DEFAULT_OFFICE_ROLES = ["admin", "admin-no-class", "teaching-leader", "教务处"];

export interface Viewer {
  teacher: Teacher;
  leads: Group[];
  office: boolean;
}

export function isActive(teacher: Teacher, today: string): boolean {
  return !teacher.left || teacher.left > today;
}

export function viewerOf(dataset: Dataset, id: string, today: string, officeRoles = DEFAULT_OFFICE_ROLES): Viewer | undefined {
  const teacher = dataset.roster.teachers.find((x) => x.id === id);
  if (!teacher || !isActive(teacher, today)) return undefined;
  const roles = rolesOn(teacher, today).map((r) => TEACHER_ROLES.normalize(r) ?? r);
  return {
    teacher,
    leads: dataset.roster.groups.filter((g) => g.leader === id),
    office: roles.some((r) => officeRoles.includes(r)),
  };
}

export function membersOfGroup(dataset: Dataset, groupId: string, today: string): Teacher[] {
  return dataset.roster.teachers.filter((x) => x.groups.includes(groupId) && isActive(x, today));
}
