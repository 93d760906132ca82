/**
 * Forgeries in real multi-author git histories that the default audit must see: changes
 * hidden in merge commits, renames, governance files beyond the config, rule files written
 * differently in the config, backdated commits borrowing an ended role, symbolic links,
 * paths with newlines, closed terms.
 */
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { writeFiles } from "../helpers/temp-repo.js";
import { ADMIN, commitAs, CONFIG, gitEnv, LEADER, MATH_TEACHER, record, recordFile, ROSTER, runGit, schoolRepo, T01, T02, TEACHER, type Person } from "./fixture.js";

interface Row {
  check: string;
  commit: string;
  teacher: string | null;
  file: string | null;
  message: string;
}

async function findings(dir: string, extra: string[] = []): Promise<{ code: number; commits: number; rows: Row[] }> {
  const r = await runCli(["audit", dir, "--format", "json", "--lang", "en", ...extra]);
  expect(r.stderr).toBe("");
  const report = JSON.parse(r.stdout) as { commits: number; findings: Row[] };
  return { code: r.code, commits: report.commits, rows: report.findings };
}

const brief = (rows: Row[]) => rows.map((f) => [f.check, f.teacher, f.file]);

function git(dir: string, who: Person, args: string[], date = "2026-10-20T10:00:00+08:00") {
  const env = { ...gitEnv(), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const r = runGit(dir, ["-c", `user.name=${who.name}`, "-c", `user.email=${who.email}`, ...args], env);
  if (r.code !== 0) throw new Error(r.stderr + r.stdout);
  return r;
}

const head = (dir: string) => runGit(dir, ["rev-parse", "HEAD"]).stdout.trim();

describe("audit: merge commits", () => {
  it("reports a change made inside a merge (against every parent), not what either side brought", async () => {
    const dir = schoolRepo();
    git(dir, TEACHER, ["checkout", "-q", "-b", "side"]);
    commitAs(dir, TEACHER, "t02 adds a record on a branch", { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《荷塘月色》", "", "2026-10-11")]) });
    git(dir, TEACHER, ["checkout", "-q", "main"]);
    commitAs(dir, LEADER, "t01 adds a record on main", { [T01]: recordFile("t01", [record("听课《春》"), record("听课《雨巷》", "", "2026-10-12")]) });
    // t02 merges, and slips an extra record into t01's file inside the merge commit.
    git(dir, TEACHER, ["merge", "-q", "--no-ff", "--no-commit", "side"]);
    writeFiles(dir, { [T01]: recordFile("t01", [record("听课《春》"), record("听课《雨巷》", "", "2026-10-12"), record("听课《再别康桥》", "", "2026-10-13")]) });
    git(dir, TEACHER, ["add", "-A"]);
    git(dir, TEACHER, ["commit", "-q", "--no-verify", "-m", "Merge branch side"]);
    const merge = head(dir);
    const { rows, code } = await findings(dir);
    // Only the merge's own edit of t01's file: t02's branch commit and t01's commit are honest.
    expect(brief(rows)).toEqual([["foreign-edit", "t02", T01]]);
    expect(rows[0]!.commit).toBe(merge);
    expect(code).toBe(1);
  });

  it("finds nothing in an honest merge, even one whose sides touched the same file", async () => {
    const dir = schoolRepo();
    git(dir, LEADER, ["checkout", "-q", "-b", "side"]);
    commitAs(dir, LEADER, "leader approves t02", { [T02]: recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n")]) });
    git(dir, LEADER, ["checkout", "-q", "main"]);
    commitAs(dir, LEADER, "leader's own record", { [T01]: recordFile("t01", [record("听课《春》"), record("听课《雨巷》", "", "2026-10-12")]) });
    git(dir, LEADER, ["merge", "-q", "--no-ff", "-m", "merge", "side"]);
    const { rows, commits } = await findings(dir);
    expect(rows).toEqual([]);
    // The merge changed nothing of its own: it is not an audited commit.
    expect(commits).toBe(3);
  });
});

describe("audit: renames", () => {
  it("follows a rename: moving a colleague's file is an edit of the colleague's records, with nothing deleted", async () => {
    const dir = schoolRepo();
    mkdirSync(join(dir, "records/2026-2027-2"));
    git(dir, TEACHER, ["mv", T01, "records/2026-2027-2/t01.yaml"]);
    git(dir, TEACHER, ["commit", "-q", "--no-verify", "-m", "move t01 to the next term"]);
    const { rows } = await findings(dir);
    expect(brief(rows)).toEqual([["foreign-edit", "t02", "records/2026-2027-2/t01.yaml"]]);
  });

  it("sees a teacher's own file renamed onto a colleague's name", async () => {
    const dir = schoolRepo();
    git(dir, TEACHER, ["rm", "-q", T01]);
    git(dir, TEACHER, ["mv", T02, T01]);
    git(dir, TEACHER, ["commit", "-q", "--no-verify", "-m", "take over t01's file"]);
    const { rows } = await findings(dir);
    expect(rows.map((f) => f.check)).toContain("foreign-edit");
    expect(rows.find((f) => f.check === "foreign-edit")!.message).toBe("changed the records of 张老师(t01) without being their group leader or an administrator");
  });
});

describe("audit: governance files", () => {
  const cases: [string, string][] = [
    [".github/workflows/yanxiu.yml", "the CI configuration"],
    [".gitea/workflows/yanxiu.yml", "the CI configuration"],
    [".gitlab-ci.yml", "the CI configuration"],
    [".yanxiu/yanxiu-0.1.0.tgz", "the copy of yanxiu that CI installs (.yanxiu/)"],
    ["CODEOWNERS", "CODEOWNERS"],
    [".github/CODEOWNERS", "the CI configuration"],
    [".husky/pre-commit", "the git hooks or attributes configuration"],
    [".pre-commit-config.yaml", "the git hooks or attributes configuration"],
    ["rules/tests/school.test.yaml", "a rule file"],
  ];
  it.each(cases)("a teacher changing %s is a finding; the office changing it is not", async (path, label) => {
    const dir = schoolRepo();
    commitAs(dir, ADMIN, "office sets it up", { [path]: "v1\n" });
    commitAs(dir, TEACHER, "teacher changes it", { [path]: "v2\n" });
    commitAs(dir, LEADER, "leader deletes it", { [path]: null });
    const { rows } = await findings(dir);
    expect(rows.map((f) => [f.check, f.teacher, f.file, f.message])).toEqual([
      ["governance-edit", "t02", path, `${label} was changed by someone who is not an administrator`],
      ["governance-edit", "t01", path, `${label} was changed by someone who is not an administrator`],
    ]);
  });

  it.each(["./rules/school.yaml", "rules//school.yaml", "rules/./school.yaml"])("recognises the rule file listed as %s", async (listed) => {
    const dir = schoolRepo();
    commitAs(dir, ADMIN, "rules moved out of rules/ and listed oddly", {
      "yanxiu.yaml": CONFIG.replace("  - rules/school.yaml", `  - ${listed.replace("rules", "policy")}`),
      "policy/school.yaml": "scheme: {id: s, name: s}\n",
    });
    commitAs(dir, TEACHER, "t02 edits the rule file", { "policy/school.yaml": "scheme: {id: s, name: t02's}\n" });
    const { rows } = await findings(dir);
    expect(brief(rows)).toEqual([["governance-edit", "t02", "policy/school.yaml"]]);
  });
});

describe("audit: roles judged in commit order", () => {
  const ROSTER_T04 = ROSTER.replace("teachers:\n", `teachers:
  - id: t04
    name: 孙老师
    groups: [chinese]
    roles:
      - role: 教研组长
        from: 2026-09-01
        to: 2026-10-05
    emails: [t04@school.cn]
`);
  const T04: Person = { name: "孙老师", email: "t04@school.cn" };

  it("a backdated commit cannot borrow a role that ended before the commit it follows", async () => {
    const dir = schoolRepo("2026-10-01T10:00:00+08:00");
    commitAs(dir, ADMIN, "t04 leads Chinese until 10-05", { "roster.yaml": ROSTER_T04 }, { date: "2026-10-02T10:00:00+08:00" });
    commitAs(dir, TEACHER, "an honest commit on 10-10", { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《春》", "", "2026-10-10")]) }, { date: "2026-10-10T10:00:00+08:00" });
    // t04's leadership ended on 10-05; the commit claims 10-04 but comes after one made on 10-10.
    const forged = commitAs(dir, T04, "t04 edits t02's record", { [T02]: recordFile("t02", [record("听课《背影》").replace("count: 1", "count: 9"), record("听课《春》", "", "2026-10-10")]) }, { date: "2026-10-04T10:00:00+08:00" });
    const { rows } = await findings(dir);
    expect(brief(rows)).toEqual([["foreign-edit", "t04", T02]]);
    expect(rows[0]!.commit).toBe(forged);
  });

  it("while the role lasted, the same edit is allowed", async () => {
    const dir = schoolRepo("2026-10-01T10:00:00+08:00");
    commitAs(dir, ADMIN, "t04 leads Chinese until 10-05", { "roster.yaml": ROSTER_T04 }, { date: "2026-10-02T10:00:00+08:00" });
    commitAs(dir, T04, "t04 edits t02's record", { [T02]: recordFile("t02", [record("听课《背影》").replace("count: 1", "count: 2")]) }, { date: "2026-10-04T10:00:00+08:00" });
    expect((await findings(dir)).rows).toEqual([]);
  });
});

describe("audit: symbolic links and odd paths", () => {
  it("reports a record file committed as a symbolic link into evidence/", async () => {
    const dir = schoolRepo();
    writeFiles(dir, { "evidence/t02/notes.yaml": recordFile("t02", [record("听课《背影》")]) });
    git(dir, TEACHER, ["rm", "-q", T02]);
    symlinkSync("../../evidence/t02/notes.yaml", join(dir, T02));
    git(dir, TEACHER, ["add", "-A"]);
    git(dir, TEACHER, ["commit", "-q", "--no-verify", "-m", "t02: record file now a link"]);
    const { rows } = await findings(dir);
    expect(brief(rows)).toContainEqual(["symlink", "t02", T02]);
  });

  it("audits a history holding a file with a newline in its name", async () => {
    const dir = schoolRepo();
    commitAs(dir, TEACHER, "odd evidence name", { "evidence/t02/a\nb.txt": "x\n" });
    commitAs(dir, TEACHER, "t02 edits t01", { [T01]: recordFile("t01", [record("听课《春》"), record("听课《雨巷》", "", "2026-10-12")]) });
    const { rows, code } = await findings(dir);
    expect(code).toBe(1);
    expect(brief(rows)).toEqual([["foreign-edit", "t02", T01]]);
  });
});

describe("audit: closed terms", () => {
  const closedConfig = (closed: string) => CONFIG.replace("        end: 2027-01-31\n", `        end: 2027-01-31\n        closed: ${closed}\n`);

  it("reports any change to a term's records after its closing tag, by anyone", async () => {
    const dir = schoolRepo();
    runGit(dir, ["tag", "term-1-final"]);
    commitAs(dir, ADMIN, "office closes term 1", { "yanxiu.yaml": closedConfig("{ rev: term-1-final }") });
    commitAs(dir, TEACHER, "t02 backdates a record into term 1", { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《补录》", "", "2026-12-01")]) });
    commitAs(dir, ADMIN, "the office edits too", { [T01]: recordFile("t01", [record("听课《春》").replace("count: 1", "count: 2")]) });
    commitAs(dir, TEACHER, "a term-2 record is fine", { "records/2026-2027-2/t02.yaml": recordFile("t02", [record("听课《秋天》", "", "2027-03-01")]) });
    const { rows } = await findings(dir);
    expect(brief(rows)).toEqual([["closed-term-edit", "t02", T02], ["closed-term-edit", "a01", T01]]);
    expect(rows[0]!.message).toBe("changed the records of term 2026-2027-1, closed at term-1-final; a correction needs the office to reopen the term in yanxiu.yaml first");
  });

  it("with a closing date, changes made after that day are findings and those before are not", async () => {
    const dir = schoolRepo();
    commitAs(dir, ADMIN, "office closes term 1 on 10-15", { "yanxiu.yaml": closedConfig("2026-10-15") }, { date: "2026-10-03T10:00:00+08:00" });
    commitAs(dir, TEACHER, "before the closing", { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《早》", "", "2026-10-12")]) }, { date: "2026-10-14T10:00:00+08:00" });
    commitAs(dir, TEACHER, "after the closing", { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《早》", "", "2026-10-12"), record("听课《晚》", "", "2026-10-13")]) }, { date: "2026-10-16T10:00:00+08:00" });
    const { rows } = await findings(dir);
    expect(brief(rows)).toEqual([["closed-term-edit", "t02", T02]]);
  });
});

describe("audit: history length", () => {
  it("audits 60 commits by two authors growing one file", async () => {
    const dir = schoolRepo();
    const items: string[] = [record("听课《背影》")];
    // Commits written with git's fast-import would be quicker, but real commits keep this honest.
    for (let i = 0; i < 60; i++) {
      items.push(record(`听课 ${i}`, "", "2026-10-10"));
      commitAs(dir, i % 2 ? TEACHER : MATH_TEACHER, `r${i}`, { [T02]: recordFile("t02", items) });
    }
    const { rows, commits } = await findings(dir);
    expect(commits).toBe(61);
    expect(rows.filter((f) => f.check === "foreign-edit")).toHaveLength(30);
  });
});
