/**
 * The roster's lookups the reference checks share (teachers by id and by name, groups by id,
 * each group's members), built once per loaded roster. The web server checks every save twice
 * over a few files against the same loaded roster: rebuilding these per run made each save's
 * check cost as much as 2,000 teachers, whatever the files. Keyed by the roster object, so a
 * roster read again (a reload after a hand edit or a pull) gets its own, and nothing stale
 * outlives it. A roster is never changed after loading (its lists are built before the object).
 */
import type { Group, Teacher } from "./model.js";

/** A roster, or what of it the approval policy reads. */
export interface RosterLists {
  teachers: readonly Teacher[];
  groups: readonly Group[];
}

export interface RosterLookup {
  /** Every teacher id written. */
  ids: readonly string[];
  /** Id → the first teacher with it (duplicate ids are the roster check's to report). */
  teacher: ReadonlyMap<string, Teacher>;
  /** Id → the last teacher with it (what a Map built from the list holds). */
  lastTeacher: ReadonlyMap<string, Teacher>;
  /** Name → the ids of the teachers with that name, in roster order. */
  idsByName: ReadonlyMap<string, readonly string[]>;
  groupIds: readonly string[];
  /** Id → the first group with it. */
  group: ReadonlyMap<string, Group>;
  /** Id → the last group with it. */
  lastGroup: ReadonlyMap<string, Group>;
  /** Group id → the ids of the teachers listing it. */
  membersOf: ReadonlyMap<string, ReadonlySet<string>>;
}

const built = new WeakMap<RosterLists, RosterLookup>();

export function rosterLookup(roster: RosterLists): RosterLookup {
  let lookup = built.get(roster);
  if (!lookup) built.set(roster, (lookup = buildLookup(roster)));
  return lookup;
}

function buildLookup(roster: RosterLists): RosterLookup {
  const teacher = new Map<string, Teacher>();
  const lastTeacher = new Map<string, Teacher>();
  const idsByName = new Map<string, string[]>();
  const membersOf = new Map<string, Set<string>>();
  for (const x of roster.teachers) {
    if (!teacher.has(x.id)) teacher.set(x.id, x);
    lastTeacher.set(x.id, x);
    const named = idsByName.get(x.name);
    if (named) named.push(x.id);
    else idsByName.set(x.name, [x.id]);
    for (const g of x.groups) {
      const members = membersOf.get(g);
      if (members) members.add(x.id);
      else membersOf.set(g, new Set([x.id]));
    }
  }
  const group = new Map<string, Group>();
  const lastGroup = new Map<string, Group>();
  for (const g of roster.groups) {
    if (!group.has(g.id)) group.set(g.id, g);
    lastGroup.set(g.id, g);
  }
  return {
    ids: roster.teachers.map((x) => x.id),
    teacher,
    lastTeacher,
    idsByName,
    groupIds: roster.groups.map((g) => g.id),
    group,
    lastGroup,
    membersOf,
  };
}
