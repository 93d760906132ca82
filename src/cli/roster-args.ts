/**
 * Teachers and groups named on the command line, through the one resolver (src/input/names.ts):
 * an id, a name or an e-mail for a teacher, an id or a name for a group. A name that is not found or
 * is shared is a usage error that says which ids to type.
 */
import type { Lang } from "../i18n.js";
import type { Group, Roster, Teacher } from "../model.js";
import { groupNotFound, resolveGroup, resolveTeacher, resolveTeachers, teacherNotFound } from "../input/names.js";
import { UsageError } from "./io.js";

export function teacherArg(roster: Roster, text: string, lang: Lang, flag?: string): Teacher {
  const r = resolveTeacher(roster.teachers, text);
  if (!r.ok) throw new UsageError(teacherNotFound(text.trim(), r, lang, roster.groups, flag));
  return r.value;
}

export function teacherListArg(roster: Roster, text: string, lang: Lang, flag?: string): Teacher[] {
  const r = resolveTeachers(roster.teachers, text);
  if (!r.ok) throw new UsageError(teacherNotFound(r.text, r.why, lang, roster.groups, flag));
  return r.value;
}

export function groupArg(roster: Roster, text: string, lang: Lang, flag = "--group"): Group {
  const r = resolveGroup(roster.groups, text);
  if (!r.ok) throw new UsageError(groupNotFound(text.trim(), r, lang, flag));
  return r.value;
}
