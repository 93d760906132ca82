/**
 * Score a dataset against a scheme for one period: items → categories (caps per window,
 * weights) → total → requirements → grade, with a trace of every contribution.
 * Pure: data in, data out.
 */
import type { Activity, Dataset } from "../model.js";
import type { Item, RequirementDef, Scheme } from "../rules/types.js";
import { itemContribution, round, type TeacherCtx } from "./item.js";
import { rolesDuring, scoreRequirements } from "./requirements.js";
import { IN_PROGRESS_GRADE, standingOf } from "./progress.js";
import { notScoredReason, type NotScored } from "./scored.js";
import { scoreCollective } from "./collective.js";
import type { CategoryScore, ItemScore, Label, Period, ScoreResult, TeacherScore, TraceEntry } from "./types.js";
import { dayBefore, maxDate, minDate, windowsOverlapping } from "./windows.js";

type Node = { type: "item"; id: string } | { type: "category"; id: string };

/** An item sits in the category of its newest version. */
function itemCategory(item: Item): string | undefined {
  return item.versions.at(-1)?.category;
}

function itemWeight(item: Item): number {
  return item.versions.at(-1)?.weight ?? 1;
}

const childCache = new WeakMap<Scheme, Map<string | undefined, Node[]>>();

export function childrenOf(scheme: Scheme, category: string | undefined): Node[] {
  let cache = childCache.get(scheme);
  if (!cache) childCache.set(scheme, (cache = new Map()));
  const hit = cache.get(category);
  if (hit) return hit;
  const found = listChildren(scheme, category);
  cache.set(category, found);
  return found;
}

function listChildren(scheme: Scheme, category: string | undefined): Node[] {
  const items = [...scheme.items.values()].filter((i) => itemCategory(i) === category).map((i): Node => ({ type: "item", id: i.id }));
  const cats = [...scheme.categories.values()].filter((c) => c.parent === category).map((c): Node => ({ type: "category", id: c.id }));
  return [...items, ...cats];
}

type Credit = { raw: number; credited: number };

class TeacherScorer {
  /**
   * Credits by node id, then start, then end: no key string made per call (the scorer is asked
   * for the same few nodes and dates tens of times per teacher). Items and categories apart, as
   * an item and a category may share an id.
   */
  private itemMemo = new Map<string, Map<string, Map<string, Credit>>>();
  private categoryMemo = new Map<string, Map<string, Map<string, Credit>>>();

  constructor(
    private ctx: TeacherCtx,
    private period: Period,
  ) {}

  /**
   * Credit of a node over [a, b] (not weighted). With `trace`, an item adds its own entries
   * and a category only its cap cuts: children are traced by their own call.
   */
  node(n: Node, a: string, b: string, trace?: TraceEntry[]): Credit {
    if (a > b) return { raw: 0, credited: 0 };
    const byId = n.type === "item" ? this.itemMemo : this.categoryMemo;
    let byStart = byId.get(n.id);
    if (!byStart) byId.set(n.id, (byStart = new Map()));
    let byEnd = byStart.get(a);
    if (!byEnd) byStart.set(a, (byEnd = new Map()));
    const hit = trace ? undefined : byEnd.get(b);
    if (hit) return hit;
    const value = n.type === "item" ? itemContribution(this.ctx.scheme.items.get(n.id)!, this.ctx, a, b, trace) : this.category(n.id, a, b, trace);
    byEnd.set(b, value);
    return value;
  }

  private weight(n: Node): number {
    const s = this.ctx.scheme;
    return n.type === "item" ? itemWeight(s.items.get(n.id)!) : s.categories.get(n.id)!.weight;
  }

  /** Weighted sum of a category's children (or of the roots) over [a, b]. */
  sumOf(category: string | undefined, a: string, b: string): number {
    let sum = 0;
    for (const c of childrenOf(this.ctx.scheme, category)) sum += this.node(c, a, b).credited * this.weight(c);
    return round(sum);
  }

