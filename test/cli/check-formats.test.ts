/**
 * `check --format sarif|junit|codequality|github` and `-o`: the files CI systems read, from a
 * real run on the mini school. SARIF is validated against the published 2.1.0 schema (the copy
 * @microsoft/jest-sarif ships).
 */
import { cpSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { REPO_ROOT, removeDir, tempDir, writeFiles } from "../helpers/temp-repo.js";

const MINI = join(REPO_ROOT, "test/fixtures/mini-school");
const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const T02 = "records/2025-2026-1/t02.yaml";
// Line 6 col 5: 'word' is no field (error, span cols 5–8, endColumn 9); line 8: a second-term
// date in a first-term folder (warning).
const BROKEN =
  "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: x\n    word: 1\n" +
  "  - date: 2026-03-10\n    kind: reflection\n    title: 'a <b> & \"c\"'\n";

function school(overlay: Record<string, string> = { [T02]: BROKEN }): string {
  const dir = tempDir();
  made.push(dir);
  cpSync(MINI, dir, { recursive: true });
  writeFiles(dir, overlay);
  return dir;
}

const SARIF_SCHEMA = createRequire(import.meta.url).resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

describe("check --format sarif", () => {
  // The published schema's language pattern is not valid as a Unicode regular expression.
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }));
  const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, "utf8")));

  it("is valid SARIF 2.1.0 with each problem's rule, level and region", async () => {
    const r = await runCli(["check", school(), "--format", "sarif", "--lang", "en"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("yanxiu");
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(["term-folder", "unknown-key"]);
    expect(run.results.map((x: { ruleId: string; ruleIndex: number; level: string }) => [x.ruleId, x.ruleIndex, x.level])).toEqual([
      ["unknown-key", 1, "error"],
      ["term-folder", 0, "warning"],
    ]);
    expect(run.results[0].message.text).toBe("unknown field 'word' (did you mean 'words'?)");
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: T02, uriBaseId: "%SRCROOT%" },
      region: { startLine: 6, startColumn: 5, endLine: 6, endColumn: 9, snippet: { text: "    word: 1" } },
    });
  });

  it("a clean run is a valid log with no results", async () => {
    const r = await runCli(["check", school({}), "--format", "sarif"]);
    const log = JSON.parse(r.stdout);
    expect([r.code, validate(log), log.runs[0].results]).toEqual([0, true, []]);
  });
});

describe("check --format junit", () => {
  it("has one test case per file checked, errors as failures, warnings as output, XML escaped", async () => {
    const r = await runCli(["check", school(), "--format", "junit", "--lang", "en"]);
    expect(r.code).toBe(1);
    const xml = r.stdout;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="yanxiu check" tests="')).toBe(true);
    // The mini school has 6 files (config, roster, rule file, two record files, one session file): only t02 fails.
    const cases = xml.match(/<testcase /g) ?? [];
    expect(xml).toContain(`<testsuite name="yanxiu check" tests="${cases.length}" failures="1" errors="0" skipped="0">`);
    expect(xml).toContain(
      `    <testcase classname="yanxiu.check" name="${T02}" file="${T02}">\n` +
        `      <failure type="unknown-key" message="unknown field 'word' (did you mean 'words'?)">${T02}:6:5: [unknown-key] unknown field 'word' (did you mean 'words'?)</failure>\n` +
        `      <system-out>${T02}:7:11: warning[term-folder] 2026-03-10 is in term 2025-2026-2 but the record is filed under 2025-2026-1 (move it to records/2025-2026-2/t02.yaml)</system-out>\n    </testcase>\n`,
    );
    expect(xml).toContain(`    <testcase classname="yanxiu.check" name="roster.yaml" file="roster.yaml">\n    </testcase>\n`);
    expect(xml.endsWith("  </testsuite>\n</testsuites>\n")).toBe(true);
  });
});

describe("check --format codequality", () => {
  it("lists GitLab Code Quality issues whose fingerprints survive lines moving", async () => {
    const r = await runCli(["check", school(), "--format", "codequality", "--lang", "en"]);
    const issues = JSON.parse(r.stdout);
    expect(issues.map((i: { check_name: string; severity: string; location: unknown }) => [i.check_name, i.severity, i.location])).toEqual([
      ["unknown-key", "major", { path: T02, lines: { begin: 6, end: 6 } }],
      ["term-folder", "minor", { path: T02, lines: { begin: 7, end: 7 } }],
    ]);
    // The same problems two lines further down: the same fingerprints, so GitLab sees nothing new.
    const moved = BROKEN.replace("records:\n", "records:\n  # a comment\n  # another\n");
    const again = JSON.parse((await runCli(["check", school({ [T02]: moved }), "--format", "codequality", "--lang", "en"])).stdout);
    expect(again.map((i: { location: { lines: { begin: number } } }) => i.location.lines.begin)).toEqual([8, 9]);
    expect(again.map((i: { fingerprint: string }) => i.fingerprint)).toEqual(issues.map((i: { fingerprint: string }) => i.fingerprint));
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(2);
  });
});

describe("check --format github", () => {
  it("gives each annotation its end line and, on one line, its end column", async () => {
    const r = await runCli(["check", school(), "--format", "github", "--lang", "en"]);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(`::error file=${T02},line=6,endLine=6,col=5,endColumn=9,title=unknown-key::unknown field 'word' (did you mean 'words'?)`);
    expect(lines[1]).toMatch(new RegExp(`^::warning file=${T02},line=7,endLine=7,col=11,endColumn=21,title=term-folder::`));
  });
});

describe("check -o", () => {
  it("writes the result to the file and nothing to stdout; -o - is stdout", async () => {
    const dir = school();
    const r = await runCli(["check", dir, "--format", "sarif", "-o", "out.sarif"], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect(JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")).version).toBe("2.1.0");
    const dash = await runCli(["check", dir, "--format", "json", "-o", "-"], { cwd: dir });
    expect(JSON.parse(dash.stdout).errors).toBe(1);
  });
});
