/**
 * What would close a gap: the smallest addition of one kind of record that meets a requirement
 * or reaches an item's next tier. Nothing is hard-coded per rule: each candidate is scored by
 * the real engine with a hypothetical record added, and the smallest amount that works is
 * found by search (credit only grows with more records, so the search may bisect).
 */
import { allTerms, type Activity, type Dataset, type Teacher } from "../model.js";
import { versionOn } from "../rules/blocks/versions.js";
import type { ItemVersion, Scheme } from "../rules/types.js";
import { childrenOf, scoreDataset } from "../score/evaluate.js";
import type { Period, RequirementScore, TeacherScore } from "../score/types.js";

/** What is added: more records (count), more words in one record, or more hours. */
export type Measure = "count" | "words" | "hours";

export interface Addition {
  item?: string;
  kind: string;
  measure: Measure;
  amount: number;
  /** Change of the requirement's actual value (credit requirements) or of the item. */
  gain: number;
  /** Change of the teacher's total over the explained period. */
  totalGain: number;
  /** The addition alone closes the gap. */
  closes: boolean;
}

export class Simulator {
  private acts: Activity[];
  private roster: Dataset["roster"];

  constructor(
    private dataset: Dataset,
    private scheme: Scheme,
    private teacher: Teacher,
  ) {
    this.acts = dataset.activities.filter((a) => a.teacher === teacher.id);
    this.roster = { ...dataset.roster, teachers: [teacher] };
  }

  score(period: Period, extra: Activity[] = []): TeacherScore {
    // Only the numbers: the trace of every try would be most of the search's work and garbage.
    const r = scoreDataset({ config: this.dataset.config, roster: this.roster, activities: [...this.acts, ...extra] }, this.scheme, period, { trace: false });
    return r.teachers[0]!;
  }

  /** A record of `kind` on `date` standing for `amount` of `measure`, meeting the item's conditions. */
  hypothetical(kind: string, date: string, measure: Measure, amount: number, v?: ItemVersion): Activity {
    const c = v?.conditions;
    return {
      teacher: this.teacher.id,
      date,
      kind,
      title: "(hypothetical)",
      count: measure === "count" ? amount : 1,
      ...(measure === "words" ? { words: amount } : c?.minWords ? { words: c.minWords } : {}),
      ...(measure === "hours" ? { hours: amount } : {}),
      evidence: hypotheticalEvidence(c?.evidence, c?.evidenceCount),
      status: "approved",
      origin: { file: "(hypothetical)", line: 0, index: -1 },
    };
  }

  /** The latest day of [start, end] (and of the period) that lies in a configured term. */
  dateIn(start: string, end: string, period: Period): string {
    const last = end < period.end ? end : period.end;
    const term = allTerms(this.dataset.config).filter((tm) => tm.start <= last).sort((a, b) => a.start.localeCompare(b.start)).at(-1);
    const d = term && term.end < last ? term.end : last;
    return d < start ? start : d;
  }
}

/** Evidence meeting an item's conditions: every name it asks for, and as many files as it counts. */
function hypotheticalEvidence(names: string[] | undefined, count: number | undefined): string[] {
  const files = names?.length ? names.map((e) => `evidence/${e}`) : ["evidence/hypothetical"];
  for (let i = files.length; i < (count ?? 0); i++) files.push(`evidence/hypothetical-${i + 1}`);
  return files;
}

export function measureFor(kind: string, v: ItemVersion | undefined, scheme: Scheme): Measure {
  const fields = scheme.kinds.get(kind)?.fields ?? [];
  if (v?.credit.type === "hours" || fields.includes("hours")) return "hours";
  if (fields.includes("words") || (v?.credit.type === "once" && v.credit.anyOf.some((q) => q.words !== undefined || q.totalWords !== undefined))) return "words";
  return "count";
}

const LIMIT: Record<Measure, number> = { count: 60, words: 50_000, hours: 200 };
const STEP: Record<Measure, number> = { count: 1, words: 100, hours: 0.5 };

/** Smallest amount (a multiple of the measure's step, up to its limit) for which `ok` holds. */
export function smallest(measure: Measure, ok: (amount: number) => boolean): number | undefined {
  const step = STEP[measure];
  let hi = LIMIT[measure] / step;
  if (!ok(hi * step)) return undefined;
  let lo = 0; // ok(0) is false: the gap exists
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid * step)) hi = mid;
    else lo = mid;
  }
  return hi * step;
}

/** Items whose credit flows into a requirement's target. */
export function itemsUnder(scheme: Scheme, target: { type: string; id?: string }): string[] {
  if (target.type === "item") return [target.id!];
  if (target.type === "total") return [...scheme.items.keys()];
  if (target.type !== "category") return [];
  const out: string[] = [];
  const walk = (cat: string) => {
    for (const n of childrenOf(scheme, cat)) n.type === "item" ? out.push(n.id) : walk(n.id);
  };
  walk(target.id!);
  // Scheme order, so every requirement lists its candidates the same way.
  return [...scheme.items.keys()].filter((id) => out.includes(id));
}

