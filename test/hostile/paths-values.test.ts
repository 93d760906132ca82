/** Paths that leave the repository, and values no teacher should write (or that look right but are not). */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/temp-repo.js";
import { check, expectContained, HOSTILE_FILE, places, problemsIn, recordFile, ROSTER, school } from "./school.js";

/** A valid observation record plus extra lines (line 7 onwards). */
const withEvidence = (evidence: string) =>
  recordFile("t03", "  - date: 2025-10-09", "    kind: observation", "    title: 听课", "    count: 1", `    evidence: ${evidence}`);
/** A reflection record with one more field on line 6. */
const reflection = (line6: string, date = "2025-10-09") =>
  recordFile("t03", `  - date: ${date}`, "    kind: reflection", "    title: 反思", ...(line6 ? [line6] : []));

describe("evidence paths", () => {
  const CASES: [string, string, string][] = [
    ["..", "../secret.pdf", "the evidence is outside the repository: ../secret.pdf"],
    [".. inside the path", "evidence/../../secret.pdf", "the evidence is outside the repository: evidence/../../secret.pdf"],
    ["absolute", "/etc/passwd", "the evidence path is absolute: /etc/passwd"],
    ["a Windows drive", "'C:\\Users\\张\\证书.pdf'", "the evidence path is absolute: C:\\Users\\张\\证书.pdf"],
    ["missing", "evidence/不存在.pdf", "the evidence file does not exist: evidence/不存在.pdf"],
  ];
  for (const [name, path, message] of CASES) {
    it(name, async () => {
      const run = await check(school({ [HOSTILE_FILE]: withEvidence(path) }));
      expectContained(run);
      expect(places(run, HOSTILE_FILE)).toEqual([["evidence", 7, 15]]);
      expect(problemsIn(run, HOSTILE_FILE)[0]!.message).toBe(message);
    });
  }

  it("a symlink in evidence/ that points outside the repository", async () => {
    const outside = tempDir("yanxiu-outside-");
    writeFileSync(join(outside, "secret.pdf"), "x");
    const dir = school({ [HOSTILE_FILE]: withEvidence("evidence/link.pdf") });
    symlinkSync(join(outside, "secret.pdf"), join(dir, "evidence/link.pdf"));
    const run = await check(dir);
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["evidence", 7, 15]]);
    expect(problemsIn(run, HOSTILE_FILE)[0]!.message).toBe("the evidence is outside the repository: evidence/link.pdf");
  });

  it("names with spaces and Chinese are fine", async () => {
    const dir = school({ [HOSTILE_FILE]: withEvidence("evidence/t03/张 老师/证书 第1张.pdf") });
    mkdirSync(join(dir, "evidence/t03/张 老师"), { recursive: true });
    writeFileSync(join(dir, "evidence/t03/张 老师/证书 第1张.pdf"), "%PDF");
    const run = await check(dir);
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([]);
  });
});

