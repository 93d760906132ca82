/** Helpers for tests: a scheme from YAML text, a calendar, activities in a few words. */
import type { Activity, Config, Dataset, Teacher } from "../model.js";
import { render } from "../messages/index.js";
import { parseYaml } from "../repo/yaml-source.js";
import { compileRuleFile, mergeRuleSets } from "../rules/load.js";
import type { Scheme } from "../rules/types.js";

export function schemeOf(...texts: string[]): Scheme {
  const sets = texts.map((text, i) => {
    const { source, problems } = parseYaml(`rules/r${i}.yaml`, text, "en");
    const c = compileRuleFile(source);
    const all = [...problems, ...c.problems];
    if (all.length || !c.ruleSet) throw new Error(all.map((p) => `${p.line}:${p.column} ${render(p.message, "en")}`).join("\n"));
    return c.ruleSet;
  });
  const m = mergeRuleSets(sets);
  if (m.problems.length) throw new Error(m.problems.map((p) => render(p.message, "en")).join("\n"));
  return m.scheme;
}

/** 2015-2016 and 2016-2017, each with an autumn and a spring term; cycle over both. */
export const CONFIG: Config = {
  file: "yanxiu.yaml",
  school: "测试小学",
  lang: "zh",
  rules: [],
  years: [2015, 2016].map((y) => ({
    id: `${y}-${y + 1}`,
    name: `${y}-${y + 1}`,
    start: `${y}-09-01`,
    end: `${y + 1}-08-31`,
    terms: [
      { id: `${y}-autumn`, name: `${y}秋`, start: `${y}-09-01`, end: `${y + 1}-01-31`, year: `${y}-${y + 1}` },
      { id: `${y + 1}-spring`, name: `${y + 1}春`, start: `${y + 1}-02-01`, end: `${y + 1}-08-31`, year: `${y}-${y + 1}` },
    ],
  })),
  cycle: { id: "c1", name: "c1", start: "2015-09-01", end: "2017-08-31" },
  checks: {},
};

export function teacher(id: string, roles: string[] = [], groups: string[] = ["math"], name = id): Teacher {
  return { id, name, groups, roles: roles.map((role) => ({ role })), emails: [], line: 1 };
}

let line = 0;
export function act(teacherId: string, date: string, kind: string, more: Partial<Activity> = {}): Activity {
  line++;
  return { teacher: teacherId, date, kind, title: `${kind} ${line}`, count: 1, evidence: [], origin: { file: `records/${teacherId}.yaml`, line, index: line }, ...more };
}

export function dataset(teachers: Teacher[], activities: Activity[], groups = [{ id: "math", name: "数学组", type: "教研组" }]): Dataset {
  return { config: CONFIG, roster: { file: "roster.yaml", teachers, groups }, activities };
}
