/**
 * Broken YAML of every kind, in a record file beside a good and a broken neighbour.
 * Each case pins the problem (check, line, column, message) the user sees.
 */
import { describe, expect, it } from "vitest";
import { check, expectContained, HOSTILE_FILE, places, problemsIn, recordFile, school } from "./school.js";
import { cpuMsSince } from "../helpers/cpu-time.js";

const rec = (...lines: string[]) => recordFile("t03", "  - date: 2025-10-09", "    kind: observation", ...lines);

interface Case {
  name: string;
  text: string;
  /** [check, line, column, words the English message must contain] */
  expect: [string, number, number, string][];
}

const SYNTAX: Case[] = [
  {
    name: "unclosed double quote: at the opening quote, not at the end of the file",
    text: rec('    title: "听课《荷塘月色》', "    count: 1"),
    expect: [["yaml-syntax", 5, 12, 'this " is never closed']],
  },
  {
    name: "unclosed single quote",
    text: rec("    title: '听课", "    count: 1"),
    expect: [["yaml-syntax", 5, 12, "this ' is never closed"]],
  },
  {
    name: "unclosed flow sequence",
    text: "teacher: t03\nrecords: [\n",
    expect: [["yaml-syntax", 2, 10, "this [ is never closed"]],
  },
  {
    name: "unclosed flow map",
    text: "teacher: t03\nrecords:\n  - {date: 2025-10-09, kind: observation\n",
    expect: [["yaml-syntax", 3, 5, "this { is never closed"]],
  },
  {
    name: "a key indented one space too far",
    text: "teacher: t03\nrecords:\n  - date: 2025-10-09\n     kind: observation\n    title: x\n",
    expect: [["yaml-syntax", 3, 11, "wrong indentation"]],
  },
  {
    name: "a missing colon",
    text: rec("    title observation", "    count: 1"),
    expect: [["yaml-syntax", 5, 5, "a key cannot run over two lines"]],
  },
  {
    name: "a stray ]",
    text: "teacher: t03\nrecords: ]\n",
    expect: [["yaml-syntax", 2, 10, 'unexpected "]"']],
  },
  {
    name: "tab indentation: one problem at the tab, and the rest read as if it were the spaces (the record lacks its kind and title)",
    text: "teacher: t03\nrecords:\n\t- date: 2025-10-09\n",
    expect: [["tab-indent", 3, 1, "indented with a tab"], ["missing-field", 3, 5, "kind"], ["missing-field", 3, 5, "title"]],
  },
  {
    name: "a tab in the middle of a record: no follow-on syntax errors",
    text: rec("\ttitle: x"),
    expect: [["kind-fields", 3, 5, "count"], ["tab-indent", 5, 1, "indented with a tab"]],
  },
  {
    name: "a value starting with @",
    text: rec("    title: @home", "    count: 1"),
    expect: [["yaml-syntax", 5, 12, "a value cannot start with this character unless quoted"]],
  },
  {
    name: "two documents in one file",
    text: "teacher: t03\nrecords: []\n---\nteacher: t03\n",
    expect: [["yaml-syntax", 3, 1, "more than one YAML document"]],
  },
  {
    name: "duplicate keys: at the second one",
    text: rec("    title: 听课", "    count: 1", "    title: 又一个"),
    expect: [["yaml-syntax", 7, 5, "the same key appears twice at one level"]],
  },
  {
    name: "tags: !!js/function",
    text: rec('    title: !!js/function "function () { return 1 }"', "    count: 1"),
    expect: [["yaml-tag", 5, 12, "YAML tags are not allowed: !!js/function"]],
  },
  {
    name: "tags: !!python/object",
    text: "teacher: t03\nrecords: !!python/object:os.system [rm -rf /]\n",
    expect: [["yaml-tag", 2, 10, "YAML tags are not allowed: !!python/object:os.system"]],
  },
  {
    name: "tags: verbatim js/undefined",
    text: rec('    title: !<tag:yaml.org,2002:js/undefined> ""', "    count: 1"),
    expect: [["yaml-tag", 5, 12, "YAML tags are not allowed: !!js/undefined"]],
  },
  {
    name: "an alias with no anchor",
    text: "teacher: t03\nrecords: *nope\n",
    expect: [["yaml-alias", 2, 10, "the alias *nope has no anchor &nope"]],
  },
];

