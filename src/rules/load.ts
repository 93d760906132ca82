/** Entry points for the loader and `yanxiu check`: compile one rule file, merge several into a scheme. */
export { compileRuleFile } from "./compile.js";
export { mergeRuleSets } from "./merge.js";
export type { KindDef, RuleSet, Scheme } from "./types.js";
