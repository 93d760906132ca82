/**
 * Deterministic generator of realistic school repositories.
 *
 * `schoolFiles(opts)` yields [path, text] pairs one at a time (config and roster first, then one
 * record file per teacher per term, then one session file per group per term, README last), so a
 * benchmark can write a million activities without holding them. Every part draws from its own
 * seeded stream, so the same options always give byte-identical files.
 */
import { Rng } from "./prng.js";
import { fromDay, monthOf, nearestWeekday, weekday } from "./dates.js";
import { listItem, mapLines, scalar, type Value } from "./emit.js";
import {
  buildPlan, cnNumber, leaderOn, lessonOf, paperTopic, schoolSeed,
  type GroupInfo, type SchoolOptions, type SchoolPlan, type TeacherInfo, type TermInfo,
} from "./plan.js";
import { ADMIN_TOPICS, BOOKS, CARE_CASES, DISCUSSION_TOPICS, ETHICS_BOOKS, SCHOOL_NAMES, STAGE_OF_GRADE, TOPIC_THEMES } from "./words.js";

export type { SchoolOptions } from "./plan.js";
export type SchoolFile = [path: string, text: string];

/** Counts gathered while generating; pass an object to fill. */
export interface SchoolStats {
  teachers: number;
  groups: number;
  recordFiles: number;
  records: number;
  sessionFiles: number;
  sessions: number;
  attendance: number;
  /** Attendance entries other than 出勤. */
  notPresent: number;
  evidenceFiles: number;
  files: number;
  byKind: Record<string, number>;
  /** Teacher ids with more than 8 reflections in one year. */
  manyReflections: string[];
  /** Teacher ids who observed fewer than 10 lessons in some complete term. */
  fewObservations: string[];
  /** Teacher ids whose ethics notes are under 5000 字. */
  shortEthics: string[];
}

export function emptyStats(): SchoolStats {
  return {
    teachers: 0, groups: 0, recordFiles: 0, records: 0, sessionFiles: 0, sessions: 0, attendance: 0,
    notPresent: 0, evidenceFiles: 0, files: 0, byKind: {}, manyReflections: [], fewObservations: [], shortEthics: [],
  };
}

type Rec = Record<string, Value>;

interface Item {
  day: number;
  kind: string;
  title: string;
  hours?: number;
  level?: string;
  award?: string;
  role?: string;
  stage?: string;
  count?: number;
  words?: number;
  score?: number;
  /** Evidence slugs, turned into files under evidence/<teacher>/. */
  evidence?: string[];
  ref?: string;
  notes?: string;
}

const HIGHER_LEVELS = new Set(["区县级", "市级", "省级", "国家级"]);

// ---------------------------------------------------------------- config and roster

export function configText(plan: SchoolPlan): string {
  const o = plan.opts;
  const out: string[] = [`# yanxiu 配置：${o.schoolName}`];
  mapLines(out, "", { school: o.schoolName, district: o.district, lang: "zh" });
  out.push("rules:");
  for (const r of o.rules) out.push(`  - ${scalar(r)}`);
  out.push("years:");
  for (const y of plan.years) {
    listItem(out, "  ", { id: y.id, name: y.name, start: y.start, end: y.end });
    out.push("    terms:");
    for (const t of y.terms) listItem(out, "      ", { id: t.id, name: t.name, start: t.start, end: t.end });
  }
  if (o.cycle) {
    out.push("cycle:");
    mapLines(out, "  ", { id: o.cycle.id, name: o.cycle.name, start: o.cycle.start, end: o.cycle.end });
  }
  out.push("checks: {}");
  return out.join("\n") + "\n";
}

