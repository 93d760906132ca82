/**
 * `yanxiu explain`: why a teacher's number is what it is. For every item, the records that
 * counted (file:line), the rule and version that gave how much, where a cap cut it; every
 * requirement with what is short and the smallest addition that would close it.
 * Data here; the words are in explain-doc.ts.
 */
import { groupRequirements, type CollectiveRow } from "./collective.js";
import type { Lang } from "../i18n.js";
import { effectiveStatus, type Activity, type Dataset } from "../model.js";
import type { CreditRule, Scheme } from "../rules/types.js";
import { versionOn } from "../rules/blocks/versions.js";
import type { RequirementScore, ScoreResult, TraceEntry, TraceStep } from "../score/types.js";
import { closeRequirement, nextTier, Simulator, type Addition } from "./gap.js";
import { label } from "./labels.js";

export interface RuleRef {
  file: string;
  line: number;
  /** `from` date of the version applied; "" when the item has a single undated version. */
  version: string;
}

export interface ExplainRecord {
  window: string;
  file: string;
  line: number;
  date: string;
  kind: string;
  kindLabel: string;
  title: string;
  count: number;
  words?: number;
  hours?: number;
  step: TraceStep;
  amount: number;
  /** Part left after the item's cap, when the engine could attribute it to records. */
  counted?: number;
  reason?: string;
  rule: RuleRef;
  /** The record's review: effective status (a record changed after review is draft), who, when, why returned. */
  review: { status: string; approver?: string; approverName?: string; reviewed?: string; reason?: string; lapsed?: boolean };
}

export interface LabelledAddition extends Addition {
  kindLabel: string;
  itemLabel?: string;
}

export interface ExplainItem {
  id: string;
  label: string;
  category?: string;
  raw: number;
  credited: number;
  cap?: number;
  per: string;
  /** The credit rule in force at the period's end (tiers and once-conditions are explained from it). */
  credit?: CreditRule;
  rules: RuleRef[];
  records: ExplainRecord[];
  /** Per-window effects: tier reached, once-credit, cap cut, floor. */
  windows: { window: string; step: TraceStep; amount: number; reason?: string; count?: number }[];
  /** For tier items: the smallest addition reaching the next tier, per window not at the top. */
  next: (LabelledAddition & { window: string; atLeast: number; tierCredit: number })[];
}

export interface ExplainRequirement extends RequirementScore {
  label: string;
  closeBy: LabelledAddition[];
}

export interface ExplainData {
  schema: "yanxiu.explain/1";
  school: string;
  teacher: { id: string; name: string; groups: { id: string; name: string }[]; roles: string[] };
  period: ScoreResult["period"];
  scheme: { id: string; name: string; unit: string; files: string[] };
  total: number;
  grade: string;
  met: boolean;
  requirements: ExplainRequirement[];
  items: ExplainItem[];
  categories: { id: string; label: string; raw: number; credited: number; cap?: number; cuts: { window: string; amount: number }[] }[];
  /** Items of the scheme with no record in the period. */
  unused: { id: string; label: string }[];
  /** Requirements of the teacher's groups (subject: group), when the scheme has any. */
  groupRequirements?: CollectiveRow[];
}

export interface ExplainInput {
  result: ScoreResult;
  dataset: Dataset;
  scheme: Scheme;
  teacher: string;
  lang: Lang;
  /** Search the smallest addition that closes each gap and the next tier (re-scoring many times); on unless false. */
  gaps?: boolean;
}

const ruleRef = (e: TraceEntry): RuleRef => ({ file: e.ruleFile ?? "", line: e.ruleLine ?? 0, version: e.version ?? "" });

