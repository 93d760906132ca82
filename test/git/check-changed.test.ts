import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { writeFiles } from "../helpers/temp-repo.js";
import { ADMIN, CHINESE, commitAs, LEADER, record, recordFile, ROSTER, runGit, schoolRepo, T01, T02, T03 } from "./fixture.js";

interface JsonProblem {
  check: string;
  file: string;
  line: number;
  message: string;
}

async function problems(argv: string[]) {
  const r = await runCli([...argv, "--format", "json"]);
  const report = JSON.parse(r.stdout) as { files: number; problems: JsonProblem[] };
  return { code: r.code, files: report.files, problems: report.problems, stderr: r.stderr };
}

const SESSION = `group: chinese
sessions:
  - date: 2026-10-09
    kind: collective-prep
    title: 听课《雨》
    attendance:
      t01: 出勤
      t02: 出勤
`;

/** Committed: a session file and t03's file with a problem of its own. Then a mix of changes. */
function repoWithChanges(): string {
  const dir = schoolRepo();
  commitAs(dir, LEADER, "session", { [CHINESE]: SESSION.replace("collective-prep", "observation").replace("    attendance", "    count: 1\n    attendance") });
  commitAs(dir, ADMIN, "t03 has a broken record", { [T03]: recordFile("t03", ["  - date: 2026-10-09\n    kind: lecture\n    title: 讲座\n"]) });
  // Staged: an unknown kind in t02's file.
  writeFiles(dir, { [T02]: recordFile("t02", [record("听课《背影》"), "  - date: 2026-10-10\n    kind: obsrvation\n    title: 听课《秋》\n    count: 1\n"]) });
  runGit(dir, ["add", T02]);
  // Unstaged: t01 records what the session already credits (the duplicate is reported in the session file).
  writeFiles(dir, { [T01]: recordFile("t01", [record("听课《春》"), record("听课《雨》")]) });
  // Untracked: a file for a teacher the roster lacks.
  writeFiles(dir, { "records/2026-2027-1/t09.yaml": recordFile("t09", [record("听课《海燕》")]) });
  return dir;
}

describe("yanxiu check --changed", () => {
  it("reports exactly what a full check reports in the changed files and the files they affect", async () => {
    const dir = repoWithChanges();
    const full = await problems(["check", dir]);
    const changed = await problems(["check", dir, "--changed"]);
    expect(full.problems.map((p) => [p.file, p.check])).toEqual([
      [T02, "unknown-kind"],
      [T03, "unknown-kind"],
      ["records/2026-2027-1/t09.yaml", "unknown-teacher"],
      // The session holds a personal kind on purpose (to duplicate t01's record): kind-place too.
      [CHINESE, "kind-place"],
      [CHINESE, "duplicate-record"],
    ]);
    // t03's problem predates the change; the session file's duplicate is caused by t01's change.
    expect(changed.problems).toEqual(full.problems.filter((p) => p.file !== T03));
    expect(changed.code).toBe(1);
  });

  it("leaves out unchanged files and deleted ones", async () => {
    const dir = repoWithChanges();
    runGit(dir, ["rm", "-q", T03]);
    const full = await problems(["check", dir]);
    const changed = await problems(["check", dir, "--changed"]);
    const files = [...new Set(changed.problems.map((p) => p.file))];
    expect(files).toEqual(["records/2026-2027-1/t02.yaml", "records/2026-2027-1/t09.yaml", "sessions/2026-2027-1/chinese.yaml"]);
    expect(changed.problems).toEqual(full.problems.filter((p) => files.includes(p.file)));
    expect(changed.problems.find((p) => p.check === "duplicate-record")!.message).toContain("records/2026-2027-1/t01.yaml");
    expect(changed.files).toBe(4);
  });

  it("--base REV adds the commits since REV; a clean tree has nothing to check", async () => {
    const dir = repoWithChanges();
    const before = await problems(["check", dir, "--changed"]);
    runGit(dir, ["add", "-A"]);
    commitAs(dir, ADMIN, "all of it", {});
    const clean = await runCli(["check", dir, "--changed"]);
    expect([clean.code, clean.stdout]).toEqual([0, "检查了 0 个文件,没有发现问题 ✓\n"]);
    const since = await problems(["check", dir, "--changed", "--base", "HEAD~1"]);
    expect(since.problems).toEqual(before.problems);
    const bad = await runCli(["check", dir, "--changed", "--base", "nope"]);
    expect([bad.code, bad.stderr]).toEqual([2, "yanxiu: 找不到版本 nope\n"]);
  });

  it("rechecks every file when the roster, the config or a rule file changed", async () => {
    for (const [file, text] of [
      ["roster.yaml", ROSTER.replace("name: 赵老师", "name: 赵老师甲")],
      ["rules/school.yaml", undefined],
      ["yanxiu.yaml", undefined],
    ] as const) {
      const dir = repoWithChanges();
      const original = runGit(dir, ["show", `HEAD:${file}`]).stdout;
      writeFiles(dir, { [file]: text ?? `${original}# touched\n` });
      const full = await problems(["check", dir]);
      const changed = await problems(["check", dir, "--changed"]);
      expect(changed.problems).toEqual(full.problems);
      expect(changed.problems.some((p) => p.file === T03)).toBe(true);
      expect(changed.files).toBe(full.files);
    }
  });

  it("refuses outside git with exit 2", async () => {
    const dir = repoWithChanges();
    const { rmSync } = await import("node:fs");
    rmSync(`${dir}/.git`, { recursive: true });
    const r = await runCli(["check", dir, "--changed"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, "", `yanxiu: ${dir} 不在 git 仓库中\n`]);
  });
});
