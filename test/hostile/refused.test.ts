/**
 * Inputs that `check` once accepted and must refuse, each with its problem at its place (issue
 * 11): YAML other than 1.2, numbers not in decimal, times that do not exist, empty or unfit
 * evidence, titles with bidi controls or of absurd length, out-of-range sizes, files in places
 * no record belongs. docs/hostile-input.md lists them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/run-cli.js";
import { check, expectContained, HOSTILE_FILE, places, problemsIn, recordFile, ROSTER, RULES, school } from "./school.js";

/** A reflection record with more lines from line 6 on. */
const reflection = (...more: string[]) => recordFile("t03", "  - date: 2025-10-09", "    kind: reflection", "    title: 反思", ...more);
/** An observation record with more lines from line 6 on. */
const observation = (...more: string[]) => recordFile("t03", "  - date: 2025-10-09", "    kind: observation", "    title: 听课", ...more);

interface Case {
  name: string;
  files: Record<string, string | null>;
  /** The file the problems are in (the hostile record file unless said). */
  file?: string;
  /** [check, line, column, words of the English message, words of the hint] */
  expect: [string, number, number, string, string?][];
}

export async function expectCase(c: Case): Promise<void> {
  const run = await check(school(c.files));
  expectContained(run);
  const file = c.file ?? HOSTILE_FILE;
  expect(places(run, file)).toEqual(c.expect.map(([k, l, col]) => [k, l, col]));
  problemsIn(run, file).forEach((p, i) => {
    expect(p.message).toContain(c.expect[i]![3]);
    if (c.expect[i]![4]) expect(p.hint).toContain(c.expect[i]![4]);
    if (p.line > 0) expect(p.sourceLine).toBeDefined();
  });
}

const YAML_AND_NUMBERS: Case[] = [
  {
    name: "%YAML 1.1 (where 1:30 reads 90 and 010 reads 8): refused at the directive",
    files: { [HOSTILE_FILE]: "%YAML 1.1\n---\n" + observation("    count: 1:30") },
    expect: [["yaml-version", 1, 1, "only YAML 1.2 is read, and this says %YAML 1.1", "1:30 as 90"]],
  },
  { name: "count: 012 (a leading zero)", files: { [HOSTILE_FILE]: observation("    count: 012") }, expect: [["number-format", 6, 12, "'count' must be a plain decimal number, not 012 (a leading zero", "write 12"]] },
  { name: "count: 010 (octal 8 in YAML 1.1)", files: { [HOSTILE_FILE]: observation("    count: 010") }, expect: [["number-format", 6, 12, "not 010", "write 10"]] },
  { name: "count: 0o12", files: { [HOSTILE_FILE]: observation("    count: 0o12") }, expect: [["number-format", 6, 12, "not 0o12 (octal)", "write 10"]] },
  { name: "count: 0x10", files: { [HOSTILE_FILE]: observation("    count: 0x10") }, expect: [["number-format", 6, 12, "not 0x10 (hexadecimal)", "write 16"]] },
  { name: "hours: 1e3", files: { [HOSTILE_FILE]: reflection("    hours: 1e3") }, expect: [["number-format", 6, 12, "'hours' must be a plain decimal number, not 1e3 (exponent notation)", "write 1000"]] },
  { name: "hours: 1e300 (too large to write out)", files: { [HOSTILE_FILE]: reflection("    hours: 1e300") }, expect: [["number-format", 6, 12, "not 1e300", "write a plain decimal number"]] },
  { name: "hours: 1:30 (base 60)", files: { [HOSTILE_FILE]: reflection("    hours: 1:30") }, expect: [["number-format", 6, 12, "not 1:30 (base 60", "write 1.5"]] },
  { name: "count: 1_000", files: { [HOSTILE_FILE]: observation("    count: 1_000") }, expect: [["number-format", 6, 12, "not 1_000 (underscores)", "write 1000"]] },
  {
    name: "2025-10-15T25:99: no such time",
    files: { [HOSTILE_FILE]: recordFile("t03", "  - date: 2025-10-15T25:99", "    kind: reflection", "    title: 反思") },
    expect: [["date", 3, 11, "no such time: 2025-10-15T25:99", "write the date alone: 2025-10-15"]],
  },
  {
    name: "a time zone of +25:00",
    files: { [HOSTILE_FILE]: recordFile("t03", "  - date: 2025-10-15T10:00+25:00", "    kind: reflection", "    title: 反思") },
    expect: [["date", 3, 11, "no such time"]],
  },
];