export function buildExplain({ result, dataset, scheme, teacher, lang, gaps = true }: ExplainInput): ExplainData {
  const ts = result.teachers.find((x) => x.teacher === teacher);
  const who = dataset.roster.teachers.find((x) => x.id === teacher);
  if (!ts || !who) throw new Error(`unknown teacher ${teacher}`);
  const trace = result.trace.filter((e) => e.teacher === teacher);
  const acts = new Map(dataset.activities.filter((a) => a.teacher === teacher).map((a) => [`${a.origin.file}:${a.origin.line}:${a.origin.index}`, a]));
  const sim = new Simulator(dataset, scheme, who);
  const kindLabel = (k: string) => { const d = scheme.kinds.get(k); return d ? label(d, lang) : k; };
  const itemLabel = (id: string) => { const d = result.items.find((i) => i.id === id); return d ? label(d, lang) : id; };
  const labelled = (a: Addition): LabelledAddition => ({ ...a, kindLabel: kindLabel(a.kind), ...(a.item ? { itemLabel: itemLabel(a.item) } : {}) });

  const items: ExplainItem[] = [];
  const unused: ExplainData["unused"] = [];
  for (const def of result.items) {
    const score = ts.items.find((i) => i.id === def.id)!;
    const mine = trace.filter((e) => e.item === def.id);
    if (mine.length === 0 && score.credited === 0) {
      unused.push({ id: def.id, label: label(def, lang) });
      continue;
    }
    const records: ExplainRecord[] = [];
    const windows: ExplainItem["windows"] = [];
    const counts = new Map<string, number>();
    for (const e of mine) {
      if (e.origin) {
        const act = acts.get(`${e.origin.file}:${e.origin.line}:${e.origin.index}`);
        const away = act?.attendance === "absent" || act?.attendance === "excused";
        if (act && e.step === "credit" && !away) counts.set(e.window ?? "", (counts.get(e.window ?? "") ?? 0) + act.count);
        records.push({
          window: e.window ?? "",
          file: e.origin.file,
          line: e.origin.line,
          date: e.date ?? "",
          kind: e.kind ?? "",
          kindLabel: kindLabel(e.kind ?? ""),
          title: e.title ?? "",
          count: act?.count ?? 1,
          ...(act?.words !== undefined ? { words: act.words } : {}),
          ...(act?.hours !== undefined ? { hours: act.hours } : {}),
          step: e.step,
          amount: e.amount,
          ...(e.counted !== undefined ? { counted: e.counted } : {}),
          ...(e.reason ? { reason: e.reason } : {}),
          rule: ruleRef(e),
          review: reviewOf(act, dataset),
        });
      } else {
        windows.push({ window: e.window ?? "", step: e.step, amount: e.amount, ...(e.reason ? { reason: e.reason } : {}), ...(e.step === "tier" ? { count: counts.get(e.window ?? "") ?? 0 } : {}) });
      }
    }
    const rules = [...new Map(mine.map((e) => [`${e.ruleFile}:${e.ruleLine}:${e.version}`, ruleRef(e)])).values()];
    const next: ExplainItem["next"] = [];
    for (const w of windows.filter((x) => x.step === "tier")) {
      const span = spanOf(dataset, w.window, result.period);
      const n = gaps && span && nextTier(sim, scheme, result.period, def.id, span, ts);
      if (n) next.push({ ...labelled(n), window: w.window, atLeast: n.atLeast, tierCredit: n.tierCredit });
    }
    items.push({
      id: def.id,
      label: label(def, lang),
      ...(def.category ? { category: def.category } : {}),
      raw: score.raw,
      credited: score.credited,
      ...(def.cap !== undefined ? { cap: def.cap } : {}),
      per: def.per,
      ...(creditOf(scheme, def.id, result.period.end) ? { credit: creditOf(scheme, def.id, result.period.end)! } : {}),
      rules,
      records,
      windows,
      next,
    });
  }

  const categories = result.categories.map((c) => {
    const v = ts.categories.find((x) => x.id === c.id)!;
    const cuts = trace.filter((e) => e.step === "category-cap" && e.category === c.id).map((e) => ({ window: e.window ?? "", amount: e.amount }));
    return { id: c.id, label: label(c, lang), raw: v.raw, credited: v.credited, ...(c.cap !== undefined ? { cap: c.cap } : {}), cuts };
  });

  const requirements: ExplainRequirement[] = ts.requirements.map((r) => ({
    ...r,
    label: label(result.requirements.find((x) => x.id === r.id) ?? { label: r.id, labelEn: r.id }, lang),
    closeBy: r.met || !gaps ? [] : closeRequirement(sim, scheme, result.period, ts, r).map(labelled),
  }));

  const groupName = new Map(dataset.roster.groups.map((g) => [g.id, g.name]));
  return {
    schema: "yanxiu.explain/1",
    school: dataset.config.school,
    teacher: { id: ts.teacher, name: ts.name, groups: ts.groups.map((g) => ({ id: g, name: groupName.get(g) ?? g })), roles: ts.roles },
    period: result.period,
    scheme: { id: result.scheme.id, name: lang === "en" ? result.scheme.nameEn : result.scheme.name, unit: result.scheme.unit, files: result.scheme.files },
    total: ts.total,
    grade: label(ts.grade, lang),
    met: ts.met,
    requirements,
    items,
    categories,
    unused,
    ...(result.groups ? { groupRequirements: ts.groups.flatMap((g) => groupRequirements(result, g, lang) ?? []) } : {}),
  };
}

/** A window id (term, year or cycle) as a span. */
function spanOf(dataset: Dataset, id: string, period: ScoreResult["period"]): { id: string; start: string; end: string } | undefined {
  const c = dataset.config;
  for (const y of c.years) {
    if (y.id === id) return y;
    const tm = y.terms.find((x) => x.id === id);
    if (tm) return tm;
  }
  if (c.cycle?.id === id) return c.cycle;
  return id === period.id ? period : undefined;
}

function creditOf(scheme: Scheme, id: string, date: string): CreditRule | undefined {
  const versions = scheme.items.get(id)?.versions ?? [];
  return (versionOn(versions, date) ?? versions.at(-1))?.credit;
}

/** The review facts explain shows beside a record. */
function reviewOf(act: Activity | undefined, dataset: Dataset): ExplainRecord["review"] {
  if (!act) return { status: "draft" };
  const name = act.approver ? dataset.roster.teachers.find((x) => x.id === act.approver)?.name : undefined;
  return {
    status: effectiveStatus(act),
    ...(act.approver ? { approver: act.approver } : {}),
    ...(name ? { approverName: name } : {}),
    ...(act.reviewed ? { reviewed: act.reviewed } : {}),
    ...(act.reason && effectiveStatus(act) === "rejected" ? { reason: act.reason } : {}),
    ...(act.lapsed ? { lapsed: true } : {}),
  };
}
