/**
 * The school plan: calendar, groups, teachers and research projects, built once per school in
 * O(teachers). Record and session files are then generated from it one at a time (generate.ts).
 */
import { Rng, hash32 } from "./prng.js";
import { fromDay, toDay } from "./dates.js";
import { GROUP_KINDS, type GroupKind } from "./words.js";
import { makeName, projectName } from "./names.js";
import { DEFAULT_AS_OF, DEFAULT_RULES, type GroupInfo, type ProjectInfo, type RoleEntry, type SchoolOptions, type SchoolPlan, type TeacherInfo, type YearInfo } from "./plan-types.js";

export function buildYears(ids: string[]): YearInfo[] {
  if (ids.length === 0) throw new Error("at least one school year is needed");
  const years: YearInfo[] = [];
  let termIndex = 0;
  const sorted = [...ids].sort();
  for (const id of sorted) {
    const m = /^(\d{4})-(\d{4})$/.exec(id);
    if (!m || +m[2]! !== +m[1]! + 1) throw new Error(`a school year is written like 2025-2026, not ${id}`);
    const a = +m[1]!;
    const b = a + 1;
    const name = `${a}—${b}学年`;
    const year: YearInfo = { id, name, start: `${a}-09-01`, end: `${b}-08-31`, first: a, terms: [], index: years.length };
    const spans: Array<[string, string, string]> = [
      [`${a}-09-01`, `${b}-01-31`, "第一学期"],
      [`${b}-02-01`, `${b}-07-15`, "第二学期"],
    ];
    spans.forEach(([start, end, label], half) => {
      year.terms.push({
        id: `${id}-${half + 1}`, name: `${name}${label}`, start, end,
        startDay: toDay(start), endDay: toDay(end), year, half, index: termIndex++,
      });
    });
    years.push(year);
  }
  return years;
}

function groupKind(i: number): GroupKind {
  return GROUP_KINDS[i] ?? {
    id: `g${String(i + 1).padStart(2, "0")}`, name: `第${i + 1}教研组`, subjects: ["综合"], weight: 1, weekday: (i % 5) + 1,
  };
}


