/**
 * One item for one teacher. Credit over [a, b] is F(b) − F(a − 1), where F(d) scores every
 * record up to d window by window (caps, tiers, once-credits per window). That makes
 * contributions additive over sub-ranges, so a year cap seen from a term counts only what is
 * left of it, and category caps can be applied window by window.
 */
import { rolesOn, termOf, type Activity, type Config, type Teacher } from "../model.js";
import { attendanceAdjust, forfeits } from "../rules/blocks/attendance.js";
import { exclusion } from "../rules/blocks/conditions.js";
import { dedupeKey, duplicates } from "../rules/blocks/dedupe.js";
import { eachCredit } from "../rules/blocks/each.js";
import { hoursCredit } from "../rules/blocks/hours.js";
import { qualifierMet } from "../rules/blocks/once.js";
import { coveredCredit, type CoveredResult } from "../rules/blocks/covered.js";
import { scoreCredit } from "../rules/blocks/score.js";
import { lookupTable } from "../rules/blocks/table.js";
import { tierCredit, type TierResult } from "../rules/blocks/tiers.js";
import { versionOn } from "../rules/blocks/versions.js";
import type { Item, ItemVersion, Scheme } from "../rules/types.js";
import type { TraceEntry, TraceStep } from "./types.js";
import { dayBefore, windowAt, windowsOf, type Span } from "./windows.js";

export interface TeacherCtx {
  scheme: Scheme;
  config: Config;
  teacher: Teacher;
  /** The teacher's activities, sorted by date then origin. */
  acts: Activity[];
}

interface Prepared {
  act: Activity;
  v: ItemVersion;
  amount: number;
  /** Counts towards tiers, once-credits, averages. */
  counts: boolean;
  step: TraceStep;
  reason?: string;
}

interface WindowValue {
  key: string;
  id: string;
  v: ItemVersion;
  raw: number;
  credited: number;
  tier?: TierResult;
  once?: boolean;
  covered?: CoveredResult;
  floored: boolean;
  members: Prepared[];
}

/** The record's credit before attendance, or why it has none (a number, never an object per record). */
function baseCredit(v: ItemVersion, act: Activity, scheme: Scheme): number | "no-entry" | "no-hours" | "no-score" {
  const c = v.credit;
  switch (c.type) {
    case "each":
      return eachCredit(c.amount, act);
    case "table": {
      const x = lookupTable(c.by, c.values, act);
      return x === undefined ? "no-entry" : x * act.count;
    }
    case "hours":
      return hoursCredit(c, act, scheme.meta) ?? "no-hours";
    case "score":
      return scoreCredit(c, act) ?? "no-score";
    case "tiers":
    case "once":
    case "covered":
      return 0; // earned per window, below
  }
}

/**
 * One item for one teacher, worked out once whatever the end date: the records judged, each
 * one's window, and the windows' values (a window whose records all fall before an end has the
 * same value for every such end).
 */
interface ItemLedger {
  judged: Prepared[];
  /** Dedupe or forfeits settle records differently per end date: then each end starts afresh. */
  settles: boolean;
  /** The judged records by window, in order of each window's first record. */
  groups: WindowGroup[];
  byEnd: Map<string, Map<string, WindowValue>>;
}

interface WindowGroup {
  key: string;
  span: Span;
  members: Prepared[];
  /** The value of the window with all its members, once worked out. */
  whole?: WindowValue;
}

const ledgers = new WeakMap<TeacherCtx, Map<Item, ItemLedger>>();

function ledgerOf(item: Item, ctx: TeacherCtx): ItemLedger {
  let byItem = ledgers.get(ctx);
  if (!byItem) ledgers.set(ctx, (byItem = new Map()));
  let ledger = byItem.get(item);
  if (!ledger) {
    const judged = judgedRecords(item, ctx);
    const settles = item.versions.some((v) => v.dedupe || v.attendance?.forfeit);
    byItem.set(item, (ledger = { judged, settles, groups: settles ? [] : groupByWindow(judged, ctx), byEnd: new Map() }));
  }
  return ledger;
}

const itemsByKind = new WeakMap<Scheme, Map<string, Item[]>>();

