/** Messages of the checks on the roster and the config's calendar (src/checks), ids starting with the check's name. */
import { defineMessages } from "./catalogue.js";

/** A teacher or a group, by id and name. */
type Named = { id: string; name: string };

export const rosterCheckMessages = defineMessages({
  "roster-duplicate.teacher": {
    example: { id: "t07" },
    zh: (d) => `教师编号「${d.id}」重复`,
    en: (d) => `teacher id '${d.id}' appears twice`,
  },
  "roster-duplicate.teacher-alike": {
    example: { id: "T07", prev: "t07" },
    zh: (d) => `教师编号「${d.id}」与「${d.prev}」只差大小写或全角,容易混淆`,
    en: (d) => `teacher id '${d.id}' differs from '${d.prev}' only in case or width`,
  },
  "roster-duplicate.hint-teacher": {
    example: {},
    zh: () => "每位教师用一个不同的编号",
    en: () => "give every teacher a distinct id",
  },
  "roster-duplicate.group": {
    example: { id: "math" },
    zh: (d) => `教研组编号「${d.id}」重复`,
    en: (d) => `group id '${d.id}' appears twice`,
  },
  "roster-duplicate.hint-group": {
    example: {},
    zh: () => "每个组用一个不同的编号",
    en: () => "give every group a distinct id",
  },
  "roster-duplicate.email": {
    example: { email: "lina@school.cn", owner: "t16" },
    zh: (d) => `邮箱 ${d.email} 已属于 ${d.owner}`,
    en: (d) => `the e-mail ${d.email} already belongs to ${d.owner}`,
  },
  "roster-duplicate.hint-email": {
    example: {},
    zh: () => "一个邮箱只能属于一位教师(提交记录靠它识别作者)",
    en: () => "an e-mail can belong to one teacher only (commits are attributed by it)",
  },

  "roster-dates.left-before-joined": {
    example: { id: "t16", left: "2025-07-01", joined: "2025-09-01" },
    zh: (d) => `${d.id} 的离职日期(${d.left})早于入职日期(${d.joined})`,
    en: (d) => `${d.id} left (${d.left}) before joining (${d.joined})`,
  },
  "roster-dates.hint-one-date": {
    example: {},
    zh: () => "改正其中一个日期",
    en: () => "correct one of the dates",
  },
  "roster-dates.left-before-years": {
    example: { id: "t16", left: "2020-07-01", firstDay: "2025-09-01" },
    zh: (d) => `${d.id} 的离职日期(${d.left})早于 yanxiu.yaml 中最早的学年(${d.firstDay} 开始):这样他不受任何要求约束`,
    en: (d) => `${d.id} left (${d.left}) before the first school year in yanxiu.yaml (from ${d.firstDay}): that would hold them to nothing`,
  },
  "roster-dates.hint-left-long-ago": {
    example: {},
    zh: () => "改正日期;早已离开的教师可从名册中删除(其记录仍在 git 历史中)",
    en: () => "correct the date; a teacher who left long ago can be removed from the roster (their records stay in the git history)",
  },
  "roster-dates.role": {
    example: { role: "教研组长", from: "2026-02-01", to: "2025-09-01" },
    zh: (d) => `职务「${d.role}」的结束日期(${d.to})早于开始日期(${d.from})`,
    en: (d) => `role '${d.role}' ends (${d.to}) before it starts (${d.from})`,
  },
  "roster-dates.hint-role": {
    example: {},
    zh: () => "交换 from 和 to,或改正日期",
    en: () => "swap from and to, or correct the dates",
  },

  "group-cycle": {
    example: { chain: ["math", "math-7", "math"] },
    zh: (d) => `教研组的上级关系成环:${d.chain.join(" → ")}`,
    en: (d) => `the groups' parents form a cycle: ${d.chain.join(" → ")}`,
  },
  // The English named 备课组 and 教研组 in Chinese; it now uses the words the roster's `type` accepts in English.
  "group-cycle.hint": {
    example: {},
    zh: () => "备课组的 parent 写它所属的教研组;教研组不写 parent",
    en: () => "a lesson-preparation group's parent is its teaching-research group; a teaching-research group has no parent",
  },

  "outside-staff-dates.before-joined": {
    example: { date: "2025-08-20", id: "t16", joined: "2025-09-01" },
    zh: (d) => `${d.date} 早于 ${d.id} 的入职日期(${d.joined})`,
    en: (d) => `${d.date} is before ${d.id} joined (${d.joined})`,
  },
  "outside-staff-dates.hint-joined": {
    example: {},
    zh: () => "入职前的活动不计入本校学时;改正日期,或请教务处核对名册的 joined",
    en: () => "activities from before joining do not count here: correct the date, or ask the office to check 'joined' in the roster",
  },
  "outside-staff-dates.after-left": {
    example: { date: "2026-03-02", id: "t16", left: "2026-01-31" },
    zh: (d) => `${d.date} 晚于 ${d.id} 的离职日期(${d.left})`,
    en: (d) => `${d.date} is after ${d.id} left (${d.left})`,
  },
  "outside-staff-dates.hint-left": {
    example: {},
    zh: () => "离职后的活动不计入本校学时;改正日期,或从考勤中删除",
    en: () => "activities after leaving do not count here: correct the date, or remove them from the attendance",
  },

  "lead-not-member": {
    example: { lead: { id: "t16", name: "李娜" } as Named, group: { id: "math", name: "数学组" } as Named },
    zh: (d) => `主备/主讲 ${d.lead.name}(${d.lead.id})不是「${d.group.name}」的成员`,
    en: (d) => `the lead ${d.lead.name} (${d.lead.id}) is not a member of '${d.group.name}'`,
  },
  "lead-not-member.hint": {
    example: { group: "math" },
    zh: (d) => `换成本组成员,或在 roster.yaml 中把 ${d.group} 加入其 groups`,
    en: (d) => `name a member of the group, or add ${d.group} to their groups in roster.yaml`,
  },

  "signing-key": {
    example: {},
    zh: () => "这不是公钥:应为 SSH 公钥的一整行(ssh-ed25519 AAAA…)或 gpg: 加密钥指纹",
    en: () => "this is not a public key: write a whole SSH public key line (ssh-ed25519 AAAA…) or gpg: and a key fingerprint",
  },
  "signing-key.hint": {
    example: {},
    zh: () => "复制 ~/.ssh/id_ed25519.pub 的内容,或 gpg --fingerprint 显示的指纹",
    en: () => "copy the content of ~/.ssh/id_ed25519.pub, or the fingerprint gpg --fingerprint shows",
  },

  "calendar.year-reversed": {
    example: { year: "2025-2026" },
    zh: (d) => `学年 ${d.year} 的结束日期早于开始日期`,
    en: (d) => `school year ${d.year} ends before it starts`,
  },
  "calendar.term-reversed": {
    example: { term: "2025-2026-1" },
    zh: (d) => `学期 ${d.term} 的结束日期早于开始日期`,
    en: (d) => `term ${d.term} ends before it starts`,
  },
  "calendar.hint-swap": {
    example: {},
    zh: () => "交换 start 和 end",
    en: () => "swap start and end",
  },
  "calendar.outside-year": {
    example: { term: "2025-2026-2", year: "2025-2026", start: "2025-09-01", end: "2026-07-31" },
    zh: (d) => `学期 ${d.term} 超出了学年 ${d.year}(${d.start}~${d.end})`,
    en: (d) => `term ${d.term} runs outside school year ${d.year} (${d.start}~${d.end})`,
  },
  "calendar.hint-adjust": {
    example: {},
    zh: () => "调整学期或学年的日期",
    en: () => "adjust the term's or the year's dates",
  },
  "calendar.overlap": {
    example: { term: "2025-2026-2", other: "2025-2026-1" },
    zh: (d) => `学期 ${d.term} 与 ${d.other} 的日期重叠`,
    en: (d) => `term ${d.term} overlaps term ${d.other}`,
  },
  "calendar.hint-overlap": {
    example: {},
    zh: () => "一个日期只能属于一个学期",
    en: () => "each date may belong to one term only",
  },
  "calendar.term-twice": {
    example: { term: "2025-2026-1" },
    zh: (d) => `学期编号 ${d.term} 重复`,
    en: (d) => `term id ${d.term} appears twice`,
  },
  "calendar.hint-term-twice": {
    example: {},
    zh: () => "每个学期用一个不同的编号",
    en: () => "give every term a distinct id",
  },
});
