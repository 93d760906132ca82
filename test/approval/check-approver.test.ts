/**
 * check's approver-not-allowed works each approver's answer out once per owner (and per date only
 * when the approver's roles have dates): every record is still judged, on its own date.
 */
import { afterEach, describe, expect, it } from "vitest";
import { loadRepo } from "../../src/pipeline/load.js";
import { runChecks } from "../../src/checks/index.js";
import { removeDir } from "../helpers/temp-repo.js";
import { ROSTER, schoolDir, T02 } from "./school.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

// t05 is 教学领导 (the office) only from 2026-10-15 on.
const roster = ROSTER + "  - id: t05\n    name: 孙老师\n    roles:\n      - { role: 教学领导, from: 2026-10-15 }\n    emails: [t05@school.cn]\n";

const records = `teacher: t02
records:
  - { date: 2026-10-09, kind: reflection, title: 反思一, status: 审定, approver: t05 }
  - { date: 2026-10-20, kind: reflection, title: 反思二, status: 审定, approver: t05 }
  - { date: 2026-10-21, kind: reflection, title: 反思三, status: 审定, approver: t05 }
  - { date: 2026-10-22, kind: reflection, title: 反思四, status: 审定, approver: t03 }
  - { date: 2026-10-23, kind: reflection, title: 反思五, status: 审定, approver: t03 }
  - { date: 2026-10-09, kind: reflection, title: 反思六, status: 审定, approver: t05, reviewed: 2026-10-16 }
  - { date: 2026-10-24, kind: reflection, title: 反思七, status: 审定, approver: t01 }
  - { date: 2026-10-10, kind: reflection, title: 反思八, status: 审定, approver: t05 }
`;

describe("approver-not-allowed", () => {
  it("judges every record on its own date, the same approver and owner many times over", () => {
    const dir = schoolDir({ "roster.yaml": roster, [T02]: records });
    dirs.push(dir);
    const problems = runChecks(loadRepo(dir), { today: "2026-11-23" }).filter((p) => p.check === "approver-not-allowed");
    // t05 before 10-15 (lines 3 and 10; line 8 was reviewed on 10-16); t03 leads math, not t02's
    // group (lines 6 and 7); t01 leads chinese (line 9 allowed).
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual([3, 6, 7, 10].map((l) => `${T02}:${l}`));
  });
});