describe("YAML 1.2 only, numbers in decimal only, real times", () => {
  for (const c of YAML_AND_NUMBERS) it(c.name, () => expectCase(c));

  it("%YAML 1.2 written out is fine; a title that looks like a number stays text", async () => {
    const run = await check(school({ [HOSTILE_FILE]: "%YAML 1.2\n---\n" + recordFile("t03", "  - date: 2025-10-09", "    kind: reflection", "    title: 012", "  - date: 2025-10-09", "    kind: reflection", "    title: 1e3", "    hours: .5") }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([]);
  });
});

const LONG_TITLE = "听".repeat(1_300_000);

const VALUES: Case[] = [
  { name: "evidence: []", files: { [HOSTILE_FILE]: observation("    count: 1", "    evidence: []") }, expect: [["field-range", 7, 15, "'evidence' is empty", "delete the 'evidence' line"]] },
  { name: "words: 9999999", files: { [HOSTILE_FILE]: reflection("    words: 9999999") }, expect: [["field-range", 6, 12, "'words' must be at most 1000000, not number 9999999"]] },
  {
    name: "a 1.3M-character title: the limit named",
    files: { [HOSTILE_FILE]: recordFile("t03", "  - date: 2025-10-09", "    kind: reflection", `    title: ${LONG_TITLE}`) },
    expect: [["field-range", 5, 12, "'title' is too long (1300000 characters; the limit is 200)", "shorten it to at most 200"]],
  },
  {
    name: "U+202E (RIGHT-TO-LEFT OVERRIDE) in a title",
    files: { [HOSTILE_FILE]: recordFile("t03", "  - date: 2025-10-09", "    kind: reflection", "    title: 反思\u202Efdp.exe") },
    expect: [["text-control", 5, 12, "'title' holds the invisible bidirectional control U+202E", "delete the character"]],
  },
  {
    name: "U+2066 (LEFT-TO-RIGHT ISOLATE) in notes",
    files: { [HOSTILE_FILE]: reflection('    notes: "a\\u2066b"') },
    expect: [["text-control", 6, 12, "'notes' holds the invisible bidirectional control U+2066"]],
  },
  {
    name: "a 65-character teacher id",
    files: { [HOSTILE_FILE]: recordFile("t03", "  - date: 2025-10-09", "    kind: reflection", "    title: 反思", `    approver: ${"a".repeat(65)}`) },
    expect: [["field-range", 6, 15, "'approver' is too long (65 characters; the limit is 64)"], ["unknown-teacher", 6, 15, "there is no teacher"]],
  },
];

describe("values out of bounds, with the limit named", () => {
  for (const c of VALUES) it(c.name, () => expectCase(c));
});

describe("rule numbers are bounded (no Infinity totals)", () => {
  const rules = (each: string) => (RULES as string).replace("    each: 1\n    cap: 20", `    each: ${each}\n    cap: 20`);
  it("each: 1e308", () => expectCase({ name: "", files: { "rules/school.yaml": rules("1e308") }, file: "rules/school.yaml", expect: [["number-format", 13, 11, "'each' must be a plain decimal number, not 1e308"]] }));
  it("each: 1 followed by 308 zeros", () =>
    expectCase({ name: "", files: { "rules/school.yaml": rules("1" + "0".repeat(308)) }, file: "rules/school.yaml", expect: [["field-range", 13, 11, "'each' must be at most 1000000000"]] }));
});

describe("the roster's dates and groups", () => {
  const roster = (...t03: string[]) => (ROSTER as string) + t03.map((l) => `    ${l}\n`).join("");
  const hostileRecord = (date: string) => recordFile("t03", `  - date: ${date}`, "    kind: reflection", "    title: 反思");
  const CASES: Case[] = [
    {
      name: "a record dated before the teacher joined",
      files: { "roster.yaml": roster("joined: 2025-10-01"), [HOSTILE_FILE]: hostileRecord("2025-09-15") },
      expect: [["outside-staff-dates", 3, 11, "2025-09-15 is before t03 joined (2025-10-01)", "do not count here"]],
    },
    {
      name: "a record dated after the teacher left",
      files: { "roster.yaml": roster("left: 2025-10-01"), [HOSTILE_FILE]: hostileRecord("2025-10-09") },
      expect: [["outside-staff-dates", 3, 11, "2025-10-09 is after t03 left (2025-10-01)"]],
    },
    {
      name: "left before joined",
      files: { "roster.yaml": roster("joined: 2025-09-01", "left: 2025-08-01"), [HOSTILE_FILE]: null },
      file: "roster.yaml",
      expect: [["roster-dates", 16, 11, "t03 left (2025-08-01) before joining (2025-09-01)"]],
    },
    {
      name: "left before the first school year (exempt from everything)",
      files: { "roster.yaml": roster("left: 2020-07-01"), [HOSTILE_FILE]: null },
      file: "roster.yaml",
      expect: [["roster-dates", 15, 11, "t03 left (2020-07-01) before the first school year in yanxiu.yaml (from 2025-09-01)", "removed from the roster"]],
    },
    {
      name: "a role whose from is after its to",
      files: { "roster.yaml": roster("roles:", "  - role: 教研组长", "    from: 2026-01-01", "    to: 2025-09-01"), [HOSTILE_FILE]: null },
      file: "roster.yaml",
      expect: [["roster-dates", 18, 13, "role '教研组长' ends (2025-09-01) before it starts (2026-01-01)", "swap from and to"]],
    },
    {
      name: "groups whose parents form a cycle",
      files: {
        "roster.yaml": (ROSTER as string).replace("    leader: t01\n", "    leader: t01\n    parent: prep\n  - id: prep\n    name: 一年级备课组\n    type: 备课组\n    parent: chinese\n"),
        [HOSTILE_FILE]: null,
      },
      file: "roster.yaml",
      expect: [["group-cycle", 5, 13, "the groups' parents form a cycle: chinese → prep → chinese"]],
    },
  ];
  for (const c of CASES) it(c.name, () => expectCase(c));
});

describe("evidence that is no proof", () => {
  const withEvidence = (path: string) => observation("    count: 1", `    evidence: ${path}`);
  const CASES: Case[] = [
    { name: "the config", files: { [HOSTILE_FILE]: withEvidence("yanxiu.yaml") }, expect: [["evidence", 7, 15, "evidence must be a file under evidence/, not yanxiu.yaml"]] },
    { name: "a colleague's record file", files: { [HOSTILE_FILE]: withEvidence("records/2025-2026-1/t01.yaml") }, expect: [["evidence", 7, 15, "evidence must be a file under evidence/, not records/2025-2026-1/t01.yaml"]] },
    { name: "the evidence folder itself", files: { [HOSTILE_FILE]: withEvidence("evidence/"), "evidence/t03/a.pdf": "%PDF" }, expect: [["evidence", 7, 15, "evidence must be a file, and evidence/ is not", "name the file itself"]] },
    { name: "a folder inside evidence/", files: { [HOSTILE_FILE]: withEvidence("evidence/t03"), "evidence/t03/a.pdf": "%PDF" }, expect: [["evidence", 7, 15, "evidence must be a file, and evidence/t03 is not"]] },
  ];
  for (const c of CASES) it(c.name, () => expectCase(c));
});

describe("pipes are never opened", () => {
  const fifoSchool = (files: Record<string, string | null>) => {
    const dir = school(files);
    execFileSync("mkfifo", [join(dir, "evidence/pipe")]);
    return dir;
  };
  /** The real binary with a time limit: a blocking read would hang an in-process run for ever. */
  const checkWithin = (dir: string) => {
    const r = spawnSync(process.execPath, [BIN, "check", dir, "--format", "json", "--lang", "en"], {
      encoding: "utf8", timeout: 20_000, env: { ...process.env, YANXIU_TODAY: "2026-11-23" },
    });
    expect(r.signal, "check did not finish").toBeNull();
    return { code: r.status, problems: JSON.parse(r.stdout).problems as { file: string; check: string; line: number; column: number; message: string }[] };
  };

  it("a record file that is a symlink to a FIFO in the repository: unreadable, check goes on", () => {
    const dir = fifoSchool({ [HOSTILE_FILE]: null });
    symlinkSync("../../evidence/pipe", join(dir, HOSTILE_FILE));
    const r = checkWithin(dir);
    expect(r.code).toBe(1);
    const mine = r.problems.filter((p) => p.file === HOSTILE_FILE);
    expect(mine.map((p) => [p.check, p.line, p.column, p.message])).toEqual([["file-unreadable", 0, 0, "this is not a regular file (a pipe, device or socket); it is not read"]]);
    expect(r.problems.filter((p) => p.file === "records/2025-2026-1/t02.yaml").map((p) => p.check)).toEqual(["field-type"]);
  });

  it("evidence naming a FIFO: not a file", () => {
    const r = checkWithin(fifoSchool({ [HOSTILE_FILE]: observation("    count: 1", "    evidence: evidence/pipe") }));
    expect(r.problems.filter((p) => p.file === HOSTILE_FILE).map((p) => [p.check, p.line, p.column, p.message]))
      .toEqual([["evidence", 7, 15, "evidence must be a file, and evidence/pipe is not (a folder or something else)"]]);
  });
});

describe("record files in places no record belongs", () => {
  const other = recordFile("t03", "  - date: 2025-10-10", "    kind: reflection", "    title: 另一篇反思");
  const CASES: Case[] = [
    {
      name: "a term folder that is not in yanxiu.yaml",
      files: { "records/2025-2026-9/t03.yaml": other },
      file: "records/2025-2026-9/t03.yaml",
      expect: [["file-place", 0, 0, "the folder records/2025-2026-9/ is not a term in yanxiu.yaml", "did you mean records/2025-2026-1/?"]],
    },
    {
      name: "a far-off folder name: the terms are listed",
      files: { "records/old/t03.yaml": other },
      file: "records/old/t03.yaml",
      expect: [["file-place", 0, 0, "the folder records/old/ is not a term", "terms defined: 2025-2026-1, 2025-2026-2"]],
    },
    {
      name: "t03.yml beside t03.yaml",
      files: { [HOSTILE_FILE.replace(/\.yaml$/, ".yml")]: other, [HOSTILE_FILE]: reflection() },
      file: HOSTILE_FILE.replace(/\.yaml$/, ".yml"),
      expect: [["file-place", 0, 0, "records/2025-2026-1/t03.yaml already holds t03's entries for this term: this is a second file", "move its entries into records/2025-2026-1/t03.yaml"]],
    },
    {
      name: "a .yml file on its own",
      files: { [HOSTILE_FILE]: null, [HOSTILE_FILE.replace(/\.yaml$/, ".yml")]: other },
      file: HOSTILE_FILE.replace(/\.yaml$/, ".yml"),
      expect: [["file-place", 0, 0, "the file name must end in .yaml: t03.yaml", "rename it to records/2025-2026-1/t03.yaml"]],
    },
    {
      name: "a record file outside any term folder",
      files: { "records/t03.yaml": other },
      file: "records/t03.yaml",
      expect: [["file-place", 0, 0, "files in records/ belong at records/<term>/<teacher id>.yaml"]],
    },
  ];
  for (const c of CASES) it(c.name, () => expectCase(c));
});

describe("duplicates whose titles only look different", () => {
  const twice = (first: string, second: string) =>
    recordFile("t03", "  - date: 2025-10-09", "    kind: reflection", `    title: ${first}`, "  - date: 2025-10-09", "    kind: reflection", `    title: ${second}`);
  const CASES: [string, string, string][] = [
    ["U+200B (zero-width space)", "听课《荷塘月色》", '"听\\u200b课《荷塘月色》"'],
    ["U+2060 (word joiner)", "听课《荷塘月色》", '"听课\\u2060《荷塘月色》"'],
    ["U+FEFF (zero-width no-break space)", "听课《荷塘月色》", '"\\ufeff听课《荷塘月色》"'],
    ["NFKC-equal characters (㈠ for (一))", "(一)听课", "㈠听课"],
    ["full-width letters", "Lesson A", "Ｌｅｓｓｏｎ Ａ"],
    ["letter case", "Lesson A", "lesson a"],
    ["繁體 for 简体", "教学反思:后来的课堂", "教學反思:後來的課堂"],
    ["<<>> for 《》", "读《教育漫话》", "读<<教育漫话>>"],
    ["spaces and U+3000", "读《教育漫话》心得", "读 《教育漫话》\u3000心得"],
  ];
  for (const [name, first, second] of CASES) {
    it(name, async () => {
      const run = await check(school({ [HOSTILE_FILE]: twice(first, second) }));
      expectContained(run);
      expect(places(run, HOSTILE_FILE)).toEqual([["duplicate-record", 8, 12]]);
      expect(problemsIn(run, HOSTILE_FILE)[0]!.message).toContain(`is already recorded at ${HOSTILE_FILE}:3 (the titles differ only in invisible characters, width, spacing, case or traditional/simplified characters: '${first}')`);
    });
  }
  it("titles that differ in what they say are not duplicates", async () => {
    const run = await check(school({ [HOSTILE_FILE]: twice("读《教育漫话》", "读《爱的教育》") }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([]);
  });
});
