/**
 * Forgeries `check` must refuse in the work tree of a real school repository: a record file
 * replaced by a link into evidence/, a colleague's certificate reached through `..`, a lead
 * from another group, records of a closed term added, changed or deleted (and `add` into it).
 */
import { renameSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempDir, writeFiles } from "../helpers/temp-repo.js";
import { ADMIN, CHINESE, commitAs, CONFIG, record, recordFile, ROSTER, RULES, runGit, schoolRepo, T01, T02, TEACHER } from "./fixture.js";

interface Problem {
  check: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

async function problems(dir: string): Promise<{ code: number; list: Problem[] }> {
  const r = await runCli(["check", dir, "--format", "json", "--lang", "en"], { env: { YANXIU_TODAY: "2027-03-01" } });
  expect(r.stderr).toBe("");
  return { code: r.code, list: (JSON.parse(r.stdout) as { problems: Problem[] }).problems };
}

const brief = (list: Problem[]) => list.map((p) => [p.check, p.file, p.line, p.column]);

describe("check: links and evidence", () => {
  it("a record file replaced by a symbolic link into evidence/ is an error", async () => {
    const dir = schoolRepo();
    writeFiles(dir, { "evidence/t02/notes.yaml": recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n")]) });
    rmSync(join(dir, T02));
    symlinkSync("../../evidence/t02/notes.yaml", join(dir, T02));
    const { code, list } = await problems(dir);
    expect(brief(list)).toEqual([["symlink", T02, 0, 0]]);
    expect(list[0]!.message).toBe("this record file is a symbolic link: what it points to can be changed elsewhere without showing in this file's history");
    expect(code).toBe(1);
  });

  it("a term folder that is a link inside the repository is an error", async () => {
    const dir = schoolRepo();
    renameSync(join(dir, "records/2026-2027-1"), join(dir, "evidence-stash"));
    symlinkSync("../evidence-stash", join(dir, "records/2026-2027-1"));
    const { list } = await problems(dir);
    expect(brief(list)).toEqual([["symlink", "records/2026-2027-1", 0, 0]]);
  });

  it("evidence through a link, and a colleague's certificate reached with '..', are errors; one's own is fine", async () => {
    const dir = schoolRepo();
    writeFiles(dir, { "evidence/t01/证书.pdf": "%PDF", "evidence/t02/反思.txt": "x", "elsewhere/cert.pdf": "%PDF" });
    symlinkSync("../../elsewhere/cert.pdf", join(dir, "evidence/t02/cert.pdf"));
    writeFiles(dir, {
      [T02]: recordFile("t02", [
        record("听课《背影》", "    evidence: evidence/t02/../t01/证书.pdf\n"),
        record("听课《春》", "    evidence: evidence/t02/cert.pdf\n", "2026-10-10"),
        record("听课《秋》", "    evidence: ./evidence//t02/反思.txt\n", "2026-10-11"),
      ]),
    });
    const { list } = await problems(dir);
    expect(list.map((p) => [p.check, p.line, p.message])).toEqual([
      ["evidence-owner", 7, "the evidence is not in evidence/t02/: evidence/t02/../t01/证书.pdf (that is, evidence/t01/证书.pdf)"],
      ["symlink", 12, "the evidence goes through the symbolic link evidence/t02/cert.pdf: evidence/t02/cert.pdf"],
    ]);
  });

  it("a session led by a teacher of another group is an error", async () => {
    const dir = schoolRepo();
    writeFiles(dir, {
      [CHINESE]: "group: chinese\nsessions:\n  - date: 2026-10-15\n    kind: collective-prep\n    title: 集体备课\n    lead: t03\n    attendance:\n      t01: 出勤\n      t02: 出勤\n",
    });
    const { list } = await problems(dir);
    expect(list.map((p) => [p.check, p.file, p.line, p.column, p.message])).toEqual([
      ["lead-not-member", CHINESE, 6, 11, "the lead 赵老师 (t03) is not a member of '语文教研组'"],
    ]);
  });
});

describe("check and add: closed terms", () => {
  const closed = (value: string) => CONFIG.replace("        end: 2027-01-31\n", `        end: 2027-01-31\n        closed: ${value}\n`);

  function closedSchool(): string {
    const dir = schoolRepo();
    runGit(dir, ["tag", "term-1-final"]);
    commitAs(dir, ADMIN, "close term 1", { "yanxiu.yaml": closed("{ rev: term-1-final }") });
    return dir;
  }

  it("is clean while the term's records are as they were at the closing tag", async () => {
    expect(await problems(closedSchool())).toEqual({ code: 0, list: [] });
  });

  it("reports a record added, a record changed and a file deleted after the closing point", async () => {
    const dir = closedSchool();
    commitAs(dir, TEACHER, "backdate a record", { [T02]: recordFile("t02", [record("听课《背影》").replace("count: 1", "count: 3"), record("听课《补》", "", "2026-12-01")]) });
    rmSync(join(dir, T01));
    const { code, list } = await problems(dir);
    expect(code).toBe(1);
    expect(list.map((p) => [p.check, p.file, p.line, p.message])).toEqual([
      ["closed-term", T01, 0, "term 2026-2027-1 was closed at term-1-final, and this file was deleted after that"],
      ["closed-term", T02, 3, "term 2026-2027-1 was closed at term-1-final, and this record was changed after that"],
      ["closed-term", T02, 7, "term 2026-2027-1 was closed at term-1-final, and this record was added after that"],
    ]);
  });

  it("a closing date compares with the repository at the end of that day", async () => {
    const dir = schoolRepo("2026-10-01T10:00:00+08:00");
    commitAs(dir, ADMIN, "close term 1 as of 10-05", { "yanxiu.yaml": closed("2026-10-05") }, { date: "2026-10-02T10:00:00+08:00" });
    commitAs(dir, TEACHER, "later", { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《迟》", "", "2026-10-09")]) }, { date: "2026-10-08T10:00:00+08:00" });
    const { list } = await problems(dir);
    expect(brief(list)).toEqual([["closed-term", T02, 7, 5]]);
  });

  it("an unknown closing tag is an error at the config; outside git a closed term is a warning", async () => {
    const dir = schoolRepo();
    commitAs(dir, ADMIN, "close at a tag not made", { "yanxiu.yaml": closed("{ rev: no-such-tag }") });
    expect((await problems(dir)).list.map((p) => [p.check, p.severity, p.file, p.line])).toEqual([["closed-term", "error", "yanxiu.yaml", 12]]);
    const plain = tempDir();
    writeFiles(plain, { "yanxiu.yaml": closed("2026-12-31"), "roster.yaml": ROSTER, "rules/school.yaml": RULES });
    expect((await problems(plain)).list.map((p) => [p.check, p.severity, p.message])).toEqual([
      ["closed-term", "warning", "term 2026-2027-1 is closed, but this is not a git repository, so its records cannot be compared with the closing point"],
    ]);
  });

  it("add refuses a record for a closed term, with the reason, and writes nothing", async () => {
    const dir = closedSchool();
    const r = await runCli(["add", dir, "--teacher", "t02", "--kind", "observation", "--date", "2026-12-01", "--title", "补录", "--count", "1", "--lang", "en"], { env: { YANXIU_TODAY: "2027-03-01" } });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain("term 2026-2027-1 was closed at term-1-final: its hours are final and no record can be added to it");
    expect(runGit(dir, ["status", "--porcelain"]).stdout).toBe("");
    const open = await runCli(["add", dir, "--teacher", "t02", "--kind", "observation", "--date", "2027-03-01", "--title", "新学期", "--count", "1"], { env: { YANXIU_TODAY: "2027-03-01" } });
    expect(open.code).toBe(0);
  });
});
