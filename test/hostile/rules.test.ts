/** Rule files written carelessly or maliciously: cycles, division by zero, empty tiers, overlaps, sheer size. */
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/repo/yaml-source.js";
import { compileRuleFile, mergeRuleSets } from "../../src/rules/load.js";
import { render } from "../../src/messages/index.js";
import { check, expectContained, places, problemsIn, RULES, school } from "./school.js";
import { cpuMsSince } from "../helpers/cpu-time.js";

const RULE_FILE = "rules/school.yaml";
/** Insert item definitions before the requirements (RULES ends with them). */
const withItems = (items: string) => RULES.replace("requirements:\n", `${items}requirements:\n`);

const CASES: { name: string; rules: string; expect: [string, number, number, string][] }[] = [
  {
    name: "categories that form a cycle",
    rules: RULES + "categories:\n  - id: a\n    parent: b\n  - id: b\n    parent: a\n",
    expect: [["rule-cycle", 25, 13, "the categories form a cycle: a → b → a"]],
  },
  {
    name: "a category that is its own parent",
    rules: RULES + "categories:\n  - id: a\n    parent: a\n",
    expect: [["rule-cycle", 25, 13, "the categories form a cycle: a → a"]],
  },
  {
    name: "division by zero: hoursPerCredit 0 in the scheme",
    rules: RULES.replace("  name: 测试方案\n", "  name: 测试方案\n  unit: credits\n  hoursPerCredit: 0\n"),
    expect: [["rule-conversion", 5, 19, "the conversion rate cannot be 0 (it would divide by zero)"]],
  },
  {
    name: "division by zero: hoursPerCredit 0 in an item",
    rules: withItems("  - id: hrs\n    kinds: [reflection]\n    hours:\n      hoursPerCredit: 0\n"),
    expect: [["rule-conversion", 22, 23, "the conversion rate cannot be 0 (it would divide by zero)"]],
  },
  {
    name: "empty tiers",
    rules: withItems("  - id: tiered\n    kinds: [observation]\n    tiers: []\n"),
    expect: [["rule-tiers", 21, 12, "the tier list is empty"]],
  },
  {
    name: "tiers that go down",
    rules: withItems("  - id: tiered\n    kinds: [observation]\n    tiers:\n      - { atLeast: 15, credit: 10 }\n      - { atLeast: 10, credit: 5 }\n"),
    expect: [["rule-tiers", 23, 9, "the tiers do not increase"]],
  },
  {
    name: "overlapping versions of one item",
    rules: withItems("  - id: observe\n    kinds: [observation]\n    from: 2025-01-01\n    each: 2\n"),
    expect: [["rule-overlap", 21, 11, "this version of item 'observe' overlaps the one at rules/school.yaml:11"]],
  },
  {
    name: "a reference to an item that does not exist",
    rules: RULES + "  - id: more\n    item: observ\n    minimum: 1\n",
    expect: [["rule-reference", 24, 11, "item 'observ' is not defined"]],
  },
  {
    name: "a syntax error in the rule file",
    rules: RULES.replace("    each: 1\n    cap: 20", '    each: "1\n    cap: 20'),
    expect: [["checks-skipped", 0, 0, "unknown-kind"], ["yaml-syntax", 13, 11, 'this " is never closed']],
  },
];

describe("rule files", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const run = await check(school({ [RULE_FILE]: c.rules }));
      expectContained(run);
      expect(places(run, RULE_FILE)).toEqual(c.expect.map(([k, l, col]) => [k, l, col]));
      problemsIn(run, RULE_FILE).forEach((p, i) => expect(p.message).toContain(c.expect[i]![3]));
    });
  }

  it("a table nested 3,000 levels deep: one problem, no crash", async () => {
    const deep = "{a: ".repeat(3000) + "1" + "}".repeat(3000);
    const run = await check(school({ [RULE_FILE]: withItems(`  - id: t\n    kinds: [observation]\n    table:\n      by: [level]\n      values: ${deep}\n`) }));
    expectContained(run);
    expect(problemsIn(run, RULE_FILE).map((p) => [p.check, p.line, p.message])).toEqual([
      ["checks-skipped", 0, "this file has errors, so these checks did not run: unknown-kind"],
      ["yaml-syntax", 23, "the YAML is nested too deeply to parse"],
    ]);
  });

  it("a rule file that is not valid YAML leaves every record checked (no kinds known, so none unknown)", async () => {
    const run = await check(school({ [RULE_FILE]: "items: [\n" }));
    expectContained(run);
    expect(places(run, RULE_FILE)).toEqual([["checks-skipped", 0, 0], ["yaml-syntax", 1, 8]]);
  });
});

/** n kinds, categories, items and requirements, each distinct. */
export function bigRuleFile(n: number): string {
  const kinds: string[] = [];
  const cats: string[] = [];
  const items: string[] = [];
  const reqs: string[] = [];
  for (let i = 0; i < n; i++) {
    kinds.push(`  - id: k${i}`, `    label: 类型${i}`);
    cats.push(`  - id: c${i}`, "    cap: 100");
    items.push(`  - id: i${i}`, `    kinds: [k${i}]`, `    category: c${i}`, "    each: 1", "    cap: 5");
    reqs.push(`  - id: r${i}`, `    item: i${i}`, "    minimum: 1");
  }
  return [
    "scheme:", "  id: big", "  name: 大方案",
    "kinds:", "  - id: observation", "  - id: reflection", ...kinds,
    "categories:", ...cats,
    "items:", ...items,
    "requirements:", ...reqs, "",
  ].join("\n");
}

describe("size", () => {
  it("a rule file of 10,000 rules is checked in reasonable time", async () => {
    const cpu0 = process.cpuUsage();
    const run = await check(school({ [RULE_FILE]: bigRuleFile(2500) }));
    // 2,500 each of kinds, categories, items and requirements: 10,000 rules.
    expect(cpuMsSince(cpu0)).toBeLessThan(30_000);
    expectContained(run);
    expect(places(run, RULE_FILE)).toEqual([]);
  });
});

/** Problems of merging one rule file, compiled beforehand. */
function mergeProblems(text: string): string[] {
  const { source, problems } = parseYaml("rules/big.yaml", text, "en");
  expect(problems).toEqual([]);
  const compiled = compileRuleFile(source);
  expect(compiled.problems).toEqual([]);
  return mergeRuleSets([compiled.ruleSet!]).problems.map((p) => `${p.line}:${p.column} ${p.check} ${render(p.message, "en")}`);
}

// Large rule files: the merge is linear (speed is measured by the benchmark, not here), and
// its findings stay exact at size.
describe("merging large rule files", () => {
  it("a chain of 800 nested categories closed into a loop is reported once, at its first category", () => {
    const cats = Array.from({ length: 800 }, (_, i) => `  - id: c${i}\n    parent: c${(i + 799) % 800}`);
    const got = mergeProblems(["categories:", ...cats, ""].join("\n"));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^3:13 rule-cycle the categories form a cycle: c0 → c799 → c798 → /);
  });

  it("4,000 requirements with one overlapping twin: exactly that one is reported", () => {
    const reqs = Array.from({ length: 4000 }, (_, i) => `  - { id: r${i}, total: true, minimum: 1 }`);
    reqs.push("  - { id: r1234, total: true, minimum: 2 }");
    expect(mergeProblems(["requirements:", ...reqs, ""].join("\n"))).toEqual([
      "4002:11 rule-overlap requirement 'r1234' overlaps the one at rules/big.yaml:1236",
    ]);
  });
});
