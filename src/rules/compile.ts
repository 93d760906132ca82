/**
 * One rule file → RuleSet. Schema problems come from zod (unknown keys with did-you-mean);
 * the checks here need several fields at once. References between definitions are checked
 * when the files are merged, since a module may name kinds another file defines.
 */
import type { Msg, Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { positionOf, problemAt, type YamlPath, type YamlSource } from "../repo/yaml-source.js";
import { validate } from "../schema/zod-problems.js";
import { didYouMean } from "../did-you-mean.js";
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
export function compileRuleFile(src: YamlSource): { ruleSet: RuleSet; problems: Problem[] } {
  const v = validate(src, ruleFileSchema);
  const skipped = noSkipped();
  const lenient = v.data ? undefined : lenientRuleFile(src.data, skipped);
  const data = v.data ?? lenient!.data;
  // Positions of a partial file's entries: their place in the file, not among those kept.
  const entry = (list: keyof RawIndices, i: number) => [list, lenient?.indices[list][i] ?? i];
  const problems: Problem[] = [...v.problems];
  const at = (path: YamlPath, check: string, message: Msg, hint?: Msg) => problems.push(problemAt(src, path, check, message, hint));
  const where = (path: (string | number)[]) => ({ file: src.file, pos: positionOf(src, path), path });

  const m = data.scheme;
  if (m?.hoursPerCredit !== undefined && m.hoursPerCredit <= 0) {
    at(["scheme", "hoursPerCredit"], "rule-conversion", msg("rule-conversion", { rate: m.hoursPerCredit }), msg("rule-conversion.hint-rate"));
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
      at([...path, "until"], "rule-dates", msg("rule-dates", { from: it.from, until: it.until }));
    }
    if (it.shortfall !== undefined && !it.tiers) {
      at([...path, "shortfall"], "rule-shortfall", msg("rule-shortfall"));
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
      at(path, "rule-credit", msg("rule-credit", { item: it.id }), msg("rule-credit.hint-one-of", { keys: [...CREDIT_KEYS] }));
      return undefined;
    }
    if (present.length > 1) {
      problems.push(problemAt(src, [...path, present[1]!], "rule-credit",
        msg("rule-credit.both", { item: it.id, keys: present }), msg("rule-credit.hint-split"), { onKey: true }));
      return undefined;
    }
    if (it.each !== undefined) return { type: "each", amount: it.each };
    if (it.score) return { type: "score", max: it.score.max, factor: it.score.factor };
    if (it.hours) {
      if (it.hours.hoursPerCredit !== undefined && it.hours.hoursPerCredit <= 0) {
        at([...path, "hours", "hoursPerCredit"], "rule-conversion", msg("rule-conversion", { rate: it.hours.hoursPerCredit }));
        return undefined;
      }
      return { type: "hours", factor: it.hours.factor, hoursPerCredit: it.hours.hoursPerCredit };
    }
    if (it.tiers) {
      for (const issue of tierIssues(it.tiers)) {
        if (issue.kind === "empty") at([...path, "tiers"], "rule-tiers", msg("rule-tiers.empty"), msg("rule-tiers.hint-empty"));
        else at([...path, "tiers", issue.index!], "rule-tiers", msg("rule-tiers"));
      }
      if (tierIssues(it.tiers).length > 0) return undefined;
      return { type: "tiers", tiers: it.tiers, shortfall: it.shortfall };
    }
    if (it.once) {
      if (it.once.anyOf.length === 0) {
        at([...path, "once", "anyOf"], "rule-once", msg("rule-once"));
        return undefined;
      }
      return { type: "once", credit: it.once.credit, anyOf: it.once.anyOf };
    }
    if (it.covered) {
      const per = it.per ?? m?.period;
      if (per && WINDOW_ORDER.indexOf(it.covered.per) >= WINDOW_ORDER.indexOf(per)) {
        at([...path, "covered", "per"], "rule-covered", msg("rule-covered", { per: it.covered.per, window: per }), msg("rule-covered.hint"));
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
        problems.push(problemAt(src, p, "rule-table", msg("rule-table", { key: issue.key! }),
          guess ? msg("did-you-mean", { guess }) : msg("rule-table.hint-list", { values: issue.allowed! }), { onKey: true }));
      } else {
        at(p, "rule-table", msg("rule-table.depth", { by: table.by }));
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
      at(path, "rule-requirement", msg("rule-requirement.no-bound", { requirement: r.id }));
      return;
    }
    if (r.minimum !== undefined && r.maximum !== undefined && r.minimum > r.maximum) {
      at([...path, "maximum"], "rule-requirement", msg("rule-requirement.max-below-min", { minimum: r.minimum, maximum: r.maximum }));
      return;
    }
    if (r.from && r.until && r.from > r.until) {
      at([...path, "until"], "rule-dates", msg("rule-dates", { from: r.from, until: r.until }));
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
        present.length === 0 ? msg("rule-requirement.no-target", { requirement: r.id }) : msg("rule-requirement.targets", { requirement: r.id, keys: present }),
        msg("rule-requirement.hint-one-target"));
      return undefined;
    }
    const collective = r.subject !== "teacher";
    if (r.share) {
      if (!collective) {
        at([...path, "share"], "rule-requirement", msg("rule-requirement.share-subject"), msg("rule-requirement.hint-share"));
        return undefined;
      }
      return { type: "share", requirement: r.share };
    }
    if (collective && !r.kinds) {
      at([...path, "subject"], "rule-requirement", msg("rule-requirement.collective-credit", { subject: r.subject === "group" ? "group" : "school" }));
      return undefined;
    }
    if (r.subject === "school" && r.kinds) {
      at([...path, "subject"], "rule-requirement", msg("rule-requirement.school-kinds"));
      return undefined;
    }
    if (r.kinds) {
      if (r.after && r.before) {
        at([...path, "before"], "rule-requirement", msg("rule-requirement.after-before"));
        return undefined;
      }
      const followUp = r.after ? { direction: "after" as const, ...r.after } : r.before ? { direction: "before" as const, ...r.before } : undefined;
      if (r.stage && followUp) {
        at([...path, "stage"], "rule-requirement", msg("rule-requirement.stage-follow-up"));
        return undefined;
      }
      if (r.stage && r.stage.from !== undefined && r.stage.from === r.stage.reach) {
        at([...path, "stage", "from"], "rule-requirement", msg("rule-requirement.same-stage"), msg("rule-requirement.hint-stage"));
        return undefined;
      }
      const measure = r.measure ?? (followUp ? "unanswered" : r.stage ? "overdue" : undefined);
      if (!measure) {
        at(path, "rule-requirement", msg("rule-requirement.no-measure", { requirement: r.id, collective }));
        return undefined;
      }
      const bad = (message: Msg) => (at([...path, "measure"], "rule-requirement", message), undefined);
      if ((measure === "unanswered") !== !!followUp) return bad(msg("rule-requirement.unanswered"));
      if ((measure === "overdue") !== !!r.stage) return bad(msg("rule-requirement.overdue"));
      if (measure === "overdue" && collective) return bad(msg("rule-requirement.overdue-subject"));
      if (measure === "sessions" && !collective) return bad(msg("rule-requirement.sessions"));
      if (measure === "late" && !r.due) return bad(msg("rule-requirement.late"));
      if (collective && !["sessions", "count", "evidence", "late"].includes(measure)) return bad(msg("rule-requirement.group-measure"));
      if (r.makeUpDays !== undefined && measure !== "missed") return bad(msg("rule-requirement.make-up-days"));
      return { type: "kinds", kinds: r.kinds, measure, makeUp: r.makeUp, makeUpDays: r.makeUpDays, followUp, ...(r.stage ? { stage: r.stage } : {}) };
    }
    if (r.measure) at([...path, "measure"], "rule-requirement", msg("rule-requirement.measure-kinds"));
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
