/** audit of reviews: who committed a status change, and what else the commit changed, in real git repositories. */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { removeDir } from "../helpers/temp-repo.js";
import { ADMIN, commitAs, gitEnv, LEADER, runGit, TEACHER, type Person } from "../git/fixture.js";
import { derivedRef } from "../../src/approval/ref.js";
import { CHINESE, CHINESE_TEXT, schoolDir, T02, T02_TEXT } from "./school.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const ENV = { ...gitEnv(), YANXIU_TODAY: "2026-11-02" } as Record<string, string>;

/** The approval school, committed by the office; git's user.email is t01's. */
function repo(): string {
  const dir = schoolDir();
  dirs.push(dir);
  runGit(dir, ["init", "-q", "-b", "main"]);
  runGit(dir, ["config", "user.name", "Someone"]);
  runGit(dir, ["config", "user.email", "t01@school.cn"]);
  runGit(dir, ["add", "-A"]);
  runGit(dir, ["-c", "user.name=王主任", "-c", "user.email=a01@school.cn", "commit", "-q", "-m", "set up"], { ...ENV, GIT_AUTHOR_DATE: "2026-10-01T09:00:00+08:00", GIT_COMMITTER_DATE: "2026-10-01T09:00:00+08:00" });
  return dir;
}

interface Row { check: string; commit: string; teacher: string | null; file: string | null; title: string | null; message: string }

async function audit(dir: string, lang = "zh") {
  const r = await runCli(["audit", dir, "--format", "json", "--lang", lang], { env: ENV });
  const report = JSON.parse(r.stdout) as { commits: number; findings: { check: string; commit: string; teacher: string | null; file: string | null; record: { title: string } | null; message: string }[] };
  const rows: Row[] = report.findings.map((f) => ({ check: f.check, commit: f.commit, teacher: f.teacher, file: f.file, title: f.record?.title ?? null, message: f.message }));
  return { code: r.code, rows, stderr: r.stderr };
}

/** t02's file with the first record (听课《背影》) given extra lines after `count: 2`, and its title replaced. */
function t02With(lines: string, title = "听课《背影》"): string {
  return T02_TEXT.replace("    count: 2\n", `    count: 2\n${lines}`).replace("title: 听课《背影》", `title: ${title}`);
}

const APPROVED_BY_T01 = "    status: 审定\n    approver: t01\n    reviewed: 2026-11-02\n";

