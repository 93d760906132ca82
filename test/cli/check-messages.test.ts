/**
 * One school with a mistake for each message of the named checks: every problem they report
 * carries its catalogue id (--format json's messageId), both languages say the same thing from
 * the same data, and the texts a teacher reads are pinned here by hand.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { copyDemoSchool, removeDir, writeFiles } from "../helpers/temp-repo.js";
import { CHECKS } from "../../src/checks/index.js";
import { render } from "../../src/messages/index.js";
import type { MsgData } from "../../src/problem.js";

type Shown = { file: string; line: number; check: string; message: string; hint?: string; messageId?: string; data?: MsgData };

const R1 = "records/2025-2026-1";
let dir: string;
const said: Record<"zh" | "en", Shown[]> = { zh: [], en: [] };

function edit(file: string, change: (text: string) => string) {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}

beforeAll(async () => {
  dir = copyDemoSchool();
  edit("roster.yaml", (s) => s.replace("    parent: chinese\n", "    parent: nosuch\n").replace("    leader: t15\n", "    leader: nobody\n") + [
    "  - id: t02", "    name: 重复", "    groups: [math]", "    emails: [huangminbin@mdsy.edu.cn]", "    joined: 2025-09-01", "    left: 2025-08-01",
    "  - id: T03", "    name: 大写", "    groups: [english]", "    roles:", "      - role: 教研组长", "        from: 2026-01-01", "        to: 2025-01-01",
    "    keys: [not-a-key]",
    "  - id: t90", "    name: 早离", "    groups: [english]", "    left: 2010-01-01",
    "  - id: t30", "    name: 三十", "    groups: [english]", "    joined: 2025-10-01", "    left: 2025-10-20", "",
  ].join("\n"));
  edit("sessions/2025-2026-1/math.yaml", (s) => s.replace("    lead: t20\n", "    lead: t01\n").replace("      t25: 出勤\n", "      t25: 出勤\n      t01: 出勤\n"));
  writeFiles(dir, {
    [`${R1}/t02x.yml`]: "teacher: t02x\nrecords: []\n",
    "records/2099-1/t05.yaml": "teacher: t05\nrecords: []\n",
    "records/t07.yaml": "teacher: t07\nrecords: []\n",
    [`${R1}/t08.yaml`]: "teacher: t09\nrecords: []\n",
    "sessions/2025-2026-1/math2.yaml": "group: maths\nsessions: []\n",
    [`${R1}/t30.yaml`]: [
      "teacher: t30",
      "records:",
      "  - { date: 2025-10-17, kind: reflection, title: 反思一, evidence: [evidence/nothing.pdf, evidence/t02/2025-09-12-研修计划.txt] }",
      "  - { date: 2025-10-17, kind: reflection, title: 反思 一 }",
      "  - { date: 2027-10-17, kind: reflection, title: 将来 }",
      "  - { date: 2025-08-17, kind: reflection, title: 学期外 }",
      "  - { date: 2026-03-17, kind: reflection, title: 错学期 }",
      "  - { date: 2025-10-18, kind: group-discussion, title: 个人里的集体 }",
      "  - { date: 2025-10-19, kind: observation, title: 没有节数 }",
      "  - { date: 2025-10-20, kind: reflection, title: 自审, status: 审定, approver: t30 }",
      "  - { date: 2025-10-11, kind: reflection, title: 同号一, id: dup-1 }",
      "  - { date: 2025-10-12, kind: reflection, title: 同号二, id: dup-1 }",
      "",
    ].join("\n"),
  });
  for (const lang of ["zh", "en"] as const) {
    const r = await runCli(["check", dir, "--format", "json", "--lang", lang]);
    said[lang] = (JSON.parse(r.stdout) as { problems: Shown[] }).problems;
  }
});
afterAll(() => removeDir(dir));

const named = new Set(CHECKS.map((c) => c.name));
const ofChecks = (lang: "zh" | "en") => said[lang].filter((p) => named.has(p.check));

describe("the named checks' messages, through the catalogue", () => {
  it("every problem of a named check carries a catalogue id, the same in both languages", () => {
    expect(ofChecks("zh").filter((p) => !p.messageId)).toEqual([]);
    expect(ofChecks("en").map((p) => [p.file, p.line, p.messageId, p.data])).toEqual(ofChecks("zh").map((p) => [p.file, p.line, p.messageId, p.data]));
  });

  it("each mistake gets its own message", () => {
    expect([...new Set(ofChecks("zh").map((p) => p.messageId))].sort()).toEqual([
      "approver-not-allowed", // t30 approves t30's own record
      "attendance-not-member", // t01 in the 数学组's attendance
      "date-outside-term", // 2025-08-17
      "duplicate-id", // id: dup-1 twice
      "duplicate-record.alike", // 反思 一 after 反思一
      "evidence-owner", // t30 cites t02's evidence
      "evidence.missing", // evidence/nothing.pdf
      "file-place.extension", // t02x.yml
      "file-place.no-term-folder", // records/t07.yaml
      "file-place.unknown-term", // records/2099-1/
      "future-date", // 2027-10-17
      "kind-fields", // observation without count
      "kind-place.session", // group-discussion in a teacher's own file
      "lead-not-member", // lead: t01 in 数学组
      "outside-staff-dates.after-left", // t30 left 2025-10-20
      "outside-staff-dates.before-joined", // t30 joined 2025-10-01
      "record-file-owner", // t08.yaml holds t09
      "roster-dates.left-before-joined", // the second t02
      "roster-dates.left-before-years", // t90 left 2010
      "roster-dates.role", // T03's role ends before it starts
      "roster-duplicate.email", // the second t02 has t01's e-mail
      "roster-duplicate.teacher", // t02 twice
      "roster-duplicate.teacher-alike", // T03 beside t03
      "signing-key", // keys: [not-a-key]
      "term-folder", // 2026-03-17 filed under 2025-2026-1
      "unknown-group", // parent: nosuch, group: maths
      "unknown-teacher", // leader: nobody, teacher: t02x
    ]);
  });

  it("says each in both languages as a teacher reads it", () => {
    // The problem with this id whose data holds `about` (a date, an id), in each language.
    const pick = (id: string, about = "") => (["zh", "en"] as const).map((lang) => {
      const p = said[lang].find((x) => x.messageId === id && JSON.stringify(x.data).includes(about))!;
      return `${p.message} | ${p.hint}`;
    });
    expect(pick("unknown-group", "maths")).toEqual([
      "名册中没有教研组「maths」 | 是不是「math」?",
      "there is no group 'maths' in the roster | did you mean 'math'?",
    ]);
    expect(pick("unknown-teacher", "nobody")).toEqual([
      "名册中没有教师「nobody」 | 若是新来的教师,先把他加进 roster.yaml 的 teachers",
      "there is no teacher 'nobody' in the roster | if this is a new teacher, add them to teachers in roster.yaml first",
    ]);
    expect(pick("approver-not-allowed")).toEqual([
      "记录标为「审定」,但 三十(t30)无权审核它:这是审核人自己的记录 | 请有权限的人用 yanxiu approve 重新审核",
      "the record is marked approved, but 三十 (t30) may not review it: it is the approver's own record | have someone allowed review it with yanxiu approve",
    ]);
    expect(pick("kind-place.session")).toEqual([
      "「组内研讨」是教研组活动,要由组长记在 sessions/ 中并登记考勤 | 请组长用 yanxiu add --group <组> 记录,删除这一条",
      "'group discussion' is a group session: the group leader records it under sessions/ with attendance | ask the group leader to record it with 'yanxiu add --group <group>', and delete this entry",
    ]);
    expect(pick("date-outside-term", "2025-08-17")).toEqual([
      "日期 2025-08-17 不在任何学期之内 | 检查日期,或在 yanxiu.yaml 中定义这个学期(已有 2025-2026-1: 2025-09-01~2026-01-31; 2025-2026-2: 2026-02-01~2026-07-15)",
      "the date 2025-08-17 is not inside any term | check the date, or define that term in yanxiu.yaml (defined: 2025-2026-1: 2025-09-01~2026-01-31; 2025-2026-2: 2026-02-01~2026-07-15)",
    ]);
    expect(pick("file-place.no-term-folder")).toEqual([
      "records/ 下的文件应放在学期文件夹中:records/<学期>/<教师编号>.yaml | 移到 records/2025-2026-2/ 之类的学期文件夹中",
      "files in records/ belong at records/<term>/<teacher id>.yaml | move it into a term folder such as records/2025-2026-2/",
    ]);
  });

  it("renders from its id and data exactly what the formatter printed", () => {
    for (const lang of ["zh", "en"] as const) {
      for (const p of ofChecks(lang)) expect(render({ id: p.messageId!, data: p.data }, lang)).toBe(p.message);
    }
  });
});
