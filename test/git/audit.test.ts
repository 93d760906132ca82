import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempDir, writeFiles } from "../helpers/temp-repo.js";
import {
  ADMIN, CHINESE, commitAs, gitInit, LEADER, MATH_TEACHER, record, recordFile, ROSTER, runGit, schoolRepo, STRANGER, T01, T02, T03, TEACHER, CONFIG, RULES,
} from "./fixture.js";

interface JsonFinding {
  check: string;
  commit: string;
  shortCommit: string;
  email: string;
  teacher: string | null;
  date: string;
  file: string | null;
  record: { date: string; kind: string; title: string } | null;
  message: string;
}

async function auditJson(dir: string, extra: string[] = []) {
  const r = await runCli(["audit", dir, "--format", "json", ...extra]);
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as { version: number; commits: number; findings: JsonFinding[] } };
}

const SESSION = `group: chinese
sessions:
  - date: 2026-10-15
    kind: collective-prep
    title: 集体备课《背影》
    lead: t01
    attendance:
      t01: 出勤
      t02: 出勤
`;

/** Everything here is what the roles allow: owners, their leader, the office. */
function honestHistory(): string {
  const dir = schoolRepo();
  commitAs(dir, TEACHER, "t02 adds a reflection", {
    [T02]: recordFile("t02", [record("听课《背影》"), "  - date: 2026-10-12\n    kind: reflection\n    title: 反思《背影》\n"]),
  });
  commitAs(dir, LEADER, "leader approves t02", {
    [T02]: recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n"), "  - date: 2026-10-12\n    kind: reflection\n    title: 反思《背影》\n"]),
  });
  commitAs(dir, LEADER, "leader records a session", { [CHINESE]: SESSION });
  commitAs(dir, ADMIN, "office verifies", {
    [T02]: recordFile("t02", [record("听课《背影》", "    status: 验证\n    approver: a01\n"), "  - date: 2026-10-12\n    kind: reflection\n    title: 反思《背影》\n"]),
  });
  commitAs(dir, ADMIN, "office tunes the rules", { "rules/school.yaml": RULES.replace("each: 3", "each: 4") });
  commitAs(dir, MATH_TEACHER, "t03 (upper-case e-mail in the roster) adds a record", {
    [T03]: recordFile("t03", [record("听课《勾股定理》"), record("听课《相似三角形》")]),
  });
  return dir;
}

