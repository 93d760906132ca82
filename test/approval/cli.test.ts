/** approve, reject and review on real school repositories under real git. */
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../helpers/run-cli.js";
import { removeDir } from "../helpers/temp-repo.js";
import { gitEnv, runGit } from "../git/fixture.js";
import { derivedRef } from "../../src/approval/ref.js";
import { CHINESE, schoolDir, T01, T02, T04 } from "./school.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const ENV = { ...gitEnv(), YANXIU_TODAY: "2026-11-02" } as Record<string, string>;

/** The school, committed by the office; git's user.email is set to `me`. */
function repo(me = "t01@school.cn", extra: Record<string, string> = {}): string {
  const dir = schoolDir(extra);
  dirs.push(dir);
  runGit(dir, ["init", "-q", "-b", "main"]);
  runGit(dir, ["config", "user.name", "Someone"]);
  runGit(dir, ["config", "user.email", me]);
  runGit(dir, ["add", "-A"]);
  runGit(dir, ["-c", "user.name=王主任", "-c", "user.email=a01@school.cn", "commit", "-q", "-m", "set up"]);
  return dir;
}

const cli = (dir: string, ...argv: string[]) => runCli(argv, { cwd: dir, env: ENV });
const read = (dir: string, f: string) => readFileSync(join(dir, f));
const REF_T02 = derivedRef("record", "t02", "2026-10-09", "observation", "听课《背影》");
const REF_T02_REFL = derivedRef("record", "t02", "2026-10-20", "reflection", "第一单元反思");
const REF_T01 = derivedRef("record", "t01", "2026-10-10", "observation", "听课《春》");
const REF_T04 = derivedRef("record", "t04", "2026-10-11", "reflection", "跨组反思");
const REF_SESSION = derivedRef("session", "chinese", "2026-09-18", "collective-prep", "第一单元集体备课");

describe("yanxiu approve", () => {
  it("a leader approves a member's record: status, approver, date written; the commit is authored by the leader", async () => {
    const dir = repo();
    const r = await cli(dir, "approve", REF_T02, "--commit");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已审定 1 条:\n  ${REF_T02}  李老师  2026-10-09  听课  听课《背影》`);
    const text = read(dir, T02).toString();
    expect(text).toMatch(new RegExp(`    count: 2\n    status: 审定\n    approver: t01\n    reviewed: 2026-11-02\n    seal: [0-9a-f]{12}\n    id: ${REF_T02}\n\n  - date: 2026-10-20`));
    expect(text.startsWith("# 李老师 第一学期\nteacher: t02\n")).toBe(true);
    const log = runGit(dir, ["log", "-1", "--format=%an <%ae>|%cn|%s", "--name-only"]).stdout.trim().split("\n");
    expect(log[0]).toBe(`张老师 <t01@school.cn>|Someone|yanxiu approve: ${REF_T02}`);
    expect(log.slice(1).filter(Boolean)).toEqual([T02]);
    expect(runGit(dir, ["status", "--porcelain"]).stdout).toBe("");
    // The record now counts (the scheme is approvedOnly): 2 lessons × 1.
    const score = await cli(dir, "score", "--term", "2026-2027-1", "--format", "json");
    const t02 = JSON.parse(score.stdout).teachers.find((x: { teacher: string }) => x.teacher === "t02");
    expect(t02.total).toBe(2);
  });

  it("a teacher approving their own record is refused and no byte changes", async () => {
    const dir = repo("t02@school.cn");
    const before = read(dir, T02);
    const r = await cli(dir, "approve", REF_T02);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("这是你自己的记录");
    expect(r.stderr).toContain("未做任何修改");
    expect(read(dir, T02).equals(before)).toBe(true);
  });

  it("a leader of another group is refused; one refusal in a batch writes nothing", async () => {
    const dir = repo("t03@school.cn");
    const before = [read(dir, T02), read(dir, T04)];
    const r = await cli(dir, "approve", REF_T04, REF_T02, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${REF_T02}: you may not review this record`);
    expect(read(dir, T02).equals(before[0]!)).toBe(true);
    expect(read(dir, T04).equals(before[1]!)).toBe(true);
    // t04 is in math too: t03 may approve that one alone.
    expect((await cli(dir, "approve", REF_T04)).code).toBe(0);
  });

  it("an unknown ref is refused, files unchanged", async () => {
    const dir = repo();
    const before = read(dir, T02);
    const r = await cli(dir, "approve", "ffffffffffff");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("找不到这条记录");
    expect(read(dir, T02).equals(before)).toBe(true);
  });

  it("the office approves anyone's records and the session, by prefix, with --as", async () => {
    const dir = repo("t02@school.cn");
    const r = await cli(dir, "approve", REF_T01, REF_SESSION.slice(0, 8), "--as", "a01", "--format", "json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.changed.map((c: { ref: string }) => c.ref)).toEqual([REF_T01, REF_SESSION]);
    expect(read(dir, T01).toString()).toMatch(/\{ date: 2026-10-10, kind: observation, title: 听课《春》, status: 审定, approver: a01, reviewed: 2026-11-02, seal: [0-9a-f]{12}, id: [0-9a-f]{12} \}/);
    expect(read(dir, CHINESE).toString()).toContain("      t04: 请假\n    status: 审定\n    approver: a01\n");
  });

  it("verify only after approval, by a verify role", async () => {
    const dir = repo();
    expect((await cli(dir, "approve", REF_T02, "--status", "验证", "--as", "a01")).stderr).toContain("还没有审定");
    expect((await cli(dir, "approve", REF_T02)).code).toBe(0);
    expect((await cli(dir, "approve", REF_T02, "--status", "验证")).stderr).toContain("没有审核这条记录的权限");
    const r = await cli(dir, "approve", REF_T02, "--status", "验证", "--as", "a01");
    expect(r.code).toBe(0);
    expect(read(dir, T02).toString()).toContain("    status: 验证\n    approver: a01\n");
  });

  it("a batch of 50 records in one file, by --all-shown, in one commit", async () => {
    const records = Array.from({ length: 50 }, (_, i) => `  - date: 2026-10-${String(1 + (i % 28)).padStart(2, "0")}\n    kind: observation\n    title: 听课 第${i + 1}节\n`).join("");
    const dir = repo("t01@school.cn", { [T02]: `teacher: t02\nrecords:\n${records}` });
    const r = await cli(dir, "approve", "--all-shown", "--teacher", "t02", "--commit");
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("已审定 50 条");
    const text = read(dir, T02).toString();
    expect(text.match(/status: 审定/g)).toHaveLength(50);
    expect(runGit(dir, ["log", "-1", "--format=%ae"]).stdout.trim()).toBe("t01@school.cn");
    const score = JSON.parse((await cli(dir, "score", "--term", "2026-2027-1", "--format", "json")).stdout);
    expect(score.teachers.find((x: { teacher: string }) => x.teacher === "t02").total).toBe(50);
    expect(JSON.parse((await cli(dir, "review", "--teacher", "t02", "--format", "json")).stdout).records).toEqual([]);
  });
});