  private category(id: string, a: string, b: string, trace?: TraceEntry[]): Credit {
    const def = this.ctx.scheme.categories.get(id)!;
    const raw = this.sumOf(id, a, b);
    if (def.cap === undefined) return { raw, credited: raw };
    const cap = def.cap;
    const per = def.per ?? this.ctx.scheme.meta.period;
    let credited = 0;
    let covered = 0;
    for (const w of windowsOverlapping(per, this.ctx.config, a, b, this.period.id)) {
      const lo = maxDate(w.start, a);
      const hi = minDate(w.end, b);
      // What the window held before `a` uses up the cap first.
      const before = lo > w.start ? this.sumOf(id, w.start, dayBefore(lo)) : 0;
      const inside = this.sumOf(id, lo, hi);
      const got = Math.min(cap, before + inside) - Math.min(cap, before);
      covered += inside;
      credited += got;
      if (trace && round(got - inside) !== 0) {
        trace.push({ teacher: this.ctx.teacher.id, step: "category-cap", category: id, ruleFile: def.file, ruleLine: def.pos.line, window: w.id, amount: round(got - inside), reason: `cap:${cap}` });
      }
    }
    // Records outside every configured window are not capped.
    credited += raw - covered;
    return { raw, credited: round(credited) };
  }

  credit(target: RequirementDef["target"], a: string, b: string): number {
    if (target.type === "total") return this.sumOf(undefined, a, b);
    if (target.type === "item" || target.type === "category") return this.node(target, a, b).credited;
    return 0;
  }
}

export interface ScoreOptions {
  /**
   * Build the trace of every contribution (default true). The tables need only the totals;
   * at district scale the trace is most of the work and memory, so they skip it (trace: []).
   */
  trace?: boolean;
  /**
   * Trace only these items' contributions (no category caps): enough for one record's credit
   * (the page after a save), at a fraction of a full trace's cost. Scores are the same.
   */
  traceItems?: ReadonlySet<string>;
}

export function scoreDataset(dataset: Dataset, scheme: Scheme, period: Period, opts: ScoreOptions = {}): ScoreResult {
  return assembleResult(dataset, scheme, period, scoreTeachers(dataset, scheme, period, opts));
}

/** One roster teacher's part of a result: scored, or left out; and their trace entries. */
export interface TeacherOutcome {
  teacher: string;
  score?: TeacherScore;
  notScored?: NotScored;
  trace: TraceEntry[];
}

/**
 * Each roster teacher's outcome, in the result's order (by id). A teacher's outcome depends on
 * nothing but the scheme, the config, the period, their roster entry and their own activities:
 * `score` after a few files changed re-scores only the teachers they name (src/cli/score-incremental.ts).
 */
export function scoreTeachers(dataset: Dataset, scheme: Scheme, period: Period, opts: ScoreOptions = {}): TeacherOutcome[] {
  const byTeacher = new Map<string, Activity[]>();
  for (const act of dataset.activities) {
    const list = byTeacher.get(act.teacher);
    if (list) list.push(act);
    else byTeacher.set(act.teacher, [act]);
  }
  const outcomes: TeacherOutcome[] = [];
  for (const teacher of sortedTeachers(dataset)) {
    const left = notScoredReason(teacher, dataset.config, period);
    if (left) {
      outcomes.push({ teacher: teacher.id, notScored: left, trace: [] });
      continue;
    }
    const trace: TraceEntry[] = [];
    const traceInto = opts.trace === false ? undefined : trace;
    const acts = (byTeacher.get(teacher.id) ?? []).map((a) => withLeadRole(a, scheme)).sort(
      (x, y) => x.date.localeCompare(y.date) || x.origin.file.localeCompare(y.origin.file) || x.origin.line - y.origin.line,
    );
    const ctx: TeacherCtx = { scheme, config: dataset.config, teacher, acts };
    const scorer = new TeacherScorer(ctx, period);
    const { start, end } = period;
    const only = opts.traceItems;
    const items: ItemScore[] = [...scheme.items.values()].map((i) => ({ id: i.id, ...scorer.node({ type: "item", id: i.id }, start, end, only && !only.has(i.id) ? undefined : traceInto) }));
    const categories: CategoryScore[] = [...scheme.categories.keys()].map((id) => ({ id, ...scorer.node({ type: "category", id }, start, end, only ? undefined : traceInto) }));
    const total = scorer.sumOf(undefined, start, end);
    const requirements = scoreRequirements(scheme.requirements, ctx, period, (tg, a, b) => scorer.credit(tg, a, b));
    const met = requirements.every((r) => r.met);
    const standing = standingOf(requirements);
    const g = scheme.grades.find((x) => (x.minTotal === undefined || total >= x.minTotal) && (!x.allRequirements || met));
    // A requirement still open (its window runs on) decides nothing yet: no 不合格 mid-year.
    const grade: Label = standing === "in-progress" ? { ...IN_PROGRESS_GRADE } : g ? { id: g.id, label: g.label, labelEn: g.labelEn } : scheme.grades.length === 0 ? { ...NO_GRADE } : { id: "fail", ...scheme.meta.failGrade };
    outcomes.push({
      teacher: teacher.id,
      score: {
        teacher: teacher.id,
        name: teacher.name,
        groups: teacher.groups,
        roles: rolesDuring(teacher, start, end),
        items,
        categories,
        requirements,
        total,
        met,
        standing,
        grade,
      },
      trace,
    });
  }
  return outcomes;
}