export function buildPlan(input: SchoolOptions): SchoolPlan {
  const n = Math.floor(input.teachers);
  const g = Math.floor(input.groups);
  if (!(n >= 1)) throw new Error("teachers must be at least 1");
  if (!(g >= 1)) throw new Error("groups must be at least 1");
  const seed = input.seed >>> 0;
  const years = buildYears(input.years);
  const terms = years.flatMap((y) => y.terms);
  const lastYear = years[years.length - 1]!;
  const opts: SchoolPlan["opts"] = {
    seed,
    teachers: n,
    groups: g,
    activitiesPerTeacherPerTerm: Math.max(0, input.activitiesPerTeacherPerTerm),
    years: years.map((y) => y.id),
    schoolName: input.schoolName ?? "明德实验学校",
    district: input.district,
    emailDomain: input.emailDomain ?? `school${seed % 100000}.edu.cn`,
    asOf: input.asOf ?? DEFAULT_AS_OF,
    prepGroups: Math.max(0, Math.floor(input.prepGroups ?? (n >= 15 && g >= 1 ? Math.min(2, g) : 0))),
    sessionsPerGroupPerTerm: Math.max(0, input.sessionsPerGroupPerTerm ?? 6),
    evidence: input.evidence ?? true,
    readme: input.readme ?? true,
    rules: input.rules ?? DEFAULT_RULES,
    cycle:
      input.cycle === undefined
        ? {
            id: `${lastYear.first - 4}-${lastYear.first + 1}`,
            name: `${lastYear.first - 4}—${lastYear.first + 1}年继续教育周期`,
            start: `${lastYear.first - 4}-09-01`,
            end: `${lastYear.first + 1}-08-31`,
          }
        : input.cycle,
  };
  const asOfDay = toDay(opts.asOf);
  const firstYear = years[0]!.first;
  const width = Math.max(2, String(n).length);
  const tid = (i: number) => `t${String(i + 1).padStart(width, "0")}`;

  // Special people, only when the school is large enough to have them.
  const special = n >= g + 6;
  const TL = special ? g : -1;
  const ADM = special ? g + 1 : -1;
  const NOCLASS = special ? n - 1 : -1;
  const LEFT = special ? n - 2 : -1;
  const LATE = special ? n - 3 : -1;
  const gradeHeads = new Set(special ? [g + 2, g + 4, g + 6].filter((i) => i < n - 3) : []);
  const isSpecial = (i: number) => i < g || i === TL || i === ADM || i === NOCLASS || i === LEFT || i === LATE;

  // Profiles and short ethics notes: exact counts, so every school shows a few of each.
  const global = Rng.for(seed, "profiles");
  const ordinary: number[] = [];
  for (let i = 0; i < n; i++) if (!isSpecial(i)) ordinary.push(i);
  const lowSet = new Set(global.sample(ordinary, Math.max(n >= 8 ? 1 : 0, Math.round(n * 0.12))));
  const highSet = new Set(global.sample(ordinary.filter((i) => !lowSet.has(i)), Math.round(n * 0.18)));
  const shortEthicsSet = new Set(global.sample(ordinary, Math.max(n >= 8 ? 1 : 0, Math.round(n * 0.06))));

  // Groups.
  const groups: GroupInfo[] = [];
  for (let j = 0; j < g; j++) {
    const k = groupKind(j);
    groups.push({ idx: j, id: k.id, name: k.name, type: "教研组", subjects: k.subjects, weekday: k.weekday, members: [], leaders: [] });
  }
  const weights = groups.map((_, j) => groupKind(j).weight);
  const groupIdx = groups.map((_, j) => j);

  // Teachers.
  const names = new Set<string>();
  const emails = new Set<string>();
  const teachers: TeacherInfo[] = [];
  const lastSpring = lastYear.terms[1]!;
  for (let i = 0; i < n; i++) {
    const rng = Rng.for(seed, "teacher", i);
    const { name, surname, pinyin } = makeName(rng, names);
    let email = `${pinyin}@${opts.emailDomain}`;
    for (let k = 2; emails.has(email); k++) email = `${pinyin}${k}@${opts.emailDomain}`;
    emails.add(email);

    let primary = -1;
    if (i < g) primary = i;
    else if (i === TL) primary = 0;
    else if (i === ADM) primary = 1 % g;
    else if (i !== NOCLASS) primary = rng.weighted(groupIdx, weights);
    const memberOf = primary >= 0 ? [primary] : [];
    if (primary >= 0 && g > 1 && !isSpecial(i) && rng.chance(0.06)) {
      const second = (primary + 1 + rng.int(0, g - 2)) % g;
      memberOf.push(second);
    }
    const subjects = primary >= 0 ? groups[primary]!.subjects : ["综合"];
    const subject = rng.pick(subjects);

    const leader = i < g;
    const newTeacher = i === LATE || (!isSpecial(i) && rng.chance(0.05));
    let joinYear: number;
    if (leader || i === TL || i === ADM || i === NOCLASS) joinYear = rng.int(firstYear - 28, firstYear - 12);
    else if (newTeacher) joinYear = firstYear;
    else joinYear = rng.int(firstYear - 30, firstYear - 2);
    let joined = `${joinYear}-08-${String(rng.int(20, 31)).padStart(2, "0")}`;
    if (i === LATE) joined = fromDay(lastSpring.startDay + 29 + rng.int(0, 6));
    const young = newTeacher || joinYear >= firstYear - 9;
    const key = !young && (leader ? rng.chance(0.7) : highSet.has(i) ? rng.chance(0.6) : rng.chance(0.15));
    let left: string | undefined;
    if (i === LEFT) left = fromDay(lastSpring.startDay + 40 + rng.int(0, 20));
    else if (n > 100 && i % 97 === 50) left = fromDay(terms[rng.int(0, terms.length - 1)]!.startDay + rng.int(20, 120));

    const profile: 0 | 1 | 2 = lowSet.has(i) ? 0 : highSet.has(i) ? 2 : 1;
    const mult = profile === 0 ? 0.6 : profile === 2 ? 1.3 : leader ? 1.1 : 0.92 + rng.next() * 0.1;

    teachers.push({
      idx: i, id: tid(i), name, surname, email, groups: memberOf, subject, roles: [],
      joined, joinedDay: toDay(joined), left, leftDay: left ? toDay(left) : Infinity,
      profile, mult, young, key, newTeacher, gradeHead: gradeHeads.has(i), teachingLeader: i === TL,
      admin: i === ADM || i === TL || i === NOCLASS, adminNoClass: i === NOCLASS, prepLeader: false,
      shortEthics: shortEthicsSet.has(i), projects: [],
    });
    for (const j of memberOf) groups[j]!.members.push(i);
  }

  // Leaders, and one group whose leader changes at the start of the last spring term.
  for (let j = 0; j < g; j++) groups[j]!.leaders.push({ teacher: j, fromDay: -Infinity, toDay: Infinity });
  let leaderChange: SchoolPlan["leaderChange"];
  if (special && g >= 2) {
    const cand = groups[1]!.members.find((i) => !isSpecial(i) && !teachers[i]!.young && teachers[i]!.groups[0] === 1);
    if (cand !== undefined) {
      const day = lastSpring.startDay;
      groups[1]!.leaders = [
        { teacher: 1, fromDay: -Infinity, toDay: day - 1 },
        { teacher: cand, fromDay: day, toDay: Infinity },
      ];
      leaderChange = { group: 1, day, from: 1, to: cand };
    }
  }

  // 备课组 under the first 教研组.
  const prepSuffix = [["lower", "低年级"], ["upper", "高年级"], ["junior", "初中"]] as const;
  for (let p = 0; p < opts.prepGroups; p++) {
    const parent = groups[p % g]!;
    const round = Math.floor(p / g);
    const [suffix, label] = prepSuffix[p % 3]!;
    let id = `${parent.id}-${suffix}`;
    for (let c = 2; groups.some((x) => x.id === id); c++) id = `${parent.id}-${suffix}${c}`;
    const parentLeaders = new Set(parent.leaders.map((l) => l.teacher));
    const members = parent.members.filter((i, pos) => pos % 2 === round % 2 && i !== NOCLASS && teachers[i]!.groups[0] === parent.idx);
    if (members.length < 2) continue;
    const leader = members.find((i) => !parentLeaders.has(i) && i !== LEFT && i !== LATE) ?? members[0]!;
    const subj = parent.subjects[0]!;
    const idx = groups.length;
    groups.push({
      idx, id, name: `${label}${subj}备课组`, type: "备课组", parent: parent.idx, subjects: [subj],
      weekday: ((parent.weekday + 1) % 5) + 1, members, leaders: [{ teacher: leader, fromDay: -Infinity, toDay: Infinity }],
    });
    for (const i of members) teachers[i]!.groups.push(idx);
    teachers[leader]!.prepLeader = true;
  }

  // Roles.
  for (const t of teachers) {
    const roles: RoleEntry[] = [];
    for (const grp of groups) {
      if (grp.type !== "教研组") continue;
      for (const l of grp.leaders) {
        if (l.teacher !== t.idx) continue;
        if (l.fromDay === -Infinity && l.toDay === Infinity) roles.push("教研组长");
        else if (l.fromDay === -Infinity) roles.push({ role: "教研组长", to: fromDay(l.toDay) });
        else roles.push({ role: "教研组长", from: fromDay(l.fromDay) });
      }
    }
    if (t.prepLeader) roles.push("备课组长");
    if (t.teachingLeader) roles.push("教学领导");
    if (t.idx === ADM) roles.push("行政");
    if (t.adminNoClass) roles.push("不兼课行政");
    if (t.gradeHead) roles.push("年级组长");
    if (t.key) roles.push("骨干教师");
    if (t.young) roles.push("青年教师");
    if (t.newTeacher) roles.push("新教师");
    t.roles = roles;
    if (t.teachingLeader) t.notes = "教导主任";
    else if (t.idx === ADM) t.notes = "副校长";
    else if (t.adminNoClass) t.notes = "办公室主任，不兼课";
    else if (t.left) t.notes = "调往外校";
    else if (t.idx === LATE) t.notes = "春季学期新入职";
  }

  // Research projects: one per 教研组 per year, most of the time.
  const projects: ProjectInfo[] = [];
  for (const year of years) {
    for (let j = 0; j < g; j++) {
      const grp = groups[j]!;
      const rng = Rng.for(seed, "project", year.index, j);
      if (!rng.chance(0.75)) continue;
      const ongoing = rng.chance(0.25);
      const level = rng.weighted(["校级", "区县级", "市级", "省级"], [0.55, 0.3, 0.12, 0.03]);
      const stage = rng.chance(0.5) ? "小学" : "初中";
      const project: ProjectInfo = {
        ref: ongoing ? `proj-${year.first - 1}-${grp.id}-b` : `proj-${year.first}-${grp.id}`,
        name: projectName(rng, stage, grp.subjects[0]!),
        level,
        group: j,
        year,
        approvedHere: !ongoing,
        concludedHere: ongoing || (level === "校级" && rng.chance(0.6)),
      };
      const yearStart = year.terms[0]!.startDay;
      const active = grp.members.filter((i) => teachers[i]!.joinedDay <= yearStart && !teachers[i]!.adminNoClass);
      if (active.length === 0) continue;
      const lead = grp.leaders.find((l) => l.fromDay <= yearStart && yearStart <= l.toDay)?.teacher;
      const leadIdx = lead !== undefined && active.includes(lead) ? lead : active[0]!;
      projects.push(project);
      teachers[leadIdx]!.projects.push({ project, lead: true });
      for (const i of rng.sample(active.filter((x) => x !== leadIdx), rng.int(2, 4))) teachers[i]!.projects.push({ project, lead: false });
    }
  }

  return {
    opts, asOfDay, years, terms, groups, teachers, projects,
    teachingLeader: TL >= 0 ? TL : undefined,
    admin: ADM >= 0 ? ADM : undefined,
    leaderChange,
  };
}

/** The leader of a group on a day. */
export function leaderOn(group: GroupInfo, day: number): number | undefined {
  return group.leaders.find((l) => l.fromDay <= day && day <= l.toDay)?.teacher;
}


/** Seeds for schools of a district. */
export function schoolSeed(seed: number, school: number): number {
  return hash32(seed, 0x5c4001, school);
}