describe("audit: a review is committed by its approver, alone", () => {
  it("the office committing an approval that names the leader t01 is review-not-by-approver", async () => {
    const dir = repo();
    const c = commitAs(dir, ADMIN, "office approves in t01's name", { [T02]: t02With(APPROVED_BY_T01) });
    const { code, rows } = await audit(dir);
    expect(code).toBe(1);
    expect(rows).toEqual([{ check: "review-not-by-approver", commit: c, teacher: "a01", file: T02, title: "听课《背影》",
      message: "把记录改为「审定」,写明的审核人是 t01,提交者却是 王主任(a01);审核须由审核人本人提交(yanxiu approve --commit):2026-10-09 observation「听课《背影》」" }]);
    const en = await audit(dir, "en");
    expect(en.rows.map((r) => r.message)).toEqual([
      "marked a record approved naming t01 as approver, but the commit is by 王主任 (a01); a review must be committed by its approver (yanxiu approve --commit): 2026-10-09 observation「听课《背影》」"]);
  });

  it("the approver's own commit is not flagged", async () => {
    const dir = repo();
    commitAs(dir, LEADER, "t01 approves", { [T02]: t02With(APPROVED_BY_T01) });
    expect(await audit(dir)).toMatchObject({ code: 0, rows: [] });
  });

  it("an approval that names nobody is review-not-by-approver", async () => {
    const dir = repo();
    const c = commitAs(dir, LEADER, "t01 approves, forgetting the approver", { [T02]: t02With("    status: 审定\n") });
    const { rows } = await audit(dir);
    expect(rows.map((r) => [r.check, r.commit, r.message])).toEqual([["review-not-by-approver", c,
      "把记录改为「审定」,但没有写明审核人,提交者却是 张老师(t01);审核须由审核人本人提交(yanxiu approve --commit):2026-10-09 observation「听课《背影》」"]]);
  });

  it("changing only the approver (or the review date) of an approved record is a review too", async () => {
    const dir = repo();
    commitAs(dir, LEADER, "t01 approves", { [T02]: t02With(APPROVED_BY_T01) });
    const c1 = commitAs(dir, LEADER, "t01 writes the office in as approver", { [T02]: t02With(APPROVED_BY_T01.replace("approver: t01", "approver: a01")) });
    const c2 = commitAs(dir, ADMIN, "the office moves t01's review date", { [T02]: t02With(APPROVED_BY_T01.replace("2026-11-02", "2026-11-03")) });
    const { rows } = await audit(dir);
    expect(rows.map((r) => [r.check, r.commit, r.teacher, r.message])).toEqual([
      ["review-not-by-approver", c1, "t01", "修改了「审定」记录的审核人或审核日期,写明的审核人是 a01,提交者却是 张老师(t01);审核须由审核人本人提交(yanxiu approve --commit):2026-10-09 observation「听课《背影》」"],
      ["review-not-by-approver", c2, "a01", "修改了「审定」记录的审核人或审核日期,写明的审核人是 t01,提交者却是 王主任(a01);审核须由审核人本人提交(yanxiu approve --commit):2026-10-09 observation「听课《背影》」"],
    ]);
  });

  it("a status change and a title edit of the same record in one commit is review-bundled", async () => {
    const dir = repo();
    const c = commitAs(dir, LEADER, "t01 approves and retitles", { [T02]: t02With(APPROVED_BY_T01, "听课《背影》(七年级)") });
    const { rows } = await audit(dir);
    expect(rows.map((r) => [r.check, r.commit, r.teacher, r.title, r.message])).toEqual([["review-bundled", c, "t01", "听课《背影》(七年级)",
      "同一提交既修改了记录内容又把它改为「审定」,审核的不是提交的内容;修改与审核须分开提交:2026-10-09 observation「听课《背影》(七年级)」"]]);
  });

  it("an approval in the same commit as an edit of another record of the file is not bundled", async () => {
    const dir = repo();
    const edited = t02With(APPROVED_BY_T01).replace("title: 第一单元反思", "title: 第一单元教学反思");
    commitAs(dir, LEADER, "t01 approves one record and fixes another's title", { [T02]: edited });
    expect((await audit(dir)).rows).toEqual([]);
  });

  it("a record added already approved by its leader is review-bundled (entry and review in one commit)", async () => {
    const dir = repo();
    const added = T02_TEXT + "\n  - date: 2026-10-22\n    kind: reflection\n    title: 第二单元反思\n    status: 审定\n    approver: t01\n";
    const c = commitAs(dir, LEADER, "t01 enters and approves", { [T02]: added });
    const { rows } = await audit(dir);
    expect(rows.map((r) => [r.check, r.commit, r.title, r.message])).toEqual([["review-bundled", c, "第二单元反思",
      "新增的记录直接带着「审定」状态,录入与审核在同一提交中:2026-10-22 reflection「第二单元反思」"]]);
  });

  it("a teacher approving her own record in the leader's name: one finding, unauthorized-approval, naming the forged approver", async () => {
    const dir = repo();
    const c = commitAs(dir, TEACHER, "t02 approves herself as t01", { [T02]: t02With(APPROVED_BY_T01, "听课《背影》全文") });
    const { rows } = await audit(dir);
    expect(rows.map((r) => [r.check, r.commit, r.message])).toEqual([["unauthorized-approval", c,
      "把记录标为「审定」,但没有审核权限(写明的审核人是 t01):2026-10-09 observation「听课《背影》全文」"]]);
  });

  it("an approved record edited together with its verification: approved-edited only", async () => {
    const dir = repo();
    commitAs(dir, LEADER, "t01 approves", { [T02]: t02With(APPROVED_BY_T01) });
    const c = commitAs(dir, ADMIN, "the office verifies and raises the count", {
      [T02]: t02With("    status: 验证\n    approver: a01\n    reviewed: 2026-11-03\n").replace("count: 2", "count: 6"),
    });
    const { rows } = await audit(dir);
    expect(rows.map((r) => [r.check, r.commit])).toEqual([["approved-edited", c]]);
  });

  it("a session approved by the office in its own name is clean; in the leader's name it is flagged", async () => {
    const dir = repo();
    const approved = (who: string) => CHINESE_TEXT.replace("    lead: t01\n", `    lead: t01\n    status: 审定\n    approver: ${who}\n`);
    commitAs(dir, ADMIN, "the office approves the session", { [CHINESE]: approved("a01") });
    expect((await audit(dir)).rows).toEqual([]);
    const c = commitAs(dir, ADMIN, "the office writes t01 in", { [CHINESE]: approved("t01") });
    expect((await audit(dir)).rows.map((r) => [r.check, r.commit, r.file])).toEqual([["review-not-by-approver", c, CHINESE]]);
  });
});

