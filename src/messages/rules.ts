/**
 * Messages of the rule files (src/rules): what one file gets wrong on its own (compile.ts) and
 * what only the merged rules can tell (merge.ts). docs/rules.md describes each rule- check.
 */
import { defineMessages } from "./catalogue.js";

/** What a rule file defines, as a reference or a duplicate names it. */
export type DefinedWhat = "kind" | "category" | "item" | "grade" | "teacher-requirement";
const DEFINED_ZH: Record<DefinedWhat, string> = { kind: "活动类型", category: "类别", item: "项目", grade: "等级", "teacher-requirement": "教师要求" };
const DEFINED_EN: Record<DefinedWhat, string> = { kind: "kind", category: "category", item: "item", grade: "grade", "teacher-requirement": "teacher requirement" };
const DEFINED_EN_PLURAL: Record<DefinedWhat, string> = { kind: "kinds", category: "categories", item: "items", grade: "grades", "teacher-requirement": "teacher requirements" };

/** A vocabulary word in both languages (a project stage). */
type Word = { zh: string; en: string };

export const ruleMessages = defineMessages({
  "rule-conversion": {
    example: { rate: 0 },
    zh: (d) => `换算比例不能为 ${d.rate}(会除以零)`,
    en: (d) => `the conversion rate cannot be ${d.rate} (it would divide by zero)`,
  },
  "rule-conversion.hint-rate": {
    example: {},
    zh: () => "如广西 1学分=3学时,写 hoursPerCredit: 3",
    en: () => "e.g. Guangxi 1 credit = 3 hours: hoursPerCredit: 3",
  },
  "rule-conversion.no-rate": {
    example: { item: "training" },
    zh: (d) => `学分制方案没有写换算比例,「${d.item}」的学时无法换算成学分`,
    en: (d) => `the scheme counts credits but gives no conversion rate, so '${d.item}' cannot turn hours into credits`,
  },
  "rule-conversion.hint-no-rate": {
    example: {},
    zh: () => "在 scheme 里写 hoursPerCredit(如 3),或在这一项写 hours: { hoursPerCredit: 3 }",
    en: () => "add hoursPerCredit to the scheme (e.g. 3), or hours: { hoursPerCredit: 3 } to this item",
  },
  "rule-dates": {
    example: { from: "2026-09-01", until: "2025-08-31" },
    zh: (d) => `有效期结束(${d.until})早于开始(${d.from})`,
    en: (d) => `'until' (${d.until}) is before 'from' (${d.from})`,
  },
  "rule-shortfall": {
    example: {},
    zh: () => "shortfall(差额扣分)只能和 tiers(档次)一起用",
    en: () => "'shortfall' only works together with 'tiers'",
  },
  "rule-credit": {
    example: { item: "observation" },
    zh: (d) => `项目「${d.item}」没有写怎样计学时`,
    en: (d) => `item '${d.item}' does not say how it earns credit`,
  },
  "rule-credit.hint-one-of": {
    example: { keys: ["each", "table", "hours", "score", "tiers", "once", "covered"] },
    zh: (d) => `加上其中一个:${d.keys.join("、")}`,
    en: (d) => `add one of: ${d.keys.join(", ")}`,
  },
  "rule-credit.both": {
    example: { item: "observation", keys: ["each", "table"] },
    zh: (d) => `项目「${d.item}」同时写了 ${d.keys.join(" 和 ")},只能有一种计法`,
    en: (d) => `item '${d.item}' has both ${d.keys.join(" and ")}; it can have only one`,
  },
  "rule-credit.hint-split": {
    example: {},
    zh: () => "把另一种计法拆成单独的项目",
    en: () => "split the other one into an item of its own",
  },
  "rule-tiers": {
    example: {},
    zh: () => "档次没有递增:每一档的 atLeast 和 credit 都要比上一档大",
    en: () => "the tiers do not increase: each tier needs a larger atLeast and credit than the one before",
  },
  "rule-tiers.empty": {
    example: {},
    zh: () => "档次列表是空的",
    en: () => "the tier list is empty",
  },
  "rule-tiers.hint-empty": {
    example: {},
    zh: () => "至少写一档,如 - { atLeast: 10, credit: 5 }",
    en: () => "write at least one tier, e.g. - { atLeast: 10, credit: 5 }",
  },
  "rule-once": {
    example: {},
    zh: () => "anyOf 是空的,这一项永远拿不到学时",
    en: () => "'anyOf' is empty, so the item can never be earned",
  },
  "rule-covered": {
    example: { per: "year", window: "year" },
    zh: (d) => `covered 的 per(${d.per})要比项目的时段(${d.window})短,否则没有可覆盖的`,
    en: (d) => `covered's 'per' (${d.per}) must be shorter than the item's window (${d.window})`,
  },
  "rule-covered.hint": {
    example: {},
    zh: () => "如「两学期各一节」写项目 per: year,covered: { per: term, atLeast: 1, credit: 10 }",
    en: () => "e.g. one in each term: the item per: year, covered: { per: term, atLeast: 1, credit: 10 }",
  },
  "rule-table": {
    example: { key: "provnce" },
    zh: (d) => `表里的「${d.key}」不是可用的取值`,
    en: (d) => `'${d.key}' is not a value the table can be keyed by`,
  },
  "rule-table.hint-list": {
    example: { values: ["school", "district", "city", "province"] },
    zh: (d) => `可用的值:${d.values.join("、")}`,
    en: (d) => `allowed: ${d.values.join(", ")}`,
  },
  "rule-table.depth": {
    example: { by: ["level", "award"] },
    zh: (d) => `表的层数比 by(${d.by.join("、")})多`,
    en: (d) => `the table is nested deeper than 'by' (${d.by.join(", ")})`,
  },
  "rule-requirement.no-bound": {
    example: { requirement: "observe" },
    zh: (d) => `要求「${d.requirement}」没有写 minimum 或 maximum`,
    en: (d) => `requirement '${d.requirement}' has neither 'minimum' nor 'maximum'`,
  },
  "rule-requirement.max-below-min": {
    example: { minimum: 10, maximum: 5 },
    zh: (d) => `maximum(${d.maximum})小于 minimum(${d.minimum})`,
    en: (d) => `'maximum' (${d.maximum}) is below 'minimum' (${d.minimum})`,
  },
  "rule-requirement.no-target": {
    example: { requirement: "observe" },
    zh: (d) => `要求「${d.requirement}」没有说要求什么`,
    en: (d) => `requirement '${d.requirement}' does not say what it requires`,
  },
  "rule-requirement.targets": {
    example: { requirement: "observe", keys: ["total", "kinds"] },
    zh: (d) => `要求「${d.requirement}」同时写了 ${d.keys.join("、")}`,
    en: (d) => `requirement '${d.requirement}' names ${d.keys.join(", ")} at once`,
  },
  "rule-requirement.hint-one-target": {
    example: {},
    zh: () => "只写其中一个:total: true、category、item、kinds 或 share",
    en: () => "write exactly one of total: true, category, item, kinds or share",
  },
  "rule-requirement.share-subject": {
    example: {},
    zh: () => "share(达到要求的教师比例)只用于 subject: group 或 school",
    en: () => "'share' (the share of teachers meeting a requirement) needs subject: group or school",
  },
  "rule-requirement.hint-share": {
    example: {},
    zh: () => "如「80%教师能够……」写 subject: school, share: 要求id, minimum: 0.8",
    en: () => "e.g. '80% of teachers can …': subject: school, share: <requirement id>, minimum: 0.8",
  },
  "rule-requirement.collective-credit": {
    example: { subject: "group" as "group" | "school" },
    zh: (d) => `${d.subject === "group" ? "教研组" : "学校"}没有学时,只能按活动(kinds)或教师比例(share)要求`,
    en: (d) => `a ${d.subject} has no credit of its own: require kinds (sessions it holds) or a share of teachers`,
  },
  "rule-requirement.school-kinds": {
    example: {},
    zh: () => "学校一级的要求写成 share(教师比例);各组的活动次数写 subject: group",
    en: () => "a school requirement is a share of teachers; sessions a group holds are subject: group",
  },
  "rule-requirement.after-before": {
    example: {},
    zh: () => "after 和 before 只能写一个",
    en: () => "write 'after' or 'before', not both",
  },
  "rule-requirement.stage-follow-up": {
    example: {},
    zh: () => "stage 和 after/before 只能写一个",
    en: () => "write 'stage' or 'after'/'before', not both",
  },
  "rule-requirement.same-stage": {
    example: {},
    zh: () => "from 和 reach 是同一个阶段",
    en: () => "'from' and 'reach' name the same stage",
  },
  "rule-requirement.hint-stage": {
    example: {},
    zh: () => "如「立项后一年内中期检查」写 reach: 中期检查, from: 立项",
    en: () => "e.g. a midterm review within a year of approval: reach: midterm, from: approved",
  },
  "rule-requirement.no-measure": {
    example: { requirement: "observe", collective: false },
    zh: (d) => `要求「${d.requirement}」按活动类型计,要写 measure(count、words、hours、absences、missed、evidence、late${d.collective ? "、sessions" : ""})`,
    en: (d) => `requirement '${d.requirement}' counts kinds, so it needs 'measure' (count, words, hours, absences, missed, evidence, late${d.collective ? ", sessions" : ""})`,
  },
  "rule-requirement.unanswered": {
    example: {},
    zh: () => "measure: unanswered 要和 after 或 before 一起写",
    en: () => "measure 'unanswered' goes with 'after' or 'before'",
  },
  "rule-requirement.overdue": {
    example: {},
    zh: () => "measure: overdue(逾期的课题)要和 stage 一起写",
    en: () => "measure 'overdue' (projects past a stage's deadline) goes with 'stage'",
  },
  "rule-requirement.overdue-subject": {
    example: {},
    zh: () => "课题阶段的要求是教师个人的,不写 subject",
    en: () => "a stage requirement holds each teacher; leave out 'subject'",
  },
  "rule-requirement.sessions": {
    example: {},
    zh: () => "sessions(活动次数)只用于 subject: group;教师个人写 count",
    en: () => "'sessions' (sessions held) is for subject: group; a teacher's count is 'count'",
  },
  "rule-requirement.late": {
    example: {},
    zh: () => "late(逾期天数)要和 due(截止)一起写",
    en: () => "'late' (days past the deadline) goes with 'due'",
  },
  "rule-requirement.group-measure": {
    example: {},
    zh: () => "教研组的要求只能计 sessions、count、evidence 或 late",
    en: () => "a group requirement measures sessions, count, evidence or late",
  },
  "rule-requirement.make-up-days": {
    example: {},
    zh: () => "makeUpDays 只用于 measure: missed",
    en: () => "'makeUpDays' only applies to measure 'missed'",
  },
  "rule-requirement.measure-kinds": {
    example: {},
    zh: () => "measure 只用于 kinds 要求",
    en: () => "'measure' only applies to a kinds requirement",
  },
  "rule-duplicate": {
    example: { what: "kind" as DefinedWhat, id: "observation", at: "rules/base.yaml:4" },
    zh: (d) => `${DEFINED_ZH[d.what]}「${d.id}」已在 ${d.at} 定义过`,
    en: (d) => `${DEFINED_EN[d.what]} '${d.id}' is already defined at ${d.at}`,
  },
  "rule-duplicate.scheme": {
    example: { at: "rules/base.yaml:1" },
    zh: (d) => `方案信息(scheme)已在 ${d.at} 写过,一套规则只能有一个`,
    en: (d) => `the scheme is already described at ${d.at}; only one file may describe it`,
  },
  "rule-overlap": {
    example: { item: "observation", at: "rules/base.yaml:12" },
    zh: (d) => `项目「${d.item}」的这个版本与 ${d.at} 的版本有效期重叠`,
    en: (d) => `this version of item '${d.item}' overlaps the one at ${d.at}`,
  },
  "rule-overlap.hint": {
    example: {},
    zh: () => "用 from/until 让各版本首尾相接、互不重叠",
    en: () => "give the versions from/until dates that follow on without overlapping",
  },
  "rule-overlap.requirement": {
    example: { requirement: "observe", at: "rules/base.yaml:30" },
    zh: (d) => `要求「${d.requirement}」与 ${d.at} 的同名要求有效期重叠`,
    en: (d) => `requirement '${d.requirement}' overlaps the one at ${d.at}`,
  },
  "rule-reference": {
    example: { what: "kind" as DefinedWhat, id: "observaton" },
    zh: (d) => `${DEFINED_ZH[d.what]}「${d.id}」没有定义`,
    en: (d) => `${DEFINED_EN[d.what]} '${d.id}' is not defined`,
  },
  "rule-reference.hint-defined": {
    example: { ids: ["observation", "paper"] },
    zh: (d) => `可用的:${d.ids.join("、")}`,
    en: (d) => `defined: ${d.ids.join(", ")}`,
  },
  "rule-reference.hint-none": {
    example: { what: "category" as DefinedWhat, list: "categories:" },
    zh: (d) => `还没有定义任何${DEFINED_ZH[d.what]}:先在 ${d.list} 下定义`,
    en: (d) => `no ${DEFINED_EN_PLURAL[d.what]} are defined yet: define one under '${d.list}'`,
  },
  "rule-reference.stage": {
    example: { stage: { zh: "中期检查", en: "midterm review" } as Word },
    zh: (d) => `课题阶段「${d.stage.zh}」不在这一类型的 stages 里`,
    en: (d) => `stage '${d.stage.en}' is not among the kind's stages`,
  },
  "rule-reference.hint-stages": {
    example: { stages: [{ zh: "立项", en: "approved" }, { zh: "结题", en: "concluded" }] as Word[] },
    zh: (d) => `这一类型的阶段:${d.stages.map((s) => s.zh).join("、")}`,
    en: (d) => `the kind's stages: ${d.stages.map((s) => s.en).join(", ")}`,
  },
  "rule-role": {
    example: { role: "key", zh: "骨干教师" },
    zh: (d) => `花名册里的角色写中文,「${d.role}」匹配不到「${d.zh}」`,
    en: (d) => `roster roles are written in Chinese: '${d.role}' does not match '${d.zh}'`,
  },
  "rule-role.hint-write": {
    example: { zh: "骨干教师" },
    zh: (d) => `改成「${d.zh}」`,
    en: (d) => `write '${d.zh}'`,
  },
  "rule-role.activity": {
    example: { role: "主持" },
    zh: (d) => `「${d.role}」是活动中的角色,不是花名册里教师的角色,这里永远匹配不到`,
    en: (d) => `'${d.role}' is a role in an activity, not a teacher's roster role, so it never matches here`,
  },
  "rule-role.hint-activity": {
    example: { key: "activityRoles", role: "主持" },
    zh: (d) => `按活动中的角色筛选写 ${d.key}: [${d.role}]`,
    en: (d) => `to filter by the role in the activity write ${d.key}: [${d.role}]`,
  },
  "rule-cycle": {
    example: { cycle: ["teaching", "research", "teaching"] },
    zh: (d) => `类别形成了循环:${d.cycle.join(" → ")}`,
    en: (d) => `the categories form a cycle: ${d.cycle.join(" → ")}`,
  },
  "rule-cap-floor": {
    example: { minimum: 12, at: "rules/base.yaml:20", cap: 10 },
    zh: (d) => `要求至少 ${d.minimum},但 ${d.at} 的上限只有 ${d.cap},永远达不到`,
    en: (d) => `requires at least ${d.minimum}, but the cap at ${d.at} is only ${d.cap}, so it can never be met`,
  },
});
