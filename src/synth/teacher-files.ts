/** One teacher's record file for one term, with its evidence files. */
import { Rng } from "./prng.js";
import { fromDay, monthOf, nearestWeekday } from "./dates.js";
import { listItem, type Value } from "./emit.js";
import { leaderOn } from "./plan.js";
import { cnNumber, lessonOf, paperTopic } from "./names.js";
import type { SchoolPlan, TeacherInfo, TermInfo } from "./plan-types.js";
import { ADMIN_TOPICS, CARE_CASES, ETHICS_BOOKS, STAGE_OF_GRADE, TOPIC_THEMES } from "./words.js";
import type { SchoolFile } from "./stats.js";

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

/** Days the teacher can record anything in the term: [lo, hi], or null. */
export function activeSpan(plan: SchoolPlan, t: TeacherInfo, term: TermInfo): [number, number] | null {
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