describe("yanxiu audit", () => {
  it("finds nothing in an honest history and exits 0", async () => {
    const dir = honestHistory();
    const text = await runCli(["audit", dir]);
    expect(text.stderr).toBe("");
    expect(text.stdout).toBe("审计了 7 个提交,没有发现问题。\n");
    expect(text.code).toBe(0);
    const json = await auditJson(dir);
    expect(json.report).toEqual({ version: 1, commits: 7, findings: [] });
    expect((await runCli(["audit", dir, "--lang", "en"])).stdout).toBe("audited 7 commits: nothing found.\n");
  });

  it("reports each kind of finding with commit, author, date, file and what", async () => {
    const dir = schoolRepo();
    const approved = recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n")]);
    commitAs(dir, LEADER, "approve", { [T02]: approved });
    const c1 = commitAs(dir, TEACHER, "t02 edits t01's file", { [T01]: recordFile("t01", [record("听课《春》"), record("听课《济南的冬天》")]) });
    const c2 = commitAs(dir, TEACHER, "t02 edits the rules", { "rules/school.yaml": RULES.replace("each: 1", "each: 5") });
    const c3 = commitAs(dir, LEADER, "leader edits the roster", { "roster.yaml": ROSTER.replace("roles: [教学领导]", "roles: [教学领导, 骨干教师]") });
    const c4 = commitAs(dir, TEACHER, "t02 changes an approved record", {
      [T02]: recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n").replace("count: 1", "count: 5")]),
    });
    const c5 = commitAs(dir, TEACHER, "t02 approves a record of their own", {
      [T02]: recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n").replace("count: 1", "count: 5"), record("听课《秋天》", "    status: 审定\n", "2026-10-20")]),
    });
    const c6 = commitAs(dir, TEACHER, "t02 deletes a record", {
      [T02]: recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n").replace("count: 1", "count: 5")]),
    });
    const c7 = commitAs(dir, STRANGER, "a stranger adds a record", { [T01]: recordFile("t01", [record("听课《春》"), record("听课《济南的冬天》"), record("听课《雨》")]) });
    const c8 = commitAs(dir, LEADER, "the chinese leader edits a math teacher's file", { [T03]: recordFile("t03", [record("听课《勾股定理》", "    notes: 改了\n")]) });
    const c9 = commitAs(dir, TEACHER, "t02 removes t03's file", { [T03]: null });

    const { code, report } = await auditJson(dir);
    expect(code).toBe(1);
    expect(report.commits).toBe(11);
    const rows = report.findings.map((f) => [f.check, f.commit, f.email, f.teacher, f.file, f.record?.title ?? null, f.message]);
    expect(rows).toEqual([
      ["foreign-edit", c1, "t02@school.cn", "t02", T01, null, "修改了 张老师(t01) 的记录,但既不是其组长也不是行政人员"],
      ["governance-edit", c2, "t02@school.cn", "t02", "rules/school.yaml", null, "非行政人员修改了规则文件"],
      ["governance-edit", c3, "t01@school.cn", "t01", "roster.yaml", null, "非行政人员修改了名册"],
      ["approved-edited", c4, "t02@school.cn", "t02", T02, "听课《背影》", "修改了已审定的记录:2026-10-09 observation「听课《背影》」"],
      ["unauthorized-approval", c5, "t02@school.cn", "t02", T02, "听课《秋天》", "新增的记录直接标为「审定」,但没有审核权限:2026-10-20 observation「听课《秋天》」"],
      ["record-deleted", c6, "t02@school.cn", "t02", T02, "听课《秋天》", "删除了已审定的记录:2026-10-20 observation「听课《秋天》」"],
      ["unknown-author", c7, "someone@elsewhere.com", null, T01, null, "作者 路人 <someone@elsewhere.com> 不在名册中(roster.yaml 中没有这个 e-mail),无法确认其权限"],
      ["foreign-edit", c8, "t01@school.cn", "t01", T03, null, "修改了 赵老师(t03) 的记录,但既不是其组长也不是行政人员"],
      ["foreign-edit", c9, "t02@school.cn", "t02", T03, null, "修改了 赵老师(t03) 的记录,但既不是其组长也不是行政人员"],
      ["record-deleted", c9, "t02@school.cn", "t02", T03, "听课《勾股定理》", "删除了记录:2026-10-09 observation「听课《勾股定理》」"],
    ]);
    expect(report.findings[0]!.shortCommit).toBe(c1.slice(0, 8));
    expect(report.findings[0]!.date).toMatch(/^2026-10-\d\dT10:00:00\+08:00$/);
    expect(report.findings[0]!.record).toBeNull();
    expect(report.findings[3]!.record).toEqual({ date: "2026-10-09", kind: "observation", title: "听课《背影》" });
  });

  it("a teacher taking back her own record before any review (撤回) is no finding; a returned one, her leader's deletion, another's file are", async () => {
    const dir = schoolRepo();
    commitAs(dir, TEACHER, "t02 adds three", { [T02]: recordFile("t02", [record("听课《春》"), record("听课《雨》", "", "2026-10-10"), record("听课《风》", "", "2026-10-11")]) });
    commitAs(dir, LEADER, "the leader returns one", { [T02]: recordFile("t02", [record("听课《春》"), record("听课《雨》", "", "2026-10-10"), record("听课《风》", "    status: 退回\n    approver: t01\n    reason: 证明材料不实\n", "2026-10-11")]) });
    commitAs(dir, TEACHER, "t02 withdraws a draft", { [T02]: recordFile("t02", [record("听课《雨》", "", "2026-10-10"), record("听课《风》", "    status: 退回\n    approver: t01\n    reason: 证明材料不实\n", "2026-10-11")]) });
    // Taking the returned record out takes the reviewer's reason with it: the office should know.
    const returned = commitAs(dir, TEACHER, "t02 takes the returned one out", { [T02]: recordFile("t02", [record("听课《雨》", "", "2026-10-10")]) });
    // A returned record saved again on the web loses its review lines (录入 again); taking it out after is still reported.
    commitAs(dir, LEADER, "the leader returns 雨", { [T02]: recordFile("t02", [record("听课《雨》", "    status: 退回\n    approver: t01\n    reason: 日期不对\n", "2026-10-10")]) });
    commitAs(dir, TEACHER, "t02 saves 雨 again", { [T02]: recordFile("t02", [record("听课《雨》", "", "2026-10-10")]) });
    const stripped = commitAs(dir, TEACHER, "and takes it out", { [T02]: recordFile("t02", []) });
    // 录入 but naming an approver: someone reviewed it once; taking it out is reported.
    commitAs(dir, TEACHER, "t02 adds 霜 with an approver left on it", { [T02]: recordFile("t02", [record("听课《霜》", "    approver: t01\n", "2026-10-13")]) });
    const leftover = commitAs(dir, TEACHER, "and takes it out", { [T02]: recordFile("t02", []) });
    commitAs(dir, TEACHER, "t02 adds 雪", { [T02]: recordFile("t02", [record("听课《雪》", "", "2026-10-12")]) });
    const byLeader = commitAs(dir, LEADER, "the leader deletes t02's last", { [T02]: recordFile("t02", []) });
    // A file named for t03 whose teacher: line says t02: not t02's own file.
    commitAs(dir, TEACHER, "t02 writes into a file named for t03", { [T03]: recordFile("t02", [record("听课《云》")]) });
    const mixed = commitAs(dir, TEACHER, "and deletes from it", { [T03]: recordFile("t02", []) });
    const { code, report } = await auditJson(dir);
    expect(report.findings.filter((f) => f.check === "record-deleted").map((f) => [f.commit, f.teacher, f.record?.title ?? null, f.message])).toEqual([
      [returned, "t02", "听课《风》", "删除了被退回的记录:2026-10-11 observation「听课《风》」(退回原因:证明材料不实)"],
      [stripped, "t02", "听课《雨》", "删除了记录:2026-10-10 observation「听课《雨》」"],
      [leftover, "t02", "听课《霜》", "删除了记录:2026-10-13 observation「听课《霜》」"],
      [byLeader, "t01", "听课《雪》", "删除了记录:2026-10-12 observation「听课《雪》」"],
      [mixed, "t02", "听课《云》", "删除了记录:2026-10-09 observation「听课《云》」"],
    ]);
    expect(code).toBe(1);
  });

  it("prints findings as text, in Chinese by default and in English on request", async () => {
    const dir = schoolRepo();
    const c = commitAs(dir, TEACHER, "t02 edits t01's file", { [T01]: recordFile("t01", [record("听课《春》"), record("听课《雨》")]) });
    const zh = await runCli(["audit", dir]);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toMatch(/^[0-9a-f]{8}  2026-10-\d\d  李老师 <t02@school.cn> \(t02\)  records\/2026-2027-1\/t01.yaml\n/);
    expect(zh.stdout.startsWith(c.slice(0, 8))).toBe(true);
    expect(zh.stdout.split("\n").slice(1).join("\n")).toBe(
      "  修改了 张老师(t01) 的记录,但既不是其组长也不是行政人员  [foreign-edit]\n\n审计了 2 个提交,发现 1 个问题。\n");
    const en = await runCli(["audit", dir, "--lang", "en"]);
    expect(en.stdout.split("\n").slice(1).join("\n")).toBe(
      "  changed the records of 张老师(t01) without being their group leader or an administrator  [foreign-edit]\n\naudited 2 commits: 1 findings.\n");
  });

  it("judges a commit by the roster before it: nobody promotes themselves and edits in one go", async () => {
    const dir = schoolRepo();
    const promoted = ROSTER.replace("    emails: [t02@school.cn]", "    roles: [行政]\n    emails: [t02@school.cn]");
    const c = commitAs(dir, TEACHER, "t02 makes themselves an administrator and edits t01", {
      "roster.yaml": promoted,
      [T01]: recordFile("t01", [record("听课《春》", "    notes: x\n")]),
    });
    const { report } = await auditJson(dir);
    expect(report.findings.map((f) => [f.check, f.commit, f.file])).toEqual([
      ["foreign-edit", c, T01],
      ["governance-edit", c, "roster.yaml"],
    ]);
    // Once the promotion is in the history, later edits are the administrator's right.
    const later = commitAs(dir, TEACHER, "t02, now an administrator, edits t01", { [T01]: recordFile("t01", [record("听课《春》", "    notes: y\n")]) });
    const { report: after } = await auditJson(dir, ["--since", c]);
    expect(after.findings).toEqual([]);
    expect(after.commits).toBe(1);
    expect(later).not.toBe(c);
  });

  it("lets a leader of a parent group and a member holding 备课组长 edit the group's records", async () => {
    const dir = tempDir("yanxiu-git-");
    gitInit(dir);
    const roster = `groups:
  - id: chinese
    name: 语文教研组
    leader: t01
  - id: chinese7
    name: 七年级语文备课组
    type: 备课组
    parent: chinese
teachers:
  - {id: a01, name: 王主任, roles: [行政], emails: [a01@school.cn]}
  - {id: t01, name: 张老师, groups: [chinese], emails: [t01@school.cn]}
  - {id: t02, name: 李老师, groups: [chinese7], roles: [备课组长], emails: [t02@school.cn]}
  - {id: t03, name: 赵老师, groups: [chinese7], emails: [t03@school.cn]}
`;
    commitAs(dir, ADMIN, "set up", { "yanxiu.yaml": CONFIG, "rules/school.yaml": RULES, "roster.yaml": roster, [T03]: recordFile("t03", [record("听课《春》")]) });
    const approved = record("听课《春》", "    status: 审定\n    approver: t01\n");
    commitAs(dir, LEADER, "parent-group leader approves", { [T03]: recordFile("t03", [approved]) });
    commitAs(dir, TEACHER, "备课组长 adds a record for t03", { [T03]: recordFile("t03", [approved, record("听课《雨》")]) });
    const { code, report } = await auditJson(dir);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it("audits a school kept in a sub-folder of a bigger git repository", async () => {
    const top = tempDir("yanxiu-git-");
    gitInit(top);
    commitAs(top, STRANGER, "unrelated", { "README.md": "hello\n" });
    commitAs(top, ADMIN, "set up", { "school/yanxiu.yaml": CONFIG, "school/rules/school.yaml": RULES, "school/roster.yaml": ROSTER, [`school/${T02}`]: recordFile("t02", [record("听课《背影》")]) });
    commitAs(top, TEACHER, "t02 edits the config", { "school/yanxiu.yaml": CONFIG.replace("测试学校", "别的学校") });
    const { report } = await auditJson(`${top}/school`);
    expect(report.commits).toBe(2);
    expect(report.findings.map((f) => [f.check, f.file, f.message])).toEqual([["governance-edit", "yanxiu.yaml", "非行政人员修改了配置文件"]]);
  });

  it("fails with exit 2 and one line outside git, on an unknown revision, and before the first commit", async () => {
    const plain = tempDir();
    writeFiles(plain, { "yanxiu.yaml": CONFIG, "roster.yaml": ROSTER, "rules/school.yaml": RULES });
    const r1 = await runCli(["audit", plain]);
    expect([r1.code, r1.stdout]).toEqual([2, ""]);
    expect(r1.stderr).toBe(`yanxiu: ${plain} 不在 git 仓库中;先运行 git init 并提交\n`);
    gitInit(plain);
    const r2 = await runCli(["audit", plain]);
    expect([r2.code, r2.stderr]).toEqual([2, "yanxiu: 这个 git 仓库还没有提交\n"]);
    const dir = schoolRepo();
    const r3 = await runCli(["audit", dir, "--since", "no-such-rev"]);
    expect([r3.code, r3.stderr]).toEqual([2, "yanxiu: 找不到版本 no-such-rev\n"]);
    expect(runGit(dir, ["status", "--porcelain"]).stdout).toBe("");
  });
});

describe("yanxiu audit on broken files", () => {
  it("does not invent deletions when a commit holds a file that is not valid YAML", async () => {
    const dir = schoolRepo();
    commitAs(dir, TEACHER, "broken", { [T02]: "teacher: t02\nrecords: [\n" });
    commitAs(dir, TEACHER, "fixed", { [T02]: recordFile("t02", [record("听课《背影》")]) });
    commitAs(dir, TEACHER, "binary junk", { [T02]: "\u0000\u0001\u0002" });
    const { code, report } = await auditJson(dir);
    expect([code, report.findings]).toEqual([0, []]);
  });
});
