/** A small school for the approval tests: two groups, a teacher in both, the office, a district verifier. */
import { tempDir, writeFiles } from "../helpers/temp-repo.js";
import { CONFIG } from "../git/fixture.js";

// The same school year and rule file as the audit fixtures.
export { CONFIG };

export const RULES = `scheme:
  id: school
  name: 测试方案
  approvedOnly: true
kinds:
  - { id: observation, label: 听课, fields: [count] }
  - { id: reflection, label: 教学反思 }
  - { id: collective-prep, label: 集体备课, session: true }
items:
  - { id: obs, kinds: [observation], each: 1 }
  - { id: refl, kinds: [reflection], each: 2 }
  - { id: prep, kinds: [collective-prep], each: 3 }
`;

export const ROSTER = `groups:
  - { id: chinese, name: 语文教研组, leader: t01 }
  - { id: math, name: 数学教研组, leader: t03 }
teachers:
  - { id: a01, name: 王主任, roles: [教学领导], emails: [a01@school.cn] }
  - { id: t01, name: 张老师, groups: [chinese], roles: [教研组长], emails: [t01@school.cn] }
  - { id: t02, name: 李老师, groups: [chinese], emails: [t02@school.cn] }
  - { id: t03, name: 赵老师, groups: [math], emails: [t03@school.cn] }
  - { id: t04, name: 钱老师, groups: [chinese, math], emails: [t04@school.cn] }
`;

export const T02 = "records/2026-2027-1/t02.yaml";
export const T01 = "records/2026-2027-1/t01.yaml";
export const T04 = "records/2026-2027-1/t04.yaml";
export const CHINESE = "sessions/2026-2027-1/chinese.yaml";

export const T02_TEXT = `# 李老师 第一学期
teacher: t02
records:
  - date: 2026-10-09
    kind: observation
    title: 听课《背影》   # 七年级
    count: 2

  - date: 2026-10-20
    kind: reflection
    title: 第一单元反思
`;

export const T01_TEXT = `teacher: t01
records:
  - { date: 2026-10-10, kind: observation, title: 听课《春》 }
`;

export const T04_TEXT = `teacher: t04
records:
  - date: 2026-10-11
    kind: reflection
    title: 跨组反思
`;

export const CHINESE_TEXT = `group: chinese
sessions:
  - date: 2026-09-18
    kind: collective-prep
    title: 第一单元集体备课
    lead: t01
    attendance:
      t01: 出勤
      t02: 出勤
      t04: 请假
`;

export function schoolFiles(): Record<string, string> {
  return { "yanxiu.yaml": CONFIG, "rules/school.yaml": RULES, "roster.yaml": ROSTER, [T02]: T02_TEXT, [T01]: T01_TEXT, [T04]: T04_TEXT, [CHINESE]: CHINESE_TEXT };
}

/** The school in a temporary folder (no git). */
export function schoolDir(extra: Record<string, string> = {}): string {
  const dir = tempDir("yanxiu-approval-");
  writeFiles(dir, { ...schoolFiles(), ...extra });
  return dir;
}