/** The items some version of which takes each kind, worked out once per scheme. */
function itemsTaking(scheme: Scheme): Map<string, Item[]> {
  let byKind = itemsByKind.get(scheme);
  if (byKind) return byKind;
  byKind = new Map();
  for (const item of scheme.items.values()) {
    for (const kind of new Set(item.versions.flatMap((v) => v.kinds))) {
      const list = byKind.get(kind);
      if (list) list.push(item);
      else byKind.set(kind, [item]);
    }
  }
  itemsByKind.set(scheme, byKind);
  return byKind;
}

const actsByItem = new WeakMap<TeacherCtx, Map<Item, Activity[]>>();

/**
 * The teacher's activities of a kind some version of the item takes, in order: most
 * activities are of other kinds, so the teacher's list is gone through once for every item.
 */
function relevantActs(item: Item, ctx: TeacherCtx): Activity[] {
  let byItem = actsByItem.get(ctx);
  if (!byItem) {
    byItem = new Map();
    const taking = itemsTaking(ctx.scheme);
    for (const act of ctx.acts) {
      for (const it of taking.get(act.kind) ?? []) {
        const list = byItem.get(it);
        if (list) list.push(act);
        else byItem.set(it, [act]);
      }
    }
    actsByItem.set(ctx, byItem);
  }
  return byItem.get(item) ?? [];
}

const NO_ROLES: string[] = [];

/**
 * Each of the teacher's records judged against the item once (version, conditions, base
 * credit, attendance), whatever the end date: that part depends on the record alone.
 */
function judgedRecords(item: Item, ctx: TeacherCtx): Prepared[] {
  const judged: Prepared[] = [];
  for (const act of relevantActs(item, ctx)) {
    const v = versionOn(item.versions, act.date);
    if (!v || !v.kinds.includes(act.kind)) continue;
    // The teacher's roles matter only to an item limited by role (most are not).
    const roles = v.conditions.roles || v.conditions.exceptRoles ? rolesOn(ctx.teacher, act.date) : NO_ROLES;
    // The term's start matters only to a calendar filter (第2—4周).
    const termStart = v.conditions.weeks || v.conditions.weekdays ? termOf(ctx.config, act.date)?.start : undefined;
    const ex = exclusion(v.conditions, act, roles, ctx.scheme.meta.approvedOnly, termStart);
    if (ex) {
      judged.push({ act, v, amount: 0, counts: false, step: "excluded", reason: ex });
      continue;
    }
    const base = baseCredit(v, act, ctx.scheme);
    if (typeof base === "string") {
      judged.push({ act, v, amount: 0, counts: false, step: "excluded", reason: base });
      continue;
    }
    const tally = perWindow(v) ? "tally" : undefined;
    // A present member (every record, most session members) earns the base credit as it is.
    if (act.attendance === undefined || act.attendance === "present") {
      judged.push({ act, v, amount: base, counts: true, step: "credit", reason: tally });
      continue;
    }
    const eff = attendanceAdjust(v.attendance, act, base);
    const away = act.attendance === "absent" || act.attendance === "excused";
    judged.push({ act, v, amount: eff.amount, counts: !away, step: "credit", reason: eff.reason ?? tally });
  }
  return judged;
}

/** The records up to `end`, judged, with duplicates and forfeits among them settled. */
function prepare(item: Item, ctx: TeacherCtx, end: string): Prepared[] {
  // Records come in date order.
  const judged = ledgerOf(item, ctx).judged;
  let n = 0;
  while (n < judged.length && judged[n]!.act.date <= end) n++;
  // Settling below changes records per end date, so it works on copies.
  const out = judged.slice(0, n).map((p) => ({ ...p }));
  // Same ref/title: only the highest counts.
  const deduped = out.filter((p) => p.step === "credit" && p.counts && p.v.dedupe);
  for (const i of duplicates(deduped, (p) => dedupeKey(p.v.dedupe!, p.act), (p) => p.amount)) {
    Object.assign(deduped[i]!, { amount: 0, counts: false, step: "duplicate" });
  }
  // Too many absences or leaves in a window forfeit everything the item earned in it.
  const byForfeitWindow = new Map<string, Prepared[]>();
  for (const p of out) {
    const f = p.v.attendance?.forfeit;
    if (!f || p.step === "excluded") continue;
    const key = windowAt(f.per, ctx.config, p.act.date).id;
    const list = byForfeitWindow.get(key);
    if (list) list.push(p);
    else byForfeitWindow.set(key, [p]);
  }
  for (const group of byForfeitWindow.values()) {
    if (!forfeits(group[0]!.v.attendance, group.map((p) => p.act))) continue;
    for (const p of group) Object.assign(p, { amount: 0, counts: false, step: "forfeit" });
  }
  return out;
}

