/**
 * One broken rule file per mistake; each pins the exact problem: check, line:column,
 * message and hint. Positions are counted by hand in the snippets below (1-based).
 */
import { describe, expect, it } from "vitest";
import { parseYaml } from "../repo/yaml-source.js";
import { compileRuleFile, mergeRuleSets } from "./load.js";
import type { RuleSet } from "./types.js";
import type { Problem } from "../problem.js";
import { render } from "../messages/index.js";

function problemsOf(...files: [string, string][]) {
  const sets: RuleSet[] = [];
  const out: string[] = [];
  for (const [name, text] of files) {
    const { source, problems } = parseYaml(name, text, "en");
    expect(problems).toEqual([]);
    const c = compileRuleFile(source);
    out.push(...c.problems.map(show));
    sets.push(c.ruleSet);
  }
  out.push(...mergeRuleSets(sets).problems.map(show));
  return out;
}
const show = (p: Problem) =>
  `${p.file}:${p.line}:${p.column} ${p.check}: ${render(p.message, "en")}${p.hint ? ` | ${render(p.hint, "en")}` : ""}`;

const KINDS = `kinds:
  - { id: observation, fields: [count] }
  - { id: paper, fields: [level, award] }
`;

describe("rule validation", () => {
  it("accepts a good file", () => {
    expect(problemsOf(["r.yaml", `${KINDS}items:\n  - { id: obs, kinds: [observation], each: 1, cap: 8 }\n`])).toEqual([]);
  });

  it("unknown key, with a suggestion", () => {
    // KINDS is lines 1–3; line 6 is "    cpa: 8", the key starts at column 5
    expect(problemsOf(["r.yaml", `${KINDS}items:\n  - id: obs\n    cpa: 8\n    kinds: [observation]\n    each: 1\n`])).toEqual([
      "r.yaml:6:5 unknown-key: unknown field 'cpa' | did you mean 'cap'?",
    ]);
  });

  it("an item naming an unknown kind", () => {
    // line 5: "  - { id: obs, kinds: [observaton], each: 1 }"; '[' is column 23, the kind starts at 24
    expect(problemsOf(["r.yaml", `${KINDS}items:\n  - { id: obs, kinds: [observaton], each: 1 }\n`])).toEqual([
      "r.yaml:5:24 rule-reference: kind 'observaton' is not defined | did you mean 'observation'?",
    ]);
  });

  it("an item naming an unknown category", () => {
    // line 8: "    category: busines", the value at column 15
    expect(problemsOf(["r.yaml", `${KINDS}categories:\n  - { id: business }\nitems:\n  - id: obs\n    category: busines\n    kinds: [observation]\n    each: 1\n`])).toEqual([
      "r.yaml:8:15 rule-reference: category 'busines' is not defined | did you mean 'business'?",
    ]);
  });

  it("tiers that do not increase", () => {
    // line 9: "      - { atLeast: 10, credit: 5 }" is the second tier, '{' at column 9
    const text = `${KINDS}items:\n  - id: obs\n    kinds: [observation]\n    tiers:\n      - { atLeast: 15, credit: 10 }\n      - { atLeast: 10, credit: 5 }\n`;
    expect(problemsOf(["r.yaml", text])).toEqual([
      "r.yaml:9:9 rule-tiers: the tiers do not increase: each tier needs a larger atLeast and credit than the one before",
    ]);
  });

  it("empty tiers", () => {
    // line 7: "    tiers: []", the list at column 12
    expect(problemsOf(["r.yaml", `${KINDS}items:\n  - id: obs\n    kinds: [observation]\n    tiers: []\n`])).toEqual([
      "r.yaml:7:12 rule-tiers: the tier list is empty | write at least one tier, e.g. - { atLeast: 10, credit: 5 }",
    ]);
  });

  it("overlapping versions", () => {
    // the second version (line 6) starts 2016-06-01, inside the first (line 5, until 2016-08-31); 'from' value at column 53
    const text = `${KINDS}items:\n  - { id: obs, kinds: [observation], each: 1, from: 2015-09-01, until: 2016-08-31 }\n  - { id: obs, kinds: [observation], each: 2, from: 2016-06-01 }\n`;
    expect(problemsOf(["r.yaml", text])).toEqual([
      "r.yaml:6:53 rule-overlap: this version of item 'obs' overlaps the one at r.yaml:5 | give the versions from/until dates that follow on without overlapping",
    ]);
  });

  it("versions that follow on are fine", () => {
    const text = `${KINDS}items:\n  - { id: obs, kinds: [observation], each: 1, until: 2016-08-31 }\n  - { id: obs, kinds: [observation], each: 2, from: 2016-09-01 }\n`;
    expect(problemsOf(["r.yaml", text])).toEqual([]);
  });

  it("a cap below a required minimum", () => {
    // line 7: "  - { id: min, item: obs, minimum: 10 }", minimum's value at column 36; the item is on line 5
    const text = `${KINDS}items:\n  - { id: obs, kinds: [observation], each: 1, cap: 8 }\nrequirements:\n  - { id: min, item: obs, minimum: 10 }\n`;
    expect(problemsOf(["r.yaml", text])).toEqual([
      "r.yaml:7:36 rule-cap-floor: requires at least 10, but the cap at r.yaml:5 is only 8, so it can never be met",
    ]);
  });

  it("a term cap below a yearly minimum is reachable over two terms", () => {
    const text = `${KINDS}items:\n  - { id: obs, kinds: [observation], each: 1, cap: 8, per: term }\nrequirements:\n  - { id: min, item: obs, minimum: 10, per: year }\n`;
    expect(problemsOf(["r.yaml", text])).toEqual([]);
  });

  it("a zero conversion in the scheme", () => {
    // line 3: "  hoursPerCredit: 0", value at column 19
    expect(problemsOf(["r.yaml", `scheme:\n  id: s\n  hoursPerCredit: 0\n  name: S\n`])).toEqual([
      "r.yaml:3:19 rule-conversion: the conversion rate cannot be 0 (it would divide by zero) | e.g. Guangxi 1 credit = 3 hours: hoursPerCredit: 3",
    ]);
  });

  it("a zero conversion in an item", () => {
    // line 5: "  - { id: t, kinds: [observation], hours: { hoursPerCredit: 0 } }", the 0 at column 61
    expect(problemsOf(["r.yaml", `${KINDS}items:\n  - { id: t, kinds: [observation], hours: { hoursPerCredit: 0 } }\n`])).toEqual([
      "r.yaml:5:61 rule-conversion: the conversion rate cannot be 0 (it would divide by zero)",
    ]);
  });

  it("a credits scheme converting hours without a rate", () => {
    // line 4: "  - { id: t, kinds: [x], hours: {} }": "hours" spans 26–30, the {} starts at column 33
    const text = `scheme: { id: s, name: S, unit: credits }\nkinds: [{ id: x }]\nitems:\n  - { id: t, kinds: [x], hours: {} }\n`;
    expect(problemsOf(["r.yaml", text])).toEqual([
      "r.yaml:4:33 rule-conversion: the scheme counts credits but gives no conversion rate, so 't' cannot turn hours into credits | add hoursPerCredit to the scheme (e.g. 3), or hours: { hoursPerCredit: 3 } to this item",
    ]);
  });

  it("cyclic categories", () => {
    // a → b → a; reported once, at a's parent value (line 2, column 22)
    const text = `categories:\n  - { id: a, parent: b }\n  - { id: b, parent: a }\n`;
    expect(problemsOf(["r.yaml", text])).toEqual(["r.yaml:2:22 rule-cycle: the categories form a cycle: a → b → a"]);
  });

  it("two credit blocks in one item", () => {
    // the second block's key, 'tiers', is on line 5 at column 47
    expect(problemsOf(["r.yaml", `${KINDS}items:\n  - { id: obs, kinds: [observation], each: 1, tiers: [{ atLeast: 1, credit: 1 }] }\n`])).toEqual([
      "r.yaml:5:47 rule-credit: item 'obs' has both each and tiers; it can have only one | split the other one into an item of its own",
    ]);
  });

  it("no credit block", () => {
    expect(problemsOf(["r.yaml", `${KINDS}items:\n  - { id: obs, kinds: [observation] }\n`])).toEqual([
      "r.yaml:5:5 rule-credit: item 'obs' does not say how it earns credit | add one of: each, table, hours, score, tiers, once, covered",
    ]);
  });

  it("a table key that is no level", () => {
    // line 8: "        distrct: { first: 5 }", key at column 9
    const text = `${KINDS}items:\n  - id: paper\n    kinds: [paper]\n    table:\n      by: [level, award]\n      values:\n        distrct: { first: 5 }\n`;
    expect(problemsOf(["r.yaml", text])).toEqual([
      "r.yaml:10:9 rule-table: 'distrct' is not a value the table can be keyed by | did you mean 'district'?",
    ]);
  });

  it("conflicting duplicate ids across files", () => {
    expect(problemsOf(["a.yaml", KINDS], ["b.yaml", `kinds:\n  - { id: paper }\n`])).toEqual([
      "b.yaml:2:11 rule-duplicate: kind 'paper' is already defined at a.yaml:3",
    ]);
  });

  it("a module naming a kind the scheme defines composes", () => {
    const mod = `requirements:\n  - { id: m, kinds: [observation], measure: count, minimum: 15, per: term }\n`;
    expect(problemsOf(["a.yaml", KINDS], ["m.yaml", mod])).toEqual([]);
  });

  it("a requirement without a target", () => {
    expect(problemsOf(["r.yaml", `requirements:\n  - { id: x, minimum: 3 }\n`])).toEqual([
      "r.yaml:2:5 rule-requirement: requirement 'x' does not say what it requires | write exactly one of total: true, category, item, kinds or share",
    ]);
  });

  // A file that fails its schema still compiles its valid entries, so the merge checks run in
  // the same run; references to an entry left out for its error are not reported again.
  describe("a file with schema errors", () => {
    it("reports a misspelt key in one item and an unknown category in another at once", () => {
      // line 8: "    cpa: 8", key at column 5; line 12: "    category: busines", value at column 15
      const text = `${KINDS}categories:\n  - { id: business }\nitems:\n  - id: obs\n    cpa: 8\n    kinds: [observation]\n    each: 1\n  - id: papers\n    category: busines\n    kinds: [paper]\n    each: 1\n`;
      expect(problemsOf(["r.yaml", text])).toEqual([
        "r.yaml:8:5 unknown-key: unknown field 'cpa' | did you mean 'cap'?",
        "r.yaml:12:15 rule-reference: category 'busines' is not defined | did you mean 'business'?",
      ]);
    });

    it("a requirement naming an item with a schema error: only the schema error", () => {
      // line 6: "    kinds: [observation]", line 7: "    eachh: 1", key at column 5
      const text = `${KINDS}items:\n  - id: obs\n    kinds: [observation]\n    eachh: 1\nrequirements:\n  - { id: min, item: obs, minimum: 3 }\n`;
      expect(problemsOf(["r.yaml", text])).toEqual(["r.yaml:7:5 unknown-key: unknown field 'eachh' | did you mean 'each'?"]);
    });

    it("items naming a kind and a category with schema errors: only the schema errors", () => {
      // line 1: "kinds: [{ id: obs, feilds: [count] }]", key at column 20; line 2: "categories: [{ id: t, cpa: 3 }]", key at column 23
      const text = `kinds: [{ id: obs, feilds: [count] }]\ncategories: [{ id: t, cpa: 3 }]\nitems:\n  - { id: o, kinds: [obs], category: t, each: 1 }\n`;
      expect(problemsOf(["r.yaml", text])).toEqual([
        "r.yaml:1:20 unknown-key: unknown field 'feilds' | did you mean 'fields'?",
        "r.yaml:2:23 unknown-key: unknown field 'cpa' | did you mean 'cap'?",
      ]);
    });

    it("a kind whose id cannot be read: references to kinds are not judged", () => {
      // line 2: "  - { idd: observation }": the entry at column 5, the key at column 7
      const text = `kinds:\n  - { idd: observation }\nitems:\n  - { id: o, kinds: [observation], each: 1 }\n`;
      expect(problemsOf(["r.yaml", text])).toEqual([
        "r.yaml:2:5 missing-field: required field 'id' is missing | add 'id: …'",
        "r.yaml:2:7 unknown-key: unknown field 'idd' | did you mean 'id'?",
      ]);
    });

    it("a list that is no list: references into it are not judged", () => {
      // line 1: "categories: business", the value at column 13
      expect(problemsOf(["r.yaml", `${KINDS.replace("kinds:", "categories: business\nkinds:")}items:\n  - { id: o, kinds: [observation], category: business, each: 1 }\n`])).toEqual([
        "r.yaml:1:13 field-type: 'categories' must be a list, not string \"business\"",
      ]);
    });

    it("a misspelt list name: references into the lost list are not judged", () => {
      // line 4: "itmes:", the key at column 1
      const text = `${KINDS}itmes:\n  - { id: obs, kinds: [observation], each: 1 }\nrequirements:\n  - { id: min, item: obs, minimum: 3 }\n`;
      expect(problemsOf(["r.yaml", text])).toEqual(["r.yaml:4:1 unknown-key: unknown field 'itmes' | did you mean 'items'?"]);
    });

    it("an item left out for having no credit block is not reported again where it is required", () => {
      expect(problemsOf(["r.yaml", `${KINDS}items:\n  - { id: obs, kinds: [observation] }\nrequirements:\n  - { id: min, item: obs, minimum: 3 }\n`])).toEqual([
        "r.yaml:5:5 rule-credit: item 'obs' does not say how it earns credit | add one of: each, table, hours, score, tiers, once, covered",
      ]);
    });

    it("references into another, valid file are still checked", () => {
      // b.yaml line 2: "  - { id: o, kinds: [observaton], each: 1 }", the kind at column 22
      const broken = `${KINDS}items:\n  - { id: obs, kinds: [observation], each: 1, cpa: 8 }\n`;
      expect(problemsOf(["a.yaml", broken], ["b.yaml", `items:\n  - { id: o, kinds: [observaton], each: 1 }\n`])).toEqual([
        "a.yaml:5:47 unknown-key: unknown field 'cpa' | did you mean 'cap'?",
        "b.yaml:2:22 rule-reference: kind 'observaton' is not defined | did you mean 'observation'?",
      ]);
    });

    it("the rule set and the scheme are marked partial, so they are never scored", () => {
      const { source } = parseYaml("r.yaml", `${KINDS}items:\n  - { id: obs, kinds: [observation], each: 1, cpa: 8 }\n`, "en");
      const c = compileRuleFile(source);
      expect(c.ruleSet.kinds.map((k) => k.id)).toEqual(["observation", "paper"]);
      expect(c.ruleSet.items).toEqual([]);
      expect(c.ruleSet.skipped?.items).toEqual(new Set(["obs"]));
      expect(mergeRuleSets([c.ruleSet]).scheme.skipped?.items).toEqual(new Set(["obs"]));
    });

    it("a file whose only error is a misspelt list name is partial too", () => {
      const { source } = parseYaml("r.yaml", `${KINDS}itmes: []\n`, "en");
      expect(mergeRuleSets([compileRuleFile(source).ruleSet]).scheme.skipped?.items).toBe("any");
    });

    it("a valid file is not marked partial", () => {
      const { source } = parseYaml("r.yaml", `${KINDS}items:\n  - { id: obs, kinds: [observation], each: 1 }\n`, "en");
      const c = compileRuleFile(source);
      expect(c.ruleSet.skipped).toBeUndefined();
      expect(mergeRuleSets([c.ruleSet]).scheme.skipped).toBeUndefined();
    });
  });

  it("messages are Chinese by default", () => {
    const { source } = parseYaml("r.yaml", `${KINDS}items:\n  - { id: obs, kinds: [observation], each: 1, cpa: 8 }\n`, "zh");
    const c = compileRuleFile(source);
    expect(c.problems.map((p) => [render(p.message, "zh"), p.hint && render(p.hint, "zh")])).toEqual([["未知的字段「cpa」", "是不是「cap」?"]]);
  });

  describe("calendar, deadlines, follow-ups, groups", () => {
    it("a weekday that names no day", () => {
      // line 5 is the requirement; "周八" (inside "[周八]" at 87) is column 88
      const text = `${KINDS}requirements:\n  - { id: tue, kinds: [observation], measure: count, minimum: 1, per: week, weekdays: [周八] }\n`;
      expect(problemsOf(["r.yaml", text])).toEqual(["r.yaml:5:88 schema: 'weekdays' is not valid: weekday: 1–7 (1 = Monday), 周一 … 周日, or mon … sun"]);
    });
    it("share needs a group or school subject", () => {
      expect(problemsOf(["r.yaml", `${KINDS}requirements:\n  - { id: n, kinds: [observation], measure: count, minimum: 1 }\n  - { id: s, share: n, minimum: 0.8 }\n`])).toEqual([
        "r.yaml:6:21 rule-requirement: 'share' (the share of teachers meeting a requirement) needs subject: group or school | e.g. '80% of teachers can …': subject: school, share: <requirement id>, minimum: 0.8",
      ]);
    });
    it("share names an undefined teacher requirement", () => {
      expect(problemsOf(["r.yaml", `${KINDS}requirements:\n  - { id: s, subject: school, share: narative, minimum: 0.8 }\n`])).toEqual([
        "r.yaml:5:38 rule-reference: teacher requirement 'narative' is not defined | no teacher requirements are defined yet: define one under 'requirements:'",
      ]);
    });
    it("a follow-up measure without its trigger, sessions for a teacher, late without due", () => {
      expect(problemsOf(["r.yaml", `${KINDS}requirements:
  - { id: a, kinds: [paper], measure: unanswered, maximum: 0 }
  - { id: b, kinds: [paper], measure: sessions, minimum: 1 }
  - { id: c, kinds: [paper], measure: late, maximum: 0 }
`])).toEqual([
        "r.yaml:5:39 rule-requirement: measure 'unanswered' goes with 'after' or 'before'",
        "r.yaml:6:39 rule-requirement: 'sessions' (sessions held) is for subject: group; a teacher's count is 'count'",
        "r.yaml:7:39 rule-requirement: 'late' (days past the deadline) goes with 'due'",
      ]);
    });
    it("an undefined trigger kind", () => {
      expect(problemsOf(["r.yaml", `${KINDS}requirements:\n  - { id: a, kinds: [paper], after: { kinds: [training], days: 30 }, maximum: 0 }\n`])).toEqual([
        "r.yaml:5:47 rule-reference: kind 'training' is not defined | defined: observation, paper",
      ]);
    });
    it("no categories at all: the hint names the list in plural English ('categories', never 'categorys')", () => {
      // "teching" starts at column 55 of line 5: "  - { id: x, kinds: [observation], each: 1, category: " is 54 characters
      const text = `${KINDS}items:\n  - { id: x, kinds: [observation], each: 1, category: teching }\n`;
      expect(problemsOf(["r.yaml", text])).toEqual([
        "r.yaml:5:55 rule-reference: category 'teching' is not defined | no categories are defined yet: define one under 'categories:'",
      ]);
    });
    it("a reference's messages in Chinese: what is undefined, then the closest id or where to define one", () => {
      const { source } = parseYaml("r.yaml", `${KINDS}items:\n  - { id: x, kinds: [observaton], each: 1, category: teching }\n`, "zh");
      const problems = mergeRuleSets([compileRuleFile(source).ruleSet]).problems;
      expect(problems.map((p) => [p.check, render(p.message, "zh"), p.hint && render(p.hint, "zh")])).toEqual([
        ["rule-reference", "活动类型「observaton」没有定义", "是不是「observation」?"],
        ["rule-reference", "类别「teching」没有定义", "还没有定义任何类别:先在 categories: 下定义"],
      ]);
      // The same problem carries the catalogue id and its data, so `--format json` keeps both.
      expect(problems.map((p) => [p.message, p.hint])).toEqual([
        [{ id: "rule-reference", data: { what: "kind", id: "observaton" } }, { id: "did-you-mean", data: { guess: "observation" } }],
        [{ id: "rule-reference", data: { what: "category", id: "teching" } }, { id: "rule-reference.hint-none", data: { what: "category", list: "categories:" } }],
      ]);
    });
    it("no kinds at all: the hint says where to define one, never a bare 'defined:'", () => {
      expect(problemsOf(["r.yaml", `items:\n  - { id: x, kinds: [talk], each: 1 }\n`])).toEqual([
        "r.yaml:2:22 rule-reference: kind 'talk' is not defined | no kinds are defined yet: define one under 'kinds:'",
      ]);
    });
  });

  describe("found while writing rules from scratch", () => {
    it("roles: [主备] is an activity role; roles: [young] an English id of 青年教师: both warned", () => {
      const text = `${KINDS}items:\n  - { id: a, kinds: [paper], each: 1, roles: [主备] }\n  - { id: b, kinds: [paper], each: 1, exceptRoles: [young] }\n`;
      expect(problemsOf(["r.yaml", text])).toEqual([
        "r.yaml:5:47 rule-role: '主备' is a role in an activity, not a teacher's roster role, so it never matches here | to filter by the role in the activity write activityRoles: [主备]",
        "r.yaml:6:53 rule-role: roster roles are written in Chinese: 'young' does not match '青年教师' | write '青年教师'",
      ]);
    });
    it("hours: true means hours: {}; attendance keys in Chinese", () => {
      const text = `kinds: [{ id: talk }, { id: s, session: true }]\nitems:\n  - { id: a, kinds: [talk], hours: true }\n  - { id: b, kinds: [s], each: 1, attendance: { 缺席: -1, 迟到: -0.5, forfeit: { 请假: 5 } } }\n`;
      expect(problemsOf(["r.yaml", text])).toEqual([]);
    });
    it("a table's role keys are listed in Chinese first", () => {
      const got = problemsOf(["r.yaml", `${KINDS}items:\n  - { id: a, kinds: [paper], table: { by: [role], values: { qqqqqqqqqq: 1 } } }\n`]);
      expect(got).toEqual(["r.yaml:5:61 rule-table: 'qqqqqqqqqq' is not a value the table can be keyed by | allowed: 主持, 参与, 主讲, 主备, lead, participant, speaker, main-preparer, default"]);
    });
  });
});
