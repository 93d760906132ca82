/** Synthetic school repositories for examples, tests and benchmarks. */
export {
  schoolFiles, generateSchool, districtFiles, emptyStats, configText, rosterText,
  type SchoolFile, type SchoolOptions, type SchoolStats,
} from "./generate.js";
export { buildPlan, buildYears } from "./plan.js";
export type { SchoolPlan } from "./plan-types.js";
export { writeSchool, cleanGenerated } from "./write.js";
export { Rng, hash32 } from "./prng.js";

import type { SchoolOptions } from "./plan-types.js";

/** The options examples/demo-school is generated with. Changing them changes the committed example. */
export const DEMO_SCHOOL: SchoolOptions = {
  seed: 20250901,
  teachers: 26,
  groups: 5,
  activitiesPerTeacherPerTerm: 12,
  years: ["2025-2026"],
  schoolName: "明德实验学校",
  district: "江北区",
  emailDomain: "mdsy.edu.cn",
  asOf: "2026-11-23",
  prepGroups: 2,
  sessionsPerGroupPerTerm: 6,
};