/** Credit earned by the window as a whole (tiers, once, covered), not record by record. */
const perWindow = (v: ItemVersion) => v.credit.type === "tiers" || v.credit.type === "once" || v.credit.type === "covered";

/** Records by the window their version counts them in, in order of each window's first record. */
function groupByWindow(prepared: Prepared[], ctx: TeacherCtx): WindowGroup[] {
  const groups = new Map<string, WindowGroup>();
  for (const p of prepared) {
    const per = p.v.per ?? ctx.scheme.meta.period;
    const span = windowAt(per, ctx.config, p.act.date);
    const key = windowKey(per, span);
    const group = groups.get(key);
    if (group) group.members.push(p);
    else groups.set(key, { key, span, members: [p] });
  }
  return [...groups.values()];
}

/** "per:id" of a configured window, made once: windowsOf keeps one list of spans for each `per`. */
const keyOfSpan = new WeakMap<Span, string>();

function windowKey(per: string, span: Span): string {
  let key = keyOfSpan.get(span);
  if (key === undefined) {
    key = `${per}:${span.id}`;
    keyOfSpan.set(span, key);
  }
  return key;
}

function windowValues(prepared: Prepared[], ctx: TeacherCtx): Map<string, WindowValue> {
  const out = new Map<string, WindowValue>();
  for (const { key, span, members } of groupByWindow(prepared, ctx)) out.set(key, windowValue(key, span, members, ctx));
  return out;
}

/**
 * The windows' values from the records up to `end`, for an item that settles nothing: the
 * records up to `end` are a prefix of each window's records, and a window whole before `end`
 * keeps the value worked out once.
 */
function windowValuesUpTo(groups: WindowGroup[], end: string, ctx: TeacherCtx): Map<string, WindowValue> {
  const out = new Map<string, WindowValue>();
  for (const g of groups) {
    const { members } = g;
    // Windows come in order of their first record, and records in date order.
    if (members[0]!.act.date > end) break;
    if (members[members.length - 1]!.act.date <= end) {
      out.set(g.key, (g.whole ??= windowValue(g.key, g.span, members, ctx)));
      continue;
    }
    let m = 1;
    while (members[m]!.act.date <= end) m++;
    out.set(g.key, windowValue(g.key, g.span, members.slice(0, m), ctx));
  }
  return out;
}

function windowValue(key: string, span: Span, members: Prepared[], ctx: TeacherCtx): WindowValue {
  const v = members[members.length - 1]!.v; // the version in force at the window's latest record
  const counting = members.filter((p) => p.counts);
  let value: number;
  let tier: TierResult | undefined;
  let once: boolean | undefined;
  let covered: CoveredResult | undefined;
  if (v.credit.type === "covered") {
    const c = v.credit;
    const subs = windowsOf(c.per, ctx.config).filter((x) => span.start <= x.start && x.end <= span.end);
    covered = coveredCredit(c, subs, counting.map((p) => p.act));
    value = covered.credit;
  } else if (v.credit.type === "tiers") {
    tier = tierCredit(v.credit.tiers, v.credit.shortfall, counting.reduce((s, p) => s + p.act.count, 0));
    value = tier.credit;
  } else if (v.credit.type === "once") {
    once = qualifierMet(v.credit.anyOf, counting.map((p) => p.act)) >= 0;
    value = once ? v.credit.credit : 0;
  } else if (v.aggregate === "average") {
    value = counting.length ? counting.reduce((s, p) => s + p.amount, 0) / counting.length : 0;
  } else if (v.aggregate === "max") {
    value = counting.length ? Math.max(...counting.map((p) => p.amount)) : 0;
  } else {
    value = members.reduce((s, p) => s + p.amount, 0);
  }
  const floored = value < 0;
  const raw = Math.max(0, value);
  const credited = v.cap === undefined ? raw : Math.min(v.cap, raw);
  return { key, id: key.slice(key.indexOf(":") + 1), v, raw, credited, tier, once, covered, floored, members };
}

export interface ItemContribution {
  raw: number;
  credited: number;
}