describe("audit: reviews in merges and renames", () => {
  const git = (dir: string, who: Person, ...args: string[]) => {
    const date = "2026-10-20T10:00:00+08:00";
    const r = runGit(dir, ["-c", `user.name=${who.name}`, "-c", `user.email=${who.email}`, ...args], { ...gitEnv(), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    expect(r.code).toBe(0);
  };

  it("an approval in someone else's name on a branch is reported once, on its commit, not on the honest merge", async () => {
    const dir = repo();
    git(dir, ADMIN, "checkout", "-q", "-b", "office");
    const c = commitAs(dir, ADMIN, "office approves in t01's name", { [T02]: t02With(APPROVED_BY_T01) });
    git(dir, ADMIN, "checkout", "-q", "main");
    commitAs(dir, LEADER, "t01 adds a record of his own", { "records/2026-2027-1/t01.yaml": "teacher: t01\nrecords:\n  - { date: 2026-10-10, kind: observation, title: 听课《春》 }\n  - { date: 2026-10-12, kind: observation, title: 听课《雨》 }\n" });
    git(dir, LEADER, "merge", "-q", "--no-edit", "office");
    const { rows } = await audit(dir);
    expect(rows.map((r) => [r.check, r.commit])).toEqual([["review-not-by-approver", c]]);
  });

  it("an approval slipped into a merge (evil merge) is the merge's own finding", async () => {
    const dir = repo();
    git(dir, ADMIN, "checkout", "-q", "-b", "side");
    commitAs(dir, ADMIN, "side change", { "records/2026-2027-1/t04.yaml": "teacher: t04\nrecords:\n  - date: 2026-10-11\n    kind: reflection\n    title: 跨组反思(改)\n" });
    git(dir, ADMIN, "checkout", "-q", "main");
    commitAs(dir, LEADER, "main change", { "records/2026-2027-1/t01.yaml": "teacher: t01\nrecords:\n  - { date: 2026-10-10, kind: observation, title: 听课《春》 }\n  - { date: 2026-10-12, kind: observation, title: 听课《雨》 }\n" });
    git(dir, ADMIN, "merge", "-q", "--no-commit", "side");
    commitAs(dir, ADMIN, "merge side (and approve t02 in t01's name)", { [T02]: t02With(APPROVED_BY_T01) });
    const merge = runGit(dir, ["rev-parse", "HEAD"]).stdout.trim();
    expect(runGit(dir, ["rev-list", "--parents", "-1", "HEAD"]).stdout.trim().split(" ")).toHaveLength(3);
    const { rows } = await audit(dir);
    expect(rows.map((r) => [r.check, r.commit, r.file])).toEqual([["review-not-by-approver", merge, T02]]);
  });

  it("a file renamed in the commit that approves in someone else's name: flagged once, under the new path", async () => {
    const dir = repo();
    const moved = "records/2026-2027-2/t02.yaml";
    mkdirSync(join(dir, "records/2026-2027-2"));
    expect(runGit(dir, ["mv", T02, moved]).code).toBe(0);
    const c = commitAs(dir, ADMIN, "move t02 to term 2 and approve as t01", { [moved]: t02With(APPROVED_BY_T01) });
    const { rows } = await audit(dir);
    expect(rows.map((r) => [r.check, r.commit, r.file])).toEqual([["review-not-by-approver", c, moved]]);
  });
});

describe("audit after yanxiu approve / reject --commit", () => {
  it("approve, verify and return, each committed by its reviewer, leave nothing to report", async () => {
    const dir = repo();
    const cli = (...argv: string[]) => runCli(argv, { cwd: dir, env: ENV });
    const ref = derivedRef("record", "t02", "2026-10-09", "observation", "听课《背影》");
    const refl = derivedRef("record", "t02", "2026-10-20", "reflection", "第一单元反思");
    const session = derivedRef("session", "chinese", "2026-09-18", "collective-prep", "第一单元集体备课");
    expect((await cli("approve", ref, "--commit")).code).toBe(0);
    expect((await cli("approve", ref, "--status", "验证", "--as", "a01", "--commit")).code).toBe(0);
    expect((await cli("reject", refl, "--reason", "缺少反思正文", "--commit")).code).toBe(0);
    expect((await cli("approve", session, "--as", "a01", "--commit")).code).toBe(0);
    const log = runGit(dir, ["log", "--format=%ae %s"]).stdout.trim().split("\n");
    expect(log.map((l) => l.split(" ")[0])).toEqual(["a01@school.cn", "t01@school.cn", "a01@school.cn", "t01@school.cn", "a01@school.cn"]);
    expect(await audit(dir)).toMatchObject({ code: 0, rows: [] });
  });

  it("a record edited after approval, then approved again by the leader: only the edit is reported", async () => {
    const dir = repo();
    const cli = (...argv: string[]) => runCli(argv, { cwd: dir, env: ENV });
    const ref = derivedRef("record", "t02", "2026-10-09", "observation", "听课《背影》");
    expect((await cli("approve", ref, "--commit")).code).toBe(0);
    const edited = readFileSync(join(dir, T02), "utf8").replace("count: 2", "count: 3");
    const c = commitAs(dir, TEACHER, "t02 corrects the count of her approved record", { [T02]: edited });
    // The seal no longer matches: the record is 录入 again, and t01 reviews it anew (new seal, same id).
    expect((await cli("approve", ref, "--commit")).code).toBe(0);
    expect(runGit(dir, ["diff", "HEAD~1", "--stat"]).stdout).toContain("1 insertion(+), 1 deletion(-)");
    const { rows } = await audit(dir);
    expect(rows.map((r) => [r.check, r.commit, r.teacher])).toEqual([["approved-edited", c, "t02"]]);
  });
});