describe("YAML syntax", () => {
  for (const c of SYNTAX) {
    it(c.name, async () => {
      const run = await check(school({ [HOSTILE_FILE]: c.text }));
      expectContained(run);
      expect(places(run, HOSTILE_FILE)).toEqual(c.expect.map(([k, l, col]) => [k, l, col]));
      problemsIn(run, HOSTILE_FILE).forEach((p, i) => expect(p.message).toContain(c.expect[i]![3]));
    });
  }

  it("Chinese by default: an unclosed quote says so in Chinese, with the source line and caret", async () => {
    const dir = school({ [HOSTILE_FILE]: rec('    title: "听课', "    count: 1") });
    const { runCli } = await import("../helpers/run-cli.js");
    const r = await runCli(["check", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${HOSTILE_FILE}:5:12: 错误[yaml-syntax]: YAML 语法错误:这里的 " 没有闭合`);
    expect(r.stdout).toContain('5 |     title: "听课');
    expect(r.stdout).toContain("建议: 在值的末尾补上 \"");
  });

  it("a duplicate key in the roster: at its place, and every record file still read", async () => {
    const { ROSTER } = await import("./school.js");
    const run = await check(school({ "roster.yaml": ROSTER.replace("    name: 张老师\n", "    name: 张老师\n    name: 张丽\n") }));
    expectContained(run);
    expect(places(run, "roster.yaml")).toEqual([["checks-skipped", 0, 0], ["yaml-syntax", 8, 5]]);
  });

  it("a tab in the config: at its place, and every record file still read", async () => {
    const { CONFIG } = await import("./school.js");
    const run = await check(school({ "yanxiu.yaml": CONFIG.replace("  - id: 2025-2026\n", "\t- id: 2025-2026\n") }));
    expectContained(run);
    // One problem at the tab; the config is read as if it were the spaces, so no check is skipped.
    expect(places(run, "yanxiu.yaml")).toEqual([["tab-indent", 6, 1]]);
    expect(problemsIn(run, "yanxiu.yaml")[0]!.message).toBe("this line is indented with a tab, and YAML allows no tabs in indentation");
  });

  it("anchors and aliases that repeat a record are read, and the repeat is a duplicate", async () => {
    const text = "teacher: t03\nrecords:\n  - &r\n    date: 2025-10-09\n    kind: observation\n    title: x\n    count: 1\n  - *r\n";
    const run = await check(school({ [HOSTILE_FILE]: text }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["duplicate-record", 8, 5]]);
  });

  it("billion laughs: refused as an alias bomb, quickly", async () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const text = [...levels, "teacher: t03", "records: []", ""].join("\n");
    const cpu0 = process.cpuUsage();
    const run = await check(school({ [HOSTILE_FILE]: text }));
    expect(cpuMsSince(cpu0)).toBeLessThan(5000);
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["yaml-alias", 1, 1]]);
    expect(problemsIn(run, HOSTILE_FILE)[0]!.message).toContain("too many YAML alias expansions");
  });

  it("10,000 levels of [ : one problem, no stack overflow", async () => {
    const run = await check(school({ [HOSTILE_FILE]: "teacher: t03\nrecords: " + "[".repeat(10_000) + "\n" }));
    expectContained(run);
    const ps = problemsIn(run, HOSTILE_FILE);
    expect(ps).toHaveLength(1);
    // The column is where the parser gave up, which depends on the stack size.
    expect(ps[0]).toMatchObject({ check: "yaml-syntax", line: 2, message: "the YAML is nested too deeply to parse" });
    expect(ps[0]!.column).toBeGreaterThan(10);
  });

  it("10,000 levels of [ closed again: still one problem", async () => {
    const run = await check(school({ [HOSTILE_FILE]: "teacher: t03\nrecords: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n" }));
    expectContained(run);
    expect(problemsIn(run, HOSTILE_FILE).map((p) => [p.check, p.line, p.message])).toEqual([
      ["yaml-syntax", 2, "the YAML is nested too deeply to parse"],
    ]);
  });

  it("10,000 nested block sequences (- - - …): one problem", async () => {
    const run = await check(school({ [HOSTILE_FILE]: "teacher: t03\nrecords:\n  " + "- ".repeat(10_000) + "x\n" }));
    expectContained(run);
    expect(problemsIn(run, HOSTILE_FILE).map((p) => [p.check, p.line, p.message])).toEqual([
      ["yaml-syntax", 3, "the YAML is nested too deeply to parse"],
    ]);
  });

  it("a cascade of indentation errors is cut at 20 plus one summary", async () => {
    const lines = Array.from({ length: 200 }, (_, i) => " ".repeat(i + 2) + "- a:");
    const run = await check(school({ [HOSTILE_FILE]: "teacher: t03\nrecords:\n" + lines.join("\n") + "\n" }));
    expectContained(run);
    const ps = problemsIn(run, HOSTILE_FILE);
    expect(ps).toHaveLength(21);
    expect(ps[0]).toMatchObject({ check: "yaml-syntax", line: 3, column: 7, message: "YAML syntax error: wrong indentation: all items of a list (-) must start at the same column" });
    expect(ps[20]!.message).toMatch(/^\d+ more YAML syntax errors from here on$/);
  });
});
