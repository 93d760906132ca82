/**
 * One rule file → RuleSet. Schema problems come from zod (unknown keys with did-you-mean);
 * the checks here need several fields at once. References between definitions are checked
 * when the files are merged, since a module may name kinds another file defines.
 */
import type { Problem } from "../problem.js";
import { t, type Lang } from "../i18n.js";
import { positionOf, problemAt, type YamlPath, type YamlSource } from "../repo/yaml-source.js";
import { validate } from "../schema/zod-problems.js";
import { didYouMean } from "../schema/zod-problems.js";
import { ruleFileSchema, type ItemData, type RecordFilterData, type RequirementData } from "./schema.js";
import type { RecordFilter } from "./blocks/record-filter.js";
import { normalizeTable } from "./blocks/table.js";
import { tierIssues } from "./blocks/tiers.js";
import { isEmpty, lenientRuleFile, noSkipped, noteSkipped, type RawIndices } from "./lenient.js";
import type { CreditRule, ItemVersion, RequirementDef, RequirementTarget, RuleSet, TableDim, TableNode } from "./types.js";

/** The record-filter keys an item or requirement wrote (unset ones left out). */
function recordFilter(x: RecordFilterData): RecordFilter {
  const f: RecordFilter = {
    minWords: x.minWords,
    evidence: x.evidence === true ? [] : x.evidence,
    evidenceCount: x.evidenceCount,
    weeks: x.weeks,
    weekdays: x.weekdays,
    activityRoles: x.activityRoles,
    exceptActivityRoles: x.exceptActivityRoles,
    content: x.content,
    levels: x.levels,
    awards: x.awards,
  };
  for (const k of Object.keys(f) as (keyof RecordFilter)[]) if (f[k] === undefined) delete f[k];
  return f;
}

const CREDIT_KEYS = ["each", "table", "hours", "score", "tiers", "once", "covered"] as const;
/** Windows from the shortest; a `covered` item's sub-windows must be shorter than its own window. */
const WINDOW_ORDER = ["week", "fortnight", "month", "term", "year", "cycle"];

/**
 * A file that fails its schema still gives a RuleSet of its valid entries, marked partial by
 * `skipped` (see lenient.ts), so merge reports reference problems in the same run.
 */