describe("record files that are links", () => {
  it("a record file that is a symlink to a file outside the repository is refused", async () => {
    const outside = tempDir("yanxiu-outside-");
    writeFileSync(join(outside, "t03.yaml"), reflection(""));
    const dir = school({ [HOSTILE_FILE]: null });
    symlinkSync(join(outside, "t03.yaml"), join(dir, HOSTILE_FILE));
    const run = await check(dir);
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["path-outside-repo", 0, 0]]);
    expect(problemsIn(run, HOSTILE_FILE)[0]!.message).toBe("this file is a symbolic link that points outside the repository");
  });

  it("a term folder that is a symlink to a folder outside the repository is reported, not skipped in silence", async () => {
    const outside = tempDir("yanxiu-outside-");
    writeFileSync(join(outside, "t03.yaml"), reflection(""));
    const dir = school();
    symlinkSync(outside, join(dir, "records/2025-2026-2"));
    const run = await check(dir);
    expectContained(run);
    expect(places(run, "records/2025-2026-2")).toEqual([["path-outside-repo", 0, 0]]);
    expect(problemsIn(run, "records/2025-2026-2")[0]!.message).toContain("this folder is a symbolic link that points outside the repository");
  });

  it("a dangling link and a link to itself: unreadable, named by their error", async () => {
    const dir = school();
    symlinkSync(join(dir, "records/nowhere.yaml"), join(dir, "records/2025-2026-1/dangling.yaml"));
    symlinkSync(join(dir, "records/2025-2026-1/loop.yaml"), join(dir, "records/2025-2026-1/loop.yaml"));
    const run = await check(dir);
    expectContained(run);
    expect(problemsIn(run, "records/2025-2026-1/dangling.yaml").map((p) => [p.check, p.message])).toEqual([["file-unreadable", "cannot read the file: ENOENT"]]);
    expect(problemsIn(run, "records/2025-2026-1/loop.yaml").map((p) => [p.check, p.message])).toEqual([["file-unreadable", "cannot read the file: ELOOP"]]);
  });

  it("a folder link that loops back into the repository does not hang the listing", async () => {
    const dir = school();
    symlinkSync(join(dir, "records"), join(dir, "records/2025-2026-1/again"));
    const run = await check(dir);
    expectContained(run);
    // Not followed, and reported: a folder link lets its files be changed elsewhere.
    expect(run.problems.filter((p) => p.file.includes("again")).map((p) => [p.check, p.line, p.message])).toEqual([
      ["symlink", 0, "this folder is a symbolic link: its files are not read, and can be changed elsewhere"],
    ]);
  });
});

