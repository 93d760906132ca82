/** One group's session file for one term (sessions with attendance), with its evidence files. */
import { Rng } from "./prng.js";
import { fromDay, weekday } from "./dates.js";
import { listItem, type Value } from "./emit.js";
import { leaderOn } from "./plan.js";
import { cnNumber, lessonOf } from "./names.js";
import type { GroupInfo, SchoolPlan, TermInfo } from "./plan-types.js";
import { DISCUSSION_TOPICS } from "./words.js";
import type { SchoolFile } from "./stats.js";

type Rec = Record<string, Value>;

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
