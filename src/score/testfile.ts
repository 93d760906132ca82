/** Run one rules/*.test.yaml file from disk: compile its rule files, then every case. */
import { dirname, join, relative } from "node:path";
import type { Problem } from "../problem.js";
import type { Lang } from "../i18n.js";
import { readYamlFile } from "../repo/read.js";
import { validate } from "../schema/zod-problems.js";
import { compileRuleFile } from "../rules/compile.js";
import { mergeRuleSets } from "../rules/merge.js";
import { runCase, testConfig, testFileSchema, type CaseResult } from "./testcases.js";
import type { RuleSet } from "../rules/types.js";

export interface TestFileResult {
  file: string;
  problems: Problem[];
  cases: CaseResult[];
}

/** `file` is relative to `root`; rule files are relative to the test file. */
export function runTestFile(root: string, file: string, lang: Lang): TestFileResult {
  const read = readYamlFile(root, file, lang);
  if (!read.source || read.problems.length) return { file, problems: read.problems, cases: [] };
  const v = validate(read.source, testFileSchema);
  if (!v.data) return { file, problems: v.problems, cases: [] };
  const problems: Problem[] = [];
  const sets: RuleSet[] = [];
  let unreadable = false;
  for (const rf of v.data.rules) {
    const path = relative(root, join(root, dirname(file), rf)).split("\\").join("/");
    const r = readYamlFile(root, path, lang);
    problems.push(...r.problems);
    if (!r.source || r.problems.length) {
      unreadable = true;
      continue;
    }
    const c = compileRuleFile(r.source);
    problems.push(...c.problems);
    sets.push(c.ruleSet);
  }
  // Rule files with errors still merge (partially), so every problem shows in one run; without
  // an unreadable file, whose definitions nobody knows, every merge problem is a real one.
  const merged = mergeRuleSets(sets);
  if (!unreadable) problems.push(...merged.problems);
  if (problems.length) return { file, problems, cases: [] };
  const config = testConfig(v.data);
  const cases = v.data.cases.map((c, i) => {
    const { result: _r, ...res } = runCase(merged.scheme, config, c, read.source!, i, lang);
    return res;
  });
  return { file, problems, cases };
}