/**
 * F(end): every window's value from the records up to `end`. Pure in (item, teacher, end),
 * and asked for again and again with the same ends (a period's bounds, window edges,
 * requirements), so it is worked out once per teacher. Values are shared, never changed.
 */
function valuesUpTo(item: Item, ctx: TeacherCtx, end: string): Map<string, WindowValue> {
  const ledger = ledgerOf(item, ctx);
  let values = ledger.byEnd.get(end);
  if (!values) {
    values = ledger.settles ? windowValues(prepare(item, ctx, end), ctx) : windowValuesUpTo(ledger.groups, end, ctx);
    ledger.byEnd.set(end, values);
  }
  return values;
}

/** Credit of one item over [a, b]; pushes trace entries when `trace` is given. */
export function itemContribution(item: Item, ctx: TeacherCtx, a: string, b: string, trace?: TraceEntry[]): ItemContribution {
  const full = valuesUpTo(item, ctx, b);
  const before = valuesUpTo(item, ctx, dayBefore(a));
  let raw = 0;
  let credited = 0;
  for (const w of full.values()) {
    const prev = before.get(w.key);
    const dRaw = w.raw - (prev?.raw ?? 0);
    const dCredited = w.credited - (prev?.credited ?? 0);
    raw += dRaw;
    credited += dCredited;
    if (trace) traceWindow(w, prev, dRaw, dCredited, ctx, a, trace);
  }
  return { raw: round(raw), credited: round(credited) };
}

function traceWindow(w: WindowValue, prev: WindowValue | undefined, dRaw: number, dCredited: number, ctx: TeacherCtx, a: string, trace: TraceEntry[]) {
  // Built field by field in the order the JSON shows them (no spread of a shared base per entry:
  // there is one entry per record, and the garbage told).
  const teacher = ctx.teacher.id;
  // Walk records in order so a cap's cut lands on the records that crossed it.
  const simple = !perWindow(w.v) && w.v.aggregate === "sum" && w.members.every((p) => p.amount >= 0);
  const cap = w.v.cap ?? Infinity;
  let sum = 0;
  for (const p of w.members) {
    const counted = Math.min(cap, sum + p.amount) - Math.min(cap, sum);
    sum += p.amount;
    if (p.act.date < a) continue;
    const v = p.v;
    const e: TraceEntry = {
      teacher, item: v.id, version: v.from ?? "", ruleFile: v.file, ruleLine: v.pos.line, window: w.id,
      step: p.step, origin: p.act.origin, date: p.act.date, kind: p.act.kind, title: p.act.title, amount: round(p.amount),
    };
    if (simple && p.step === "credit") e.counted = round(counted);
    if (p.reason) e.reason = p.reason;
    trace.push(e);
  }
  const windowEntry = (step: TraceStep, amount: number, reason?: string) => {
    const v = w.v;
    // Field by field, no spreads: the same keys in the same order as the JSON shows them.
    const e: TraceEntry = { teacher, item: v.id, version: v.from ?? "", ruleFile: v.file, ruleLine: v.pos.line, window: w.id, step, amount: round(amount) };
    if (reason) e.reason = reason;
    trace.push(e);
  };
  if (w.tier) {
    const d = w.tier.credit - (prev?.tier?.credit ?? 0);
    windowEntry("tier", d, w.tier.tier ? `tier:${w.tier.tier.atLeast}` : w.tier.short !== undefined ? `short:${w.tier.short}` : "below");
  }
  if (w.once !== undefined && w.once !== prev?.once) windowEntry("once", w.once ? (w.v.credit as { credit: number }).credit : 0, w.once ? "met" : "not-met");
  if (w.covered && (w.covered.credit !== prev?.covered?.credit || !prev)) {
    windowEntry("covered", w.covered.credit - (prev?.covered?.credit ?? 0), w.covered.missing.length ? `missing:${w.covered.missing.join(",")}` : "met");
  }
  if (w.floored && !prev?.floored) windowEntry("floor", dRaw - (w.members.filter((p) => p.act.date >= a).reduce((s, p) => s + p.amount, 0)), "below-zero");
  if (round(dCredited - dRaw) !== 0) windowEntry("cap", dCredited - dRaw, `cap:${w.v.cap}`);
}

/** Sums of floats such as 0.5 steps: keep reports free of 2.9999999. */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