export function rosterText(plan: SchoolPlan): string {
  const out: string[] = [`# ${plan.opts.schoolName} 教研组与教师名册`, "groups:"];
  for (const grp of plan.groups) {
    const leader = leaderOn(grp, Infinity);
    listItem(out, "  ", {
      id: grp.id, name: grp.name, type: grp.type,
      parent: grp.parent !== undefined ? plan.groups[grp.parent]!.id : undefined,
      leader: leader !== undefined ? plan.teachers[leader]!.id : undefined,
    });
  }
  out.push("teachers:");
  for (const t of plan.teachers) {
    listItem(out, "  ", { id: t.id, name: t.name, groups: t.groups.map((j) => plan.groups[j]!.id) });
    if (t.roles.length === 0) out.push("    roles: []");
    else {
      out.push("    roles:");
      for (const r of t.roles) {
        if (typeof r === "string") out.push(`      - ${scalar(r)}`);
        else listItem(out, "      ", { role: r.role, from: r.from, to: r.to });
      }
    }
    mapLines(out, "    ", { emails: [t.email], joined: t.joined, left: t.left, notes: t.notes });
  }
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------- one teacher, one term

/** Days the teacher can record anything in the term: [lo, hi], or null. */
function activeSpan(plan: SchoolPlan, t: TeacherInfo, term: TermInfo): [number, number] | null {
  const lo = Math.max(term.startDay, t.joinedDay);
  const hi = Math.min(term.endDay, t.leftDay - 1, plan.asOfDay);
  return lo <= hi ? [lo, hi] : null;
}

function observationTarget(rng: Rng, plan: SchoolPlan, t: TeacherInfo, term: TermInfo): number {
  const leader = plan.groups.some((g) => g.type === "教研组" && leaderOn(g, term.startDay) === t.idx);
  // Most meet the per-role minimums (15; 20 for young teachers, grade heads and group leaders;
  // 30 for teaching leaders); a few fall short.
  if (t.teachingLeader) return rng.int(28, 36);
  if (t.profile === 0) return rng.int(5, 9);
  if (t.young || t.gradeHead || leader || t.prepLeader) return rng.int(19, 27);
  if (t.adminNoClass) return rng.int(10, 20);
  return rng.int(14, 21) + (t.profile === 2 ? rng.int(0, 3) : 0);
}

/** Builds the teacher's items for the term; `obsTotal` receives the lessons observed. */
function termItems(plan: SchoolPlan, t: TeacherInfo, term: TermInfo, lo: number, hi: number, rng: Rng): { items: Item[]; observed: number } {
  // Teaching weeks: the spring term's February is mostly winter holiday, and January ends in exams.
  const termLo = term.startDay + (term.half === 1 ? 23 : 0);
  const termHi = term.endDay - (term.half === 0 ? 8 : 5);
  if (Math.max(lo, termLo) <= Math.min(hi, termHi)) {
    lo = Math.max(lo, termLo);
    hi = Math.min(hi, termHi);
  }
  /** Share of the term's teaching weeks the teacher was at school. */
  const frac = Math.min(1, (hi - lo + 1) / (termHi - termLo + 1));
  const fullTerm = hi >= term.endDay - 20;
  const span = hi - lo;
  const at = (f: number) => nearestWeekday(lo + Math.round(f * span), lo, hi);
  const anyDay = () => at(rng.next());
  const subject = t.subject;
  const colleagues = t.groups.length ? plan.groups[t.groups[0]!]!.members.filter((i) => i !== t.idx) : [];
  const high = t.profile === 2;
  const low = t.profile === 0;

  const k = Math.max(2, Math.round(plan.opts.activitiesPerTeacherPerTerm * t.mult * (0.9 + 0.2 * rng.next()) * frac));
  const fixed: Item[] = [];

  // 师德: notes in the first term the teacher is at school this year; sometimes a reflection in spring.
  const firstOfYear = term.half === 0 || t.joinedDay > term.year.terms[0]!.endDay;
  if (firstOfYear) {
    const book = rng.pick(ETHICS_BOOKS);
    fixed.push({
      day: at(0.1 + rng.next() * 0.3), kind: "ethics-notes", title: `师德学习笔记：学习${book}`,
      words: t.shortEthics ? rng.int(32, 48) * 100 : rng.int(50, 78) * 100,
      evidence: rng.chance(0.5) ? ["ethics-notes"] : undefined,
    });
  } else if (rng.chance(0.4)) {
    fixed.push({
      day: anyDay(), kind: "ethics-reflection", title: rng.pick(["师德学习心得：做“四有”好老师", "师德师风专题学习心得体会", `读${rng.pick(ETHICS_BOOKS)}有感`]),
      words: t.shortEthics ? rng.int(12, 25) * 100 : rng.int(15, 36) * 100,
    });
  }
  if (firstOfYear) {
    fixed.push({
      day: at(rng.next() * 0.1), kind: "study-plan", title: `${term.year.name}个人研修计划、笔记与总结`,
      score: low ? rng.int(2, 4) : high ? rng.int(5, 6) : rng.int(4, 6),
      // The three papers 新田 (二)1 asks for (计划、笔记、总结), named so the preset's evidence check finds them.
      evidence: rng.chance(0.7) ? ["研修计划", "学习笔记", "研修总结"] : undefined,
    });
  }
  // The assessed lesson preparation (备课上课) is marked once a year, at the end of the spring term.
  if (!t.adminNoClass && fullTerm && term.half === 1) {
    fixed.push({
      day: at(0.88 + rng.next() * 0.08), kind: "lesson-prep", title: `${term.name}备课检查（教案与常态课）`,
      score: low ? rng.int(5, 7) : high ? rng.int(8, 10) : rng.int(7, 9),
    });
  }
  const meetings = t.adminNoClass ? rng.int(3, 5) : t.admin ? rng.int(0, 2) : 0;
  for (const topic of rng.sample(ADMIN_TOPICS, meetings)) {
    fixed.push({ day: anyDay(), kind: "admin-meeting", title: `行政例会：${topic}`, hours: 2 });
  }
  for (const { project, lead } of t.projects) {
    if (project.year !== term.year) continue;
    const role = lead ? "主持" : "参与";
    const base = { kind: "project", level: project.level, role, ref: project.ref };
    if (term.half === 0 && project.approvedHere) {
      fixed.push({ ...base, day: at(0.2 + rng.next() * 0.15), title: `课题${project.name}立项`, stage: "立项", evidence: lead && rng.chance(0.8) ? ["project-approval"] : undefined });
    }
    if (term.half === 1 && project.concludedHere && fullTerm) {
      fixed.push({ ...base, day: at(0.7 + rng.next() * 0.15), title: `课题${project.name}结题`, stage: "结题", evidence: rng.chance(0.8) ? ["project-certificate"] : undefined });
    }
  }
  if (!t.adminNoClass) {
    if (rng.chance(low ? 0.2 : high ? 0.7 : 0.45)) {
      const [grade, lesson] = lessonOf(rng, subject);
      fixed.push({
        day: at(0.2 + rng.next() * 0.6), kind: "public-lesson", title: `校级公开课《${lesson}》（${grade}${subject}）`, level: "校级",
        evidence: rng.chance(0.9) ? ["lesson-plan", "slides", "lesson-talk", "lesson-reflection"] : ["lesson-plan", "slides"],
      });
    }
    if (rng.chance(t.key ? 0.45 : 0.12)) {
      const [grade, lesson] = lessonOf(rng, subject);
      fixed.push({ day: anyDay(), kind: "observation-lesson", title: `${t.key ? "示范课" : "观摩课"}《${lesson}》（${grade}${subject}）`, level: "校级" });
    }
    if (rng.chance(low ? 0.03 : high ? 0.3 : 0.12)) {
      const [, lesson] = lessonOf(rng, subject);
      const level = rng.weighted(["片级", "区县级", "市级"], [0.45, 0.4, 0.15]);
      fixed.push({
        day: anyDay(), kind: "lesson-award", title: `${level === "区县级" ? "区级" : level}优质课评比《${lesson}》`, level,
        award: rng.weighted(["一等奖", "二等奖", "三等奖"], [0.25, 0.4, 0.35]), evidence: rng.chance(0.9) ? ["award-certificate"] : undefined,
      });
    }
  }
  if (rng.chance((low ? 0.05 : high ? 0.45 : 0.18) + (t.key ? 0.15 : 0))) {
    const [grade] = lessonOf(rng, subject);
    const published = rng.chance(0.3);
    fixed.push({
      day: anyDay(), kind: "paper", title: `《${paperTopic(rng, STAGE_OF_GRADE(grade), t.adminNoClass ? "学校管理中" : subject)}》论文`,
      level: rng.weighted(["区县级", "市级", "省级"], [0.6, 0.3, 0.1]),
      award: published ? "发表" : rng.weighted(["一等奖", "二等奖", "三等奖"], [0.3, 0.4, 0.3]),
      words: rng.int(30, 60) * 100, evidence: rng.chance(0.85) ? ["paper"] : undefined,
    });
  }
  if (!t.adminNoClass) {
    if (rng.chance(high ? 0.4 : 0.22)) {
      const [grade] = lessonOf(rng, subject);
      fixed.push({ day: anyDay(), kind: "good-question", title: `命好题：${grade}${subject}第${cnNumber(rng.int(1, 8))}单元检测卷`, evidence: rng.chance(0.6) ? ["test-paper"] : undefined });
    }
    if (rng.chance(high ? 0.35 : 0.18)) {
      fixed.push({ day: anyDay(), kind: "good-care", title: `育好人：《${rng.pick(CARE_CASES)}》`, evidence: rng.chance(0.5) ? ["case"] : undefined });
    }
  }

  // What is left of the budget goes to observations and reflections.
  if (fixed.length > k - 1) fixed.length = Math.max(1, k - 1);
  const rem = Math.max(1, k - fixed.length);
  const observed = Math.max(1, Math.round(observationTarget(rng, plan, t, term) * frac));
  // Reflections per term by diligence; what remains goes to more (single-lesson) observation
  // records, and only past that to further reflections.
  const reflCap = low ? 2 : high ? rng.int(5, 6) : rng.int(2, 4);
  let nObs = Math.min(observed, Math.max(1, Math.round(rem * 0.45)));
  let nRefl = Math.min(rem - nObs, reflCap);
  nObs = Math.min(observed, rem - nRefl);
  nRefl = rem - nObs;
  const items = fixed;

  const parts = new Array<number>(nObs).fill(1);
  for (let x = nObs; x < observed; x++) parts[rng.int(0, nObs - 1)]!++;
  for (const part of parts) {
    const day = anyDay();
    if (part === 1) {
      const who = colleagues.length ? plan.teachers[rng.pick(colleagues)]! : t;
      const subj = who === t ? subject : who.subject;
      const [grade, lesson] = lessonOf(rng, subj);
      // 新田 counts observed lessons from the teacher's 《校本研训活动记录册》: its page is the evidence.
      items.push({ day, kind: "observation", title: `听课《${lesson}》（${grade}${subj} ${who.surname}老师）`, count: 1, evidence: ["记录册"] });
    } else {
      items.push({
        day, kind: "observation", title: `${monthOf(day)}月听课记录（${part}节）`, count: part, evidence: ["记录册"],
        notes: rng.chance(0.3) ? "每节课均有评课记录：一个优点、一个问题、一条建议" : undefined,
      });
    }
  }

  const usedLessons = new Set<string>();
  for (let r = 0; r < nRefl; r++) {
    let title: string;
    if (t.adminNoClass) title = `管理反思：${rng.pick(ADMIN_TOPICS)}`;
    else {
      const [grade, lesson] = lessonOf(rng, subject);
      if (!usedLessons.has(lesson) && rng.chance(0.75)) {
        usedLessons.add(lesson);
        title = `《${lesson}》教学反思`;
      } else if (rng.chance(0.5)) title = `${grade}${subject}第${cnNumber(rng.int(1, 8))}单元教学反思`;
      else title = `教学随笔：${rng.pick(TOPIC_THEMES).replace(/研究|探究|实践与思考|策略$/g, "")}的点滴体会`;
    }
    items.push({ day: anyDay(), kind: "reflection", title, words: rng.int(8, 20) * 100 + rng.int(0, 99) });
  }
  return { items, observed };
}

interface TermFile {
  path: string;
  text: string;
  evidence: SchoolFile[];
  records: number;
  reflections: number;
  observed: number;
  kinds: string[];
}

/** The record file of one teacher for one term (null when the teacher was not at school). */
export function teacherTermFile(plan: SchoolPlan, t: TeacherInfo, term: TermInfo): TermFile | null {
  const span = activeSpan(plan, t, term);
  if (!span) return null;
  const rng = Rng.for(plan.opts.seed, "records", t.idx, term.index);
  const { items, observed } = termItems(plan, t, term, span[0], span[1], rng);
  items.sort((a, b) => a.day - b.day);

  const seen = new Set<string>();
  const evidencePaths = new Set<string>();
  const evidence: SchoolFile[] = [];
  const out: string[] = [`# ${t.name}（${t.id}） ${term.name} 研修记录`, `teacher: ${t.id}`, "records:"];
  const recent = plan.asOfDay - 30;
  let reflections = 0;
  const kinds: string[] = [];
  for (const it of items) {
    const date = fromDay(it.day);
    let title = it.title;
    for (let c = 2; seen.has(`${date}|${it.kind}|${title}`); c++) title = `${it.title}（${cnNumber(c)}）`;
    seen.add(`${date}|${it.kind}|${title}`);
    if (it.kind === "reflection") reflections++;
    kinds.push(it.kind);

    let evidenceList: string[] | undefined;
    if (it.evidence && plan.opts.evidence) {
      evidenceList = [];
      for (const slug of it.evidence) {
        let p = `evidence/${t.id}/${date}-${slug}.txt`;
        for (let c = 2; evidencePaths.has(p); c++) p = `evidence/${t.id}/${date}-${slug}-${c}.txt`;
        evidencePaths.add(p);
        evidenceList.push(p);
        evidence.push([p, `证明材料（占位文件）\n教师：${t.name}（${t.id}）\n活动：${title}\n日期：${date}\n材料：${slug}\n`]);
      }
    }

    // Review: the group leader approves; recent entries still wait; a few are sent back.
    const group = t.groups.length ? plan.groups[t.groups[0]!]! : undefined;
    let approver = group ? leaderOn(group, it.day) : undefined;
    if (approver === undefined || approver === t.idx) approver = plan.teachingLeader !== t.idx ? plan.teachingLeader : plan.admin;
    let status: string;
    let notes = it.notes;
    const r = rng.next();
    if (it.day > recent && r < 0.6) status = "录入";
    else if (r < 0.006) {
      status = "退回";
      notes = "证明材料不全，请补交后重新提交";
    } else if (HIGHER_LEVELS.has(it.level ?? "") && r < 0.75) status = "验证";
    else if (r < 0.06) status = "录入";
    else status = "审定";
    // 验证 is the office's step (approval.verify), not the group leader's.
    if (status === "验证") approver = plan.teachingLeader !== t.idx ? plan.teachingLeader : plan.admin;
    const approverId = status !== "录入" && approver !== undefined ? plan.teachers[approver]!.id : undefined;

    const rec: Rec = {
      date, kind: it.kind, title, hours: it.hours, level: it.level, award: it.award, role: it.role, stage: it.stage,
      count: it.count, words: it.words, score: it.score,
      evidence: evidenceList && evidenceList.length === 1 ? evidenceList[0] : evidenceList,
      status, approver: approverId, ref: it.ref, notes,
    };
    listItem(out, "  ", rec);
  }
  if (items.length === 0) out[out.length - 1] = "records: []";
  return { path: `records/${term.id}/${t.id}.yaml`, text: out.join("\n") + "\n", evidence, records: items.length, reflections, observed, kinds };
}

// ---------------------------------------------------------------- group sessions

const ATTENDANCE_WORDS = ["出勤", "请假", "迟到", "缺席", "早退"];
const ATTENDANCE_WEIGHTS = [0.915, 0.035, 0.02, 0.015, 0.015];

interface SessionFileOut {
  path: string;
  text: string;
  evidence: SchoolFile[];
  sessions: number;
  attendance: number;
  notPresent: number;
}

export function groupTermFile(plan: SchoolPlan, grp: GroupInfo, term: TermInfo): SessionFileOut | null {
  const base = plan.opts.sessionsPerGroupPerTerm;
  if (base <= 0 || grp.members.length === 0) return null;
  const rng = Rng.for(plan.opts.seed, "sessions", grp.idx, term.index);
  const lo = term.startDay + 7;
  const hi = term.endDay - (term.half === 0 ? 14 : 7);
  const s = grp.type === "教研组" ? Math.max(1, base + rng.int(-1, 1)) : Math.max(1, Math.ceil(base / 2));
  const leaderNow = leaderOn(grp, term.startDay);
  const out: string[] = [
    `# ${grp.name} ${term.name} 教研活动与考勤${leaderNow !== undefined ? `（组长：${plan.teachers[leaderNow]!.name}）` : ""}`,
    `group: ${grp.id}`,
    "sessions:",
  ];
  const titles = new Set<string>();
  const evidence: SchoolFile[] = [];
  let sessions = 0;
  let attendance = 0;
  let notPresent = 0;
  let rotation = rng.int(0, grp.members.length - 1);
  for (let j = 0; j < s; j++) {
    const target = lo + Math.round(((j + 0.5) * (hi - lo)) / s);
    let day = target + ((grp.weekday - weekday(target) + 7) % 7);
    if (day > hi) day -= 7;
    if (day > plan.asOfDay) break;
    const present = grp.members.filter((i) => plan.teachers[i]!.joinedDay <= day && day < plan.teachers[i]!.leftDay);
    if (present.length === 0) continue;
    const date = fromDay(day);
    const kind = grp.type === "备课组" || rng.chance(0.55) ? "collective-prep" : "group-discussion";
    const subject = rng.pick(grp.subjects);
    let title: string;
    if (kind === "collective-prep") {
      const [grade, lesson] = lessonOf(rng, subject);
      title = `集体备课：${grade}${subject}《${lesson}》`;
    } else title = `组内研讨：${rng.pick(DISCUSSION_TOPICS)}`;
    const baseTitle = title;
    for (let c = 2; titles.has(title); c++) title = `${baseTitle}（第${cnNumber(c)}次）`;
    titles.add(title);
    const teaching = present.filter((i) => !plan.teachers[i]!.adminNoClass);
    const pool = teaching.length ? teaching : present;
    const leader = leaderOn(grp, day);
    const lead = kind === "group-discussion" && leader !== undefined && present.includes(leader) && rng.chance(0.3)
      ? leader
      : pool[rotation++ % pool.length]!;
    const rec: Rec = {
      date, kind, title, hours: kind === "collective-prep" ? 2 : rng.pick([1.5, 2]),
      lead: plan.teachers[lead]!.id,
    };
    if (plan.opts.evidence && rng.chance(0.5)) {
      const p = `evidence/groups/${grp.id}/${date}-minutes.txt`;
      rec.evidence = p;
      evidence.push([p, `活动记录（占位文件）\n${grp.name} ${date}\n${title}\n主备/主讲：${plan.teachers[lead]!.name}\n`]);
    }
    listItem(out, "  ", rec);
    out.push("    attendance:");
    for (const i of present) {
      const word = i === lead ? "出勤" : rng.weighted(ATTENDANCE_WORDS, ATTENDANCE_WEIGHTS);
      if (word !== "出勤") notPresent++;
      out.push(`      ${plan.teachers[i]!.id}: ${word}`);
    }
    attendance += present.length;
    sessions++;
  }
  if (sessions === 0) return null;
  return { path: `sessions/${term.id}/${grp.id}.yaml`, text: out.join("\n") + "\n", evidence, sessions, attendance, notPresent };
}

// ---------------------------------------------------------------- the whole school

export const GITIGNORE = "# yanxiu 的缓存与导出文件不入库\n.yanxiu-cache/\nexports/\n*.xlsx\n";

/** Yields every file of the school, one at a time. */
export function* schoolFiles(opts: SchoolOptions, stats: SchoolStats = emptyStats()): Generator<SchoolFile> {
  const plan = buildPlan(opts);
  stats.teachers = plan.teachers.length;
  stats.groups = plan.groups.length;
  const emit = (f: SchoolFile): SchoolFile => {
    stats.files++;
    return f;
  };
  yield emit(["yanxiu.yaml", configText(plan)]);
  yield emit(["roster.yaml", rosterText(plan)]);
  yield emit([".gitignore", GITIGNORE]);

  const many = new Set<string>();
  const few = new Set<string>();
  for (const year of plan.years) {
    const reflections = new Map<number, number>();
    for (const term of year.terms) {
      for (const t of plan.teachers) {
        const f = teacherTermFile(plan, t, term);
        if (!f) continue;
        for (const e of f.evidence) yield emit(e);
        stats.evidenceFiles += f.evidence.length;
        stats.recordFiles++;
        stats.records += f.records;
        for (const k of f.kinds) stats.byKind[k] = (stats.byKind[k] ?? 0) + 1;
        reflections.set(t.idx, (reflections.get(t.idx) ?? 0) + f.reflections);
        if (f.observed < 10 && activeSpan(plan, t, term)![1] >= term.endDay - 14) few.add(t.id);
        yield emit([f.path, f.text]);
      }
      for (const grp of plan.groups) {
        const f = groupTermFile(plan, grp, term);
        if (!f) continue;
        for (const e of f.evidence) yield emit(e);
        stats.evidenceFiles += f.evidence.length;
        stats.sessionFiles++;
        stats.sessions += f.sessions;
        stats.attendance += f.attendance;
        stats.notPresent += f.notPresent;
        yield emit([f.path, f.text]);
      }
    }
    for (const [i, c] of reflections) if (c > 8) many.add(plan.teachers[i]!.id);
  }
  stats.manyReflections = [...many].sort();
  stats.fewObservations = [...few].sort();
  stats.shortEthics = plan.teachers.filter((t) => t.shortEthics).map((t) => t.id);
  if (plan.opts.readme) yield emit(["README.md", readmeText(plan, stats)]);
}

/** The whole school in memory: repo-relative path → file text. */
export function generateSchool(opts: SchoolOptions, stats?: SchoolStats): Map<string, string> {
  return new Map(schoolFiles(opts, stats));
}

/**
 * Several schools, each a complete repository under `<school-id>/` (s01, s02, …), for
 * district-sized benchmarks. Each school gets its own seed derived from `seed`.
 */
export function* districtFiles(
  opts: Omit<SchoolOptions, "schoolName"> & { schools: number },
  stats: SchoolStats = emptyStats(),
): Generator<SchoolFile> {
  const width = Math.max(2, String(opts.schools).length);
  for (let s = 0; s < opts.schools; s++) {
    const id = `s${String(s + 1).padStart(width, "0")}`;
    const base = SCHOOL_NAMES[s % SCHOOL_NAMES.length]!;
    const name = s < SCHOOL_NAMES.length ? base : `${base}（${Math.floor(s / SCHOOL_NAMES.length) + 1}分校）`;
    const part = emptyStats();
    const { schools: _schools, ...rest } = opts;
    for (const [p, text] of schoolFiles({ ...rest, seed: schoolSeed(opts.seed, s), schoolName: name, emailDomain: `${id}.school.edu.cn` }, part)) {
      yield [`${id}/${p}`, text];
    }
    addStats(stats, part);
  }
}

function addStats(into: SchoolStats, s: SchoolStats): void {
  for (const k of ["teachers", "groups", "recordFiles", "records", "sessionFiles", "sessions", "attendance", "notPresent", "evidenceFiles", "files"] as const) {
    into[k] += s[k];
  }
  for (const [k, v] of Object.entries(s.byKind)) into.byKind[k] = (into.byKind[k] ?? 0) + v;
}

// ---------------------------------------------------------------- README

function readmeText(plan: SchoolPlan, stats: SchoolStats): string {
  const o = plan.opts;
  const name = (id: string) => `${plan.teachers.find((t) => t.id === id)?.name ?? id}（${id}）`;
  const teaching = plan.groups.filter((g) => g.type === "教研组");
  const prep = plan.groups.filter((g) => g.type === "备课组");
  const lines: string[] = [
    `# ${o.schoolName}（示例学校）`,
    "",
    `这是 yanxiu 的示例研修记录仓库：一所虚构的九年一贯制学校，${stats.teachers} 名教师，` +
      `${teaching.length} 个教研组（${teaching.map((g) => g.name).join("、")}）` +
      (prep.length ? `，下设 ${prep.length} 个备课组（${prep.map((g) => g.name).join("、")}）` : "") + "。",
    `数据覆盖 ${plan.years.map((y) => y.name).join("、")}（${plan.terms.map((t) => t.id).join("、")}），` +
      `按《宣州区新田中心小学校本研修考核办法》（每学年 48 学时）和听课最低节数要求计分。`,
    "",
    "所有人名、课题和记录均由程序随机生成，如有雷同纯属巧合。",
    "",
    "## 目录",
    "",
    "| 路径 | 内容 |",
    "|---|---|",
    "| `yanxiu.yaml` | 学校、学年与学期、继续教育周期、采用的规则文件 |",
    "| `roster.yaml` | 教研组、备课组与教师名册（角色、邮箱、入职与调离日期） |",
    "| `records/<学期>/<教师>.yaml` | 每位教师每学期一个文件，由教师本人填写，互不冲突 |",
    "| `sessions/<学期>/<教研组>.yaml` | 集体备课、组内研讨及考勤，由组长填写 |",
    "| `evidence/` | 证明材料（此处为占位文本文件） |",
    "| `rules/` | 计分规则（新田考核办法、听课最低节数） |",
    "",
    "## 数量",
    "",
    `- 教师记录 ${stats.records} 条（${stats.recordFiles} 个文件），教研活动 ${stats.sessions} 次（${stats.sessionFiles} 个文件），考勤 ${stats.attendance} 人次，其中非出勤 ${stats.notPresent} 人次；`,
    `- 证明材料 ${stats.evidenceFiles} 个。`,
    "",
    "## 有意安排的情况",
    "",
  ];
  const facts: string[] = [];
  if (plan.leaderChange) {
    const c = plan.leaderChange;
    facts.push(`${plan.groups[c.group]!.name}组长在 ${fromDay(c.day)} 由${name(plan.teachers[c.from]!.id)}换为${name(plan.teachers[c.to]!.id)}（名册中用带日期的角色表示）。`);
  }
  for (const t of plan.teachers) {
    if (t.left) facts.push(`${name(t.id)}于 ${t.left} 调离，此后没有记录，也不再出现在考勤中。`);
    if (t.joinedDay > plan.terms[0]!.startDay) facts.push(`${name(t.id)}于 ${t.joined} 入职，只有入职后的记录。`);
  }
  const noClass = plan.teachers.filter((t) => t.adminNoClass);
  if (noClass.length) facts.push(`${noClass.map((t) => name(t.id)).join("、")}为不兼课行政，以行政例会、听课记录、论文等代替。`);
  if (stats.shortEthics.length) facts.push(`师德学习笔记不足 5000 字：${stats.shortEthics.map(name).join("、")}。`);
  if (stats.fewObservations.length) facts.push(`有学期听课不足 10 节：${stats.fewObservations.map(name).join("、")}。`);
  if (stats.manyReflections.length) facts.push(`一学年教学反思超过 8 篇（超出上限）：${stats.manyReflections.map(name).join("、")}。`);
  facts.push("少数记录处于“录入”（待审定）或“退回”状态；课题记录用 `ref` 关联同一课题的立项与结题。");
  lines.push(...facts.map((f) => `- ${f}`));
  lines.push(
    "",
    "## 常用命令",
    "",
    "```sh",
    "yanxiu check .            # 校验格式与引用",
    "yanxiu score .            # 按规则计算学时",
    "```",
    "",
    "## 重新生成",
    "",
    "本目录由生成器产生（`src/synth/`），在 yanxiu 仓库根目录运行：",
    "",
    "```sh",
    "npm run build && node dist/synth/cli.js examples/demo-school",
    "```",
    "",
    "同样的参数总是生成完全相同的文件；`rules/` 目录不会被覆盖。",
    "",
  );
  return lines.join("\n");
}