export function compileRuleFile(src: YamlSource, lang: Lang): { ruleSet: RuleSet; problems: Problem[] } {
  const v = validate(src, ruleFileSchema, lang);
  const skipped = noSkipped();
  const lenient = v.data ? undefined : lenientRuleFile(src.data, skipped);
  const data = v.data ?? lenient!.data;
  // Positions of a partial file's entries: their place in the file, not among those kept.
  const entry = (list: keyof RawIndices, i: number) => [list, lenient?.indices[list][i] ?? i];
  const problems: Problem[] = [...v.problems];
  const at = (path: YamlPath, check: string, zh: string, en: string, hintZh?: string, hintEn?: string) =>
    problems.push(problemAt(src, path, check, t(lang, zh, en), hintZh ? t(lang, hintZh, hintEn ?? hintZh) : undefined));
  const where = (path: (string | number)[]) => ({ file: src.file, pos: positionOf(src, path), path });

  const m = data.scheme;
  if (m?.hoursPerCredit !== undefined && m.hoursPerCredit <= 0) {
    at(["scheme", "hoursPerCredit"], "rule-conversion", `换算比例不能为 ${m.hoursPerCredit}(会除以零)`,
      `the conversion rate cannot be ${m.hoursPerCredit} (it would divide by zero)`, "如广西 1学分=3学时,写 hoursPerCredit: 3", "e.g. Guangxi 1 credit = 3 hours: hoursPerCredit: 3");
  }
  const meta = m && {
    ...where(["scheme"]),
    id: m.id,
    name: m.name,
    nameEn: m.nameEn ?? m.id,
    unit: m.unit,
    hoursPerCredit: m.hoursPerCredit,
    period: m.period,
    approvedOnly: m.approvedOnly,
    failGrade: m.failGrade ? { label: m.failGrade.label, labelEn: m.failGrade.labelEn ?? m.failGrade.label } : { label: "不合格", labelEn: "fail" },
  };

  const items: ItemVersion[] = [];
  data.items.forEach((it, i) => {
    const path = entry("items", i);
    const credit = compileCredit(it, path);
    if (it.from && it.until && it.from > it.until) {
      at([...path, "until"], "rule-dates", `有效期结束(${it.until})早于开始(${it.from})`, `'until' (${it.until}) is before 'from' (${it.from})`);
    }
    if (it.shortfall !== undefined && !it.tiers) {
      at([...path, "shortfall"], "rule-shortfall", "shortfall(差额扣分)只能和 tiers(档次)一起用", "'shortfall' only works together with 'tiers'");
    }
    if (!credit) return noteSkipped(skipped, "items", it.id);
    items.push({
      ...where(path),
      id: it.id,
      label: it.label ?? it.id,
      labelEn: it.labelEn ?? it.id,
      category: it.category,
      kinds: it.kinds,
      from: it.from,
      until: it.until,
      credit,
      cap: it.cap,
      per: it.per,
      aggregate: it.aggregate,
      weight: it.weight,
      conditions: {
        ...recordFilter(it),
        statuses: it.statuses,
        roles: it.roles,
        exceptRoles: it.exceptRoles,
      },
      attendance: it.attendance,
      dedupe: it.dedupe,
    });
  });

  function compileCredit(it: ItemData, path: (string | number)[]): CreditRule | undefined {
    const present = CREDIT_KEYS.filter((k) => it[k] !== undefined);
    if (present.length === 0) {
      at(path, "rule-credit", `项目「${it.id}」没有写怎样计学时`, `item '${it.id}' does not say how it earns credit`,
        `加上其中一个:${CREDIT_KEYS.join("、")}`, `add one of: ${CREDIT_KEYS.join(", ")}`);
      return undefined;
    }
    if (present.length > 1) {
      problems.push(problemAt(src, [...path, present[1]!], "rule-credit",
        t(lang, `项目「${it.id}」同时写了 ${present.join(" 和 ")},只能有一种计法`, `item '${it.id}' has both ${present.join(" and ")}; it can have only one`),
        t(lang, "把另一种计法拆成单独的项目", "split the other one into an item of its own"), { onKey: true }));
      return undefined;
    }
    if (it.each !== undefined) return { type: "each", amount: it.each };
    if (it.score) return { type: "score", max: it.score.max, factor: it.score.factor };
    if (it.hours) {
      if (it.hours.hoursPerCredit !== undefined && it.hours.hoursPerCredit <= 0) {
        at([...path, "hours", "hoursPerCredit"], "rule-conversion", `换算比例不能为 ${it.hours.hoursPerCredit}(会除以零)`,
          `the conversion rate cannot be ${it.hours.hoursPerCredit} (it would divide by zero)`);
        return undefined;
      }
      return { type: "hours", factor: it.hours.factor, hoursPerCredit: it.hours.hoursPerCredit };
    }
    if (it.tiers) {
      for (const issue of tierIssues(it.tiers)) {
        if (issue.kind === "empty") at([...path, "tiers"], "rule-tiers", "档次列表是空的", "the tier list is empty", "至少写一档,如 - { atLeast: 10, credit: 5 }", "write at least one tier, e.g. - { atLeast: 10, credit: 5 }");
        else at([...path, "tiers", issue.index!], "rule-tiers", "档次没有递增:每一档的 atLeast 和 credit 都要比上一档大", "the tiers do not increase: each tier needs a larger atLeast and credit than the one before");
      }
      if (tierIssues(it.tiers).length > 0) return undefined;
      return { type: "tiers", tiers: it.tiers, shortfall: it.shortfall };
    }
    if (it.once) {
      if (it.once.anyOf.length === 0) {
        at([...path, "once", "anyOf"], "rule-once", "anyOf 是空的,这一项永远拿不到学时", "'anyOf' is empty, so the item can never be earned");
        return undefined;
      }
      return { type: "once", credit: it.once.credit, anyOf: it.once.anyOf };
    }
    if (it.covered) {
      const per = it.per ?? m?.period;
      if (per && WINDOW_ORDER.indexOf(it.covered.per) >= WINDOW_ORDER.indexOf(per)) {
        at([...path, "covered", "per"], "rule-covered", `covered 的 per(${it.covered.per})要比项目的时段(${per})短,否则没有可覆盖的`,
          `covered's 'per' (${it.covered.per}) must be shorter than the item's window (${per})`,
          "如「两学期各一节」写项目 per: year,covered: { per: term, atLeast: 1, credit: 10 }", "e.g. one in each term: the item per: year, covered: { per: term, atLeast: 1, credit: 10 }");
        return undefined;
      }
      return { type: "covered", per: it.covered.per, atLeast: it.covered.atLeast, credit: it.covered.credit };
    }
    const table = it.table!;
    const norm = normalizeTable(table.by as TableDim[], table.values as TableNode);
    for (const issue of norm.issues) {
      const p = [...path, "table", "values", ...issue.path];
      if (issue.kind === "unknown-key") {
        const guess = didYouMean(issue.key!, issue.allowed!);
        problems.push(problemAt(src, p, "rule-table", t(lang, `表里的「${issue.key}」不是可用的取值`, `'${issue.key}' is not a value the table can be keyed by`),
          guess ? t(lang, `是不是「${guess}」?`, `did you mean '${guess}'?`) : t(lang, `可用的值:${issue.allowed!.join("、")}`, `allowed: ${issue.allowed!.join(", ")}`), { onKey: true }));
      } else {
        at(p, "rule-table", `表的层数比 by(${table.by.join("、")})多`, `the table is nested deeper than 'by' (${table.by.join(", ")})`);
      }
    }
    if (norm.issues.length > 0) return undefined;
    return { type: "table", by: table.by as TableDim[], values: norm.values };
  }

  const requirements: RequirementDef[] = [];
  data.requirements.forEach((r, i) => {
    const path = entry("requirements", i);
    const target = compileTarget(r, path);
    if (r.minimum === undefined && r.maximum === undefined && r.byRole.length === 0) {
      at(path, "rule-requirement", `要求「${r.id}」没有写 minimum 或 maximum`, `requirement '${r.id}' has neither 'minimum' nor 'maximum'`);
      return;
    }
    if (r.minimum !== undefined && r.maximum !== undefined && r.minimum > r.maximum) {
      at([...path, "maximum"], "rule-requirement", `maximum(${r.maximum})小于 minimum(${r.minimum})`, `'maximum' (${r.maximum}) is below 'minimum' (${r.minimum})`);
      return;
    }
    if (r.from && r.until && r.from > r.until) {
      at([...path, "until"], "rule-dates", `有效期结束(${r.until})早于开始(${r.from})`, `'until' (${r.until}) is before 'from' (${r.from})`);
    }
    if (!target) return;
    requirements.push({
      ...where(path),
      id: r.id,
      label: r.label ?? r.id,
      labelEn: r.labelEn ?? r.id,
      per: r.per,
      from: r.from,
      until: r.until,
      target,
      subject: r.subject,
      ...(r.groupTypes ? { groupTypes: r.groupTypes.map((x) => (x === "teaching-research" ? "教研组" : x === "lesson-prep" ? "备课组" : x)) } : {}),
      filter: recordFilter(r),
      ...(r.due ? { due: r.due } : {}),
      minimum: r.minimum,
      maximum: r.maximum,
      byRole: r.byRole,
      roles: r.roles,
      exceptRoles: r.exceptRoles,
      substitutes: r.substitutes,
    });
  });

  function compileTarget(r: RequirementData, path: (string | number)[]): RequirementTarget | undefined {
    const present = (["total", "category", "item", "kinds", "share"] as const).filter((k) => r[k] !== undefined);
    if (present.length !== 1) {
      at(path, "rule-requirement",
        present.length === 0 ? `要求「${r.id}」没有说要求什么` : `要求「${r.id}」同时写了 ${present.join("、")}`,
        present.length === 0 ? `requirement '${r.id}' does not say what it requires` : `requirement '${r.id}' names ${present.join(", ")} at once`,
        "只写其中一个:total: true、category、item、kinds 或 share", "write exactly one of total: true, category, item, kinds or share");
      return undefined;
    }
    const collective = r.subject !== "teacher";
    if (r.share) {
      if (!collective) {
        at([...path, "share"], "rule-requirement", "share(达到要求的教师比例)只用于 subject: group 或 school", "'share' (the share of teachers meeting a requirement) needs subject: group or school",
          "如「80%教师能够……」写 subject: school, share: 要求id, minimum: 0.8", "e.g. '80% of teachers can …': subject: school, share: <requirement id>, minimum: 0.8");
        return undefined;
      }
      return { type: "share", requirement: r.share };
    }
    if (collective && !r.kinds) {
      at([...path, "subject"], "rule-requirement", `${r.subject === "group" ? "教研组" : "学校"}没有学时,只能按活动(kinds)或教师比例(share)要求`,
        `a ${r.subject} has no credit of its own: require kinds (sessions it holds) or a share of teachers`);
      return undefined;
    }
    if (r.subject === "school" && r.kinds) {
      at([...path, "subject"], "rule-requirement", "学校一级的要求写成 share(教师比例);各组的活动次数写 subject: group", "a school requirement is a share of teachers; sessions a group holds are subject: group");
      return undefined;
    }
    if (r.kinds) {
      if (r.after && r.before) {
        at([...path, "before"], "rule-requirement", "after 和 before 只能写一个", "write 'after' or 'before', not both");
        return undefined;
      }
      const followUp = r.after ? { direction: "after" as const, ...r.after } : r.before ? { direction: "before" as const, ...r.before } : undefined;
      if (r.stage && followUp) {
        at([...path, "stage"], "rule-requirement", "stage 和 after/before 只能写一个", "write 'stage' or 'after'/'before', not both");
        return undefined;
      }
      if (r.stage && r.stage.from !== undefined && r.stage.from === r.stage.reach) {
        at([...path, "stage", "from"], "rule-requirement", "from 和 reach 是同一个阶段", "'from' and 'reach' name the same stage",
          "如「立项后一年内中期检查」写 reach: 中期检查, from: 立项", "e.g. a midterm review within a year of approval: reach: 中期检查, from: 立项");
        return undefined;
      }
      const measure = r.measure ?? (followUp ? "unanswered" : r.stage ? "overdue" : undefined);
      if (!measure) {
        at(path, "rule-requirement", `要求「${r.id}」按活动类型计,要写 measure(count、words、hours、absences、missed、evidence、late${collective ? "、sessions" : ""})`,
          `requirement '${r.id}' counts kinds, so it needs 'measure' (count, words, hours, absences, missed, evidence, late${collective ? ", sessions" : ""})`);
        return undefined;
      }
      const bad = (zh: string, en: string) => (at([...path, "measure"], "rule-requirement", zh, en), undefined);
      if ((measure === "unanswered") !== !!followUp) return bad("measure: unanswered 要和 after 或 before 一起写", "measure 'unanswered' goes with 'after' or 'before'");
      if ((measure === "overdue") !== !!r.stage) return bad("measure: overdue(逾期的课题)要和 stage 一起写", "measure 'overdue' (projects past a stage's deadline) goes with 'stage'");
      if (measure === "overdue" && collective) return bad("课题阶段的要求是教师个人的,不写 subject", "a stage requirement holds each teacher; leave out 'subject'");
      if (measure === "sessions" && !collective) return bad("sessions(活动次数)只用于 subject: group;教师个人写 count", "'sessions' (sessions held) is for subject: group; a teacher's count is 'count'");
      if (measure === "late" && !r.due) return bad("late(逾期天数)要和 due(截止)一起写", "'late' (days past the deadline) goes with 'due'");
      if (collective && !["sessions", "count", "evidence", "late"].includes(measure)) return bad("教研组的要求只能计 sessions、count、evidence 或 late", "a group requirement measures sessions, count, evidence or late");
      if (r.makeUpDays !== undefined && measure !== "missed") return bad("makeUpDays 只用于 measure: missed", "'makeUpDays' only applies to measure 'missed'");
      return { type: "kinds", kinds: r.kinds, measure, makeUp: r.makeUp, makeUpDays: r.makeUpDays, followUp, ...(r.stage ? { stage: r.stage } : {}) };
    }
    if (r.measure) at([...path, "measure"], "rule-requirement", "measure 只用于 kinds 要求", "'measure' only applies to a kinds requirement");
    if (r.total) return { type: "total" };
    if (r.category) return { type: "category", id: r.category };
    return { type: "item", id: r.item! };
  }

  const ruleSet: RuleSet = {
    file: src.file,
    source: src,
    meta,
    kinds: data.kinds.map((k, i) => ({
      ...where(entry("kinds", i)),
      id: k.id,
      label: k.label ?? k.id,
      labelEn: k.labelEn ?? k.id,
      fields: k.fields,
      ...(k.session ? { session: true } : {}),
      ...(k.leadRole ? { leadRole: k.leadRole } : {}),
      ...(k.stages ? { stages: k.stages } : {}),
    })),
    categories: data.categories.map((c, i) => ({
      ...where(entry("categories", i)),
      id: c.id,
      label: c.label ?? c.id,
      labelEn: c.labelEn ?? c.id,
      parent: c.parent,
      cap: c.cap,
      per: c.per,
      weight: c.weight,
    })),
    items,
    requirements,
    grades: data.grades.map((g, i) => ({
      ...where(entry("grades", i)),
      id: g.id,
      label: g.label ?? g.id,
      labelEn: g.labelEn ?? g.id,
      minTotal: g.minTotal,
      allRequirements: g.allRequirements,
    })),
    ...(v.data && isEmpty(skipped) ? {} : { skipped }),
  };
  return { ruleSet, problems };
}