describe("values", () => {
  const CASES: { name: string; text: string; expect: [string, number, number, string, string?][] }[] = [
    { name: "2026-02-30", text: reflection("", "2026-02-30"), expect: [["date", 3, 11, "no such date: 2026-02-30", "February has no 30th"]] },
    { name: "2025/10/09: one problem, not two", text: reflection("", "2025/10/09"), expect: [["date", 3, 11, "'date' is not a date: \"2025/10/09\"", "write 2025-10-09 (year-month-day)"]] },
    { name: "full-width date", text: reflection("", "２０２５-１０-０９"), expect: [["date", 3, 11, "'date' is not a date", "write 2025-10-09"]] },
    { name: "negative hours", text: reflection("    hours: -2"), expect: [["field-range", 6, 12, "'hours' must be more than 0, not number -2"]] },
    { name: "zero hours", text: reflection("    hours: 0"), expect: [["field-range", 6, 12, "'hours' must be more than 0, not number 0"]] },
    { name: ".nan hours", text: reflection("    hours: .nan"), expect: [["field-type", 6, 12, "'hours' must be a number, not .nan", "write an actual number"]] },
    { name: ".inf hours", text: reflection("    hours: .inf"), expect: [["field-type", 6, 12, "'hours' must be a number, not .inf", "write an actual number"]] },
    { name: "-.inf hours", text: reflection("    hours: -.inf"), expect: [["field-type", 6, 12, "'hours' must be a number, not -.inf", "write an actual number"]] },
    { name: "huge hours", text: reflection("    hours: 100000"), expect: [["field-range", 6, 12, "'hours' must be at most 1000"]] },
    { name: "full-width hours", text: reflection("    hours: １２"), expect: [["field-type", 6, 12, "'hours' must be a number", "these are full-width digits: write 12"]] },
    { name: "quoted hours", text: reflection("    hours: '3'"), expect: [["field-type", 6, 12, "'hours' must be a number", "remove the quotes"]] },
    {
      name: "full-width count",
      text: recordFile("t03", "  - date: 2025-10-09", "    kind: observation", "    title: 听课", "    count: １２"),
      expect: [["field-type", 6, 12, "'count' must be a number", "these are full-width digits: write 12"]],
    },
    {
      name: "fractional count",
      text: recordFile("t03", "  - date: 2025-10-09", "    kind: observation", "    title: 听课", "    count: 1.5"),
      expect: [["field-type", 6, 12, "'count' must be a whole number, not number 1.5"]],
    },
    {
      name: "unknown kind, misspelt: did you mean",
      text: recordFile("t03", "  - date: 2025-10-09", "    kind: observaton", "    title: 听课", "    count: 1"),
      expect: [["unknown-kind", 4, 11, "the rules define no activity kind 'observaton'", "did you mean 'observation'"]],
    },
    {
      name: "unknown kind, written as its Chinese label",
      text: recordFile("t03", "  - date: 2025-10-09", "    kind: 听课", "    title: 听课", "    count: 1"),
      expect: [["unknown-kind", 4, 11, "'听课' is a kind's label; files give the kind's id, observation", "write kind: observation"]],
    },
    {
      name: "unknown kind, nothing like it",
      text: recordFile("t03", "  - date: 2025-10-09", "    kind: 吃饭", "    title: 午饭"),
      expect: [["unknown-kind", 4, 11, "the rules define no activity kind '吃饭'", "kinds defined: observation, reflection"]],
    },
  ];
  for (const c of CASES) {
    it(c.name, async () => {
      const run = await check(school({ [HOSTILE_FILE]: c.text }));
      expectContained(run);
      expect(places(run, HOSTILE_FILE)).toEqual(c.expect.map(([k, l, col]) => [k, l, col]));
      problemsIn(run, HOSTILE_FILE).forEach((p, i) => {
        expect(p.message).toContain(c.expect[i]![3]);
        if (c.expect[i]![4]) expect(p.hint).toContain(c.expect[i]![4]);
      });
    });
  }

  const ACCEPTED: [string, string][] = [
    ["a date with a time and time zone", "2025-10-09T10:30:00+08:00"],
    ["a date with a time in UTC", "2025-10-09 23:30:00Z"],
    ["a date with a time, no zone", "2025-10-09T08:00"],
  ];
  for (const [name, date] of ACCEPTED) {
    it(`${name}: accepted, the date part as written`, async () => {
      // The date part is 2025-10-09 whatever the zone: the same record dated plainly is a duplicate of it.
      const text = recordFile("t03", `  - date: ${date}`, "    kind: reflection", "    title: 反思", "  - date: 2025-10-09", "    kind: reflection", "    title: 反思");
      const run = await check(school({ [HOSTILE_FILE]: text }));
      expectContained(run);
      expect(places(run, HOSTILE_FILE)).toEqual([["duplicate-record", 8, 12]]);
    });
  }

  it("fractional hours are fine", async () => {
    const run = await check(school({ [HOSTILE_FILE]: reflection("    hours: 1.5") }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([]);
  });
});

describe("roster ids that look alike", () => {
  it("ids differing only in case", async () => {
    const run = await check(school({ "roster.yaml": ROSTER + "  - id: T01\n    name: 赵老师\n" }));
    expectContained(run);
    expect(places(run, "roster.yaml")).toEqual([["roster-duplicate", 15, 9]]);
    expect(problemsIn(run, "roster.yaml")[0]!.message).toBe("teacher id 'T01' differs from 't01' only in case or width");
  });

  it("full-width letters in an id: refused with the half-width form", async () => {
    const run = await check(school({ "roster.yaml": ROSTER + "  - id: ｔ０１\n    name: 赵老师\n" }));
    expect(run.code).toBe(1);
    // The id unreadable, references to teachers cannot be judged: said once, and the rest still checked.
    expect(places(run, "roster.yaml")).toEqual([["checks-skipped", 0, 0], ["id", 15, 9]]);
    expect(problemsIn(run, "roster.yaml")[0]!.message).toContain("unknown-teacher");
    expect(problemsIn(run, "roster.yaml")[1]!.hint).toBe("this has full-width characters: write t01");
    expect(places(run, "records/2025-2026-1/t02.yaml")).toEqual([["field-type", 6, 12]]);
  });
});