/** The roster's teachers in the order a result lists them. */
export function sortedTeachers(dataset: Pick<Dataset, "roster">): Dataset["roster"]["teachers"] {
  return [...dataset.roster.teachers].sort((x, y) => x.id.localeCompare(y.id));
}

/**
 * The whole result from every roster teacher's outcome (in sortedTeachers' order): the scheme's
 * outline, the teachers, those left out, the group and school requirements (from the teachers'
 * results and the groups' sessions among `dataset.activities`) and the trace.
 */
export function assembleResult(dataset: Dataset, scheme: Scheme, period: Period, outcomes: readonly TeacherOutcome[]): ScoreResult {
  const teachers: TeacherScore[] = [];
  const notScored: NotScored[] = [];
  const trace: TraceEntry[] = [];
  for (const o of outcomes) {
    if (o.score) teachers.push(o.score);
    if (o.notScored) notScored.push(o.notScored);
    for (const e of o.trace) trace.push(e);
  }
  const m = scheme.meta;
  return {
    scheme: { id: m.id, name: m.name, nameEn: m.nameEn, unit: m.unit, ...(m.hoursPerCredit !== undefined ? { hoursPerCredit: m.hoursPerCredit } : {}), files: scheme.files },
    period,
    items: [...scheme.items.values()].map((i) => {
      const v = i.versions.at(-1)!;
      return { id: i.id, label: v.label, labelEn: v.labelEn, ...(v.category ? { category: v.category } : {}), ...(v.cap !== undefined ? { cap: v.cap } : {}), per: v.per ?? m.period, weight: v.weight };
    }),
    categories: [...scheme.categories.values()].map((c) => ({
      id: c.id, label: c.label, labelEn: c.labelEn, ...(c.parent ? { parent: c.parent } : {}), ...(c.cap !== undefined ? { cap: c.cap } : {}), per: c.per ?? m.period, weight: c.weight,
    })),
    requirements: dedupeLabels(scheme.requirements.map((r) => ({ id: r.id, label: r.label, labelEn: r.labelEn, per: r.per ?? m.period, ...(r.subject !== "teacher" ? { subject: r.subject } : {}) }))),
    teachers,
    notScored,
    ...scoreCollective(scheme, dataset, period, teachers),
    trace,
  };
}

/** A scheme without grades grades nobody (not everyone 不合格). */
export const NO_GRADE: Label = { id: "none", label: "—", labelEn: "—" };

/** A session's lead without a role of its own takes the kind's `leadRole` (default 主持). */
export function withLeadRole(a: Activity, scheme: Scheme): Activity {
  if (!a.lead || a.role) return a;
  return { ...a, role: scheme.kinds.get(a.kind)?.leadRole ?? "lead" };
}

function dedupeLabels<T extends { id: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => (seen.has(x.id) ? false : (seen.add(x.id), true)));
}