const ADDABLE = new Set(["each", "table", "hours", "tiers", "once"]);

function find(ts: TeacherScore, req: RequirementScore): RequirementScore | undefined {
  return ts.requirements.find((r) => r.id === req.id && r.window === req.window);
}

/**
 * Ways to close a requirement that is short: for credit targets, one kind of record at a time
 * (smallest amount first; if none suffices alone, the most each could add); for kinds
 * targets, the missing amount of the required kind, with what it also earns.
 */
export function closeRequirement(sim: Simulator, scheme: Scheme, period: Period, before: TeacherScore, req: RequirementScore): Addition[] {
  const def = scheme.requirements.find((r) => r.id === req.id);
  if (!def || req.shortBy <= 0) return [];
  const date = sim.dateIn(req.start, req.end, period);
  const tryAdd = (kind: string, measure: Measure, v: ItemVersion | undefined, item?: string): Addition | undefined => {
    // Each amount scored once: the bisection tries the limit first, and the probe below repeats its answer.
    const tried = new Map<number, TeacherScore>();
    const after = (amount: number) => {
      let ts = tried.get(amount);
      if (!ts) tried.set(amount, (ts = sim.score(period, [sim.hypothetical(kind, date, measure, amount, v)])));
      return ts;
    };
    const metWith = (amount: number) => find(after(amount), req)?.met ?? false;
    const amount = smallest(measure, metWith);
    const probe = after(amount ?? LIMIT[measure]);
    const gain = (find(probe, req)?.actual ?? req.actual) - req.actual;
    if (gain <= 0) return undefined;
    return { ...(item ? { item } : {}), kind, measure, amount: amount ?? LIMIT[measure], gain: round(gain), totalGain: round(probe.total - before.total), closes: amount !== undefined };
  };
  if (def.target.type === "kinds") {
    const kind = def.target.kinds[0]!;
    const measure: Measure = def.target.measure === "words" ? "words" : def.target.measure === "hours" ? "hours" : "count";
    // The added record meets the conditions of the item that credits its kind (a 记录册 page, say), so its credit shows too.
    const v = [...scheme.items.values()].map((it) => versionOn(it.versions, date)).find((x) => x?.kinds.includes(kind));
    const a = tryAdd(kind, measure, v);
    return a ? [a] : [];
  }
  const out: Addition[] = [];
  for (const id of itemsUnder(scheme, def.target)) {
    const v = versionOn(scheme.items.get(id)!.versions, date);
    if (!v || !ADDABLE.has(v.credit.type)) continue;
    for (const kind of v.kinds) {
      const a = tryAdd(kind, measureFor(kind, v, scheme), v, id);
      if (a) out.push(a);
    }
  }
  const closing = out.filter((a) => a.closes).sort(byEffort);
  if (closing.length) return closing.slice(0, 3);
  // None closes it alone: the most each item can still add (one line per item).
  const best = new Map<string, Addition>();
  for (const a of out) if (!best.has(a.item!) || best.get(a.item!)!.gain < a.gain) best.set(a.item!, a);
  return [...best.values()].sort((a, b) => b.gain - a.gain).slice(0, 5);
}

/** Fewest records first; words and hours after counts, by their size. */
function byEffort(a: Addition, b: Addition): number {
  const rank = (x: Addition) => (x.measure === "count" ? x.amount : x.measure === "hours" ? 100 + x.amount : 1000 + x.amount / 100);
  return rank(a) - rank(b);
}

/**
 * The next tier of a tiers item in one window: the smallest addition that lifts the item's
 * credit in that window to the next tier's credit.
 */
export function nextTier(sim: Simulator, scheme: Scheme, period: Period, itemId: string, window: { id: string; start: string; end: string }, before: TeacherScore): (Addition & { atLeast: number; tierCredit: number }) | undefined {
  const item = scheme.items.get(itemId);
  const date = sim.dateIn(window.start, window.end, period);
  const v = item && versionOn(item.versions, date);
  if (!v || v.credit.type !== "tiers") return undefined;
  const span: Period = { type: "term", id: window.id, start: window.start, end: date };
  const now = sim.score(span).items.find((i) => i.id === itemId)?.raw ?? 0;
  const next = v.credit.tiers.find((tr) => tr.credit > now);
  if (!next) return undefined;
  const kind = v.kinds[0]!;
  const add = (n: number) => [sim.hypothetical(kind, date, "count", n, v)];
  const reach = (n: number) => (sim.score(span, add(n)).items.find((i) => i.id === itemId)?.raw ?? 0) >= next.credit;
  const amount = smallest("count", reach);
  if (amount === undefined) return undefined;
  const gain = next.credit - now;
  const totalGain = sim.score(period, add(amount)).total - before.total;
  return { item: itemId, kind, measure: "count", amount, gain: round(gain), totalGain: round(totalGain), closes: true, atLeast: next.atLeast, tierCredit: next.credit };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