describe("yanxiu reject and review", () => {
  it("a return keeps its reason in the record and explain shows it", async () => {
    const dir = repo();
    const r = await cli(dir, "reject", REF_T02_REFL, "--reason", "请补充反思字数");
    expect(r.code).toBe(0);
    expect(read(dir, T02).toString()).toContain("    status: 退回\n    approver: t01\n    reviewed: 2026-11-02\n    reason: 请补充反思字数\n");
    const ex = await cli(dir, "explain", "t02", "--term", "2026-2027-1");
    expect(ex.stdout).toContain("退回");
    expect(ex.stdout).toContain("请补充反思字数");
  });

  it("reject without a reason is a usage error", async () => {
    const dir = repo();
    const r = await cli(dir, "reject", REF_T02);
    expect(r.code).toBe(2);
  });

  it("review lists what the leader may approve with what each would earn", async () => {
    const dir = repo();
    const r = await cli(dir, "review", "--format", "json");
    const out = JSON.parse(r.stdout);
    expect(out.as).toEqual({ id: "t01", name: "张老师" });
    expect(out.records.map((x: { ref: string; credit: number; teacher: string }) => [x.ref, x.teacher, x.credit])).toEqual([
      [REF_T02, "t02", 2],
      [REF_T04, "t04", 2],
      [REF_T02_REFL, "t02", 2],
    ]);
    const text = await cli(dir, "review");
    expect(text.stdout).toContain(`${REF_T02}  李老师  2026-10-09  听课  听课《背影》\n    待审定 · 可得 2 · ${T02}:4`);
  });

  it("git's user.email outside the roster: a clear usage error", async () => {
    const dir = repo("nobody@else.cn");
    const r = await cli(dir, "review");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("不属于名册中的任何教师");
  });
});

describe("after approval", () => {
  it("editing an approved record sends it back to 录入: not counted, in the queue again, check says why", async () => {
    const dir = repo();
    expect((await cli(dir, "approve", REF_T02)).code).toBe(0);
    const approved = read(dir, T02).toString();
    writeFileSync(join(dir, T02), approved.replace("    count: 2\n", "    count: 5\n"));
    const score = JSON.parse((await cli(dir, "score", "--term", "2026-2027-1", "--format", "json")).stdout);
    expect(score.teachers.find((x: { teacher: string }) => x.teacher === "t02").total).toBe(0);
    const queue = JSON.parse((await cli(dir, "review", "--format", "json")).stdout).records;
    expect(queue[0]).toMatchObject({ ref: REF_T02, status: "draft", lapsed: true });
    const check = await cli(dir, "check", "--format", "json");
    expect(check.stdout).toContain("review-lapsed");
    // Approving it again seals the new content.
    expect((await cli(dir, "approve", REF_T02)).code).toBe(0);
    const again = JSON.parse((await cli(dir, "score", "--term", "2026-2027-1", "--format", "json")).stdout);
    expect(again.teachers.find((x: { teacher: string }) => x.teacher === "t02").total).toBe(5);
  });
});
