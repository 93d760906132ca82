/**
 * Several rule files → one Scheme (a school scheme plus modules such as role-based
 * observation minimums). Checks what only the whole can tell: references, duplicate ids,
 * overlapping versions, cyclic categories, caps below required minimums.
 */
import type { Msg, Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import type { DefinedWhat } from "../messages/rules.js";
import { problemAt } from "../repo/yaml-source.js";
import { didYouMean } from "../did-you-mean.js";
import { overlap } from "./blocks/versions.js";
import { ACTIVITY_ROLES, STAGES, TEACHER_ROLES } from "../schema/vocab.js";
import {
  DEFAULT_META,
  type CategoryDef,
  type Defined,
  type GradeDef,
  type Item,
  type KindDef,
  type RequirementDef,
  type RuleSet,
  type Scheme,
  type SkippedIds,
  type Window,
} from "./types.js";

const WINDOW_ORDER: Record<Window, number> = { week: 0, fortnight: 1, month: 2, term: 3, year: 4, cycle: 5 };

export function mergeRuleSets(sets: RuleSet[]): { scheme: Scheme; problems: Problem[] } {
  const problems: Problem[] = [];
  const sources = new Map(sets.map((s) => [s.file, s.source]));
  const at = (d: Defined, sub: (string | number)[], check: string, message: Msg, hint?: Msg, severity: "error" | "warning" = "error") => {
    const src = sources.get(d.file)!;
    problems.push(problemAt(src, [...d.path, ...sub], check, message, hint, { severity }));
  };
  const loc = (d: Defined) => `${d.file}:${d.pos.line}`;

  /** What is defined, or — when nothing is — where to define it (never a bare "defined: "). */
  const definedHint = (ids: string[], what: DefinedWhat, list: string) =>
    ids.length ? msg("rule-reference.hint-defined", { ids }) : msg("rule-reference.hint-none", { what, list });

  let meta = DEFAULT_META;
  let metaDef: Defined | undefined;
  for (const s of sets) {
    if (!s.meta) continue;
    if (metaDef) {
      at(s.meta, [], "rule-duplicate", msg("rule-duplicate.scheme", { at: loc(metaDef) }));
      continue;
    }
    const { file: _f, pos: _p, path: _path, ...m } = s.meta;
    meta = m;
    metaDef = s.meta;
  }

  const kinds = new Map<string, KindDef & Defined>();
  const categories = new Map<string, CategoryDef>();
  const items = new Map<string, Item>();
  const requirements: RequirementDef[] = [];
  const requirementsById = new Map<string, RequirementDef[]>();
  const grades: GradeDef[] = [];
  const gradesById = new Map<string, GradeDef>();
  const dup = (what: DefinedWhat, id: string, first: Defined, again: Defined) =>
    at(again, ["id"], "rule-duplicate", msg("rule-duplicate", { what, id, at: loc(first) }));

  for (const s of sets) {
    for (const k of s.kinds) {
      const prev = kinds.get(k.id);
      if (prev) dup("kind", k.id, prev, k);
      else kinds.set(k.id, k);
    }
    for (const c of s.categories) {
      const prev = categories.get(c.id);
      if (prev) dup("category", c.id, prev, c);
      else categories.set(c.id, c);
    }
    for (const it of s.items) {
      const item = items.get(it.id) ?? { id: it.id, versions: [] };
      const clash = item.versions.find((v) => overlap(v, it));
      if (clash) {
        at(it, it.from ? ["from"] : ["id"], "rule-overlap", msg("rule-overlap", { item: it.id, at: loc(clash) }), msg("rule-overlap.hint"));
        continue;
      }
      item.versions.push(it);
      items.set(it.id, item);
    }
    for (const r of s.requirements) {
      const clash = requirementsById.get(r.id)?.find((q) => overlap(q, r));
      if (clash) {
        at(r, r.from ? ["from"] : ["id"], "rule-overlap", msg("rule-overlap.requirement", { requirement: r.id, at: loc(clash) }));
        continue;
      }
      requirements.push(r);
      requirementsById.set(r.id, [...(requirementsById.get(r.id) ?? []), r]);
    }
    for (const g of s.grades) {
      const prev = gradesById.get(g.id);
      if (prev) dup("grade", g.id, prev, g);
      else {
        grades.push(g);
        gradesById.set(g.id, g);
      }
    }
  }
  for (const item of items.values()) item.versions.sort((a, b) => (a.from ?? "").localeCompare(b.from ?? ""));

  // Definitions a file left out for their errors (already reported): references to them are
  // not reported again, nor what depends on the scheme's own settings when those were left out.
  const skipped = sets.reduce<SkippedIds | undefined>((acc, s) => (s.skipped ? joinSkipped(acc, s.skipped) : acc), undefined);
  const isSkipped = (list: keyof Omit<SkippedIds, "scheme">, id: string) => {
    const ids = skipped?.[list];
    return ids === "any" || (ids?.has(id) ?? false);
  };

  // References.
  const kindIds = [...kinds.keys()];
  const categoryIds = [...categories.keys()];
  const itemIds = [...items.keys()];
  const lists = new Map<string[], "kinds" | "categories" | "items">([[kindIds, "kinds"], [categoryIds, "categories"], [itemIds, "items"]]);
  const known = new Map<string[], Set<string>>([kindIds, categoryIds, itemIds].map((ids) => [ids, new Set(ids)]));
  const refCheck = (d: Defined, sub: (string | number)[], id: string, ids: string[], what: DefinedWhat) => {
    if (known.get(ids)!.has(id) || isSkipped(lists.get(ids)!, id)) return;
    const guess = didYouMean(id, ids);
    at(d, sub, "rule-reference", msg("rule-reference", { what, id }),
      guess ? msg("did-you-mean", { guess }) : definedHint(ids, what, `${lists.get(ids)}:`));
  };
  const kindsRef = (d: Defined, sub: (string | number)[], list: string[] | undefined) =>
    list?.forEach((k, i) => refCheck(d, [...sub, i], k, kindIds, "kind"));

  // A stage requirement's stages must be among those its kind declares (when it declares them).
  const stageCheck = (r: RequirementDef, kindList: string[], stage: { reach: string; from?: string }) => {
    const declared = kindList.map((k) => kinds.get(k)?.stages).find((x) => x);
    if (!declared) return;
    for (const key of ["reach", "from"] as const) {
      const id = stage[key];
      if (id === undefined || declared.includes(id)) continue;
      const word = (x: string) => ({ zh: STAGES.label(x, "zh"), en: STAGES.label(x, "en") });
      at(r, ["stage", key], "rule-reference", msg("rule-reference.stage", { stage: word(id) }), msg("rule-reference.hint-stages", { stages: declared.map(word) }));
    }
  };

  for (const c of categories.values()) if (c.parent) refCheck(c, ["parent"], c.parent, categoryIds, "category");
  for (const item of items.values()) {
    for (const v of item.versions) {
      kindsRef(v, ["kinds"], v.kinds);
      if (v.category) refCheck(v, ["category"], v.category, categoryIds, "category");
      if (v.credit.type === "once") v.credit.anyOf.forEach((q, i) => kindsRef(v, ["once", "anyOf", i, "kinds"], q.kinds));
    }
  }
  for (const r of requirements) {
    const tg = r.target;
    if (tg.type === "category") refCheck(r, ["category"], tg.id, categoryIds, "category");
    if (tg.type === "item") refCheck(r, ["item"], tg.id, itemIds, "item");
    if (tg.type === "kinds") {
      kindsRef(r, ["kinds"], tg.kinds);
      kindsRef(r, ["makeUp"], tg.makeUp);
      if (tg.followUp) kindsRef(r, [tg.followUp.direction, "kinds"], tg.followUp.kinds);
      if (tg.stage) stageCheck(r, tg.kinds, tg.stage);
    }
    if (tg.type === "share") {
      const teacherReqs = requirements.filter((q) => q.subject === "teacher").map((q) => q.id);
      if (!teacherReqs.includes(tg.requirement)) {
        const guess = didYouMean(tg.requirement, teacherReqs);
        at(r, ["share"], "rule-reference", msg("rule-reference", { what: "teacher-requirement", id: tg.requirement }),
          guess ? msg("did-you-mean", { guess }) : definedHint(teacherReqs, "teacher-requirement", "requirements:"));
      }
    }
    r.substitutes.forEach((s, i) => kindsRef(r, ["substitutes", i, "kinds"], s.kinds));
  }

  // Roles: a rule's `roles` are the teacher's roster roles (Chinese, as the roster writes them).
  const roleCheck = (d: Defined, sub: (string | number)[], roles: string[] | undefined) =>
    roles?.forEach((role, i) => {
      const activity = ACTIVITY_ROLES.normalize(role);
      if (activity) {
        const key = sub.at(-1) === "exceptRoles" ? "exceptActivityRoles" : "activityRoles";
        at(d, [...sub, i], "rule-role", msg("rule-role.activity", { role }), msg("rule-role.hint-activity", { key, role }), "warning");
        return;
      }
      const teacher = TEACHER_ROLES.entries.find((e) => e.id === role || e.en === role);
      if (teacher) {
        at(d, [...sub, i], "rule-role", msg("rule-role", { role, zh: teacher.zh }), msg("rule-role.hint-write", { zh: teacher.zh }), "warning");
      }
    });
  for (const item of items.values()) for (const v of item.versions) {
    roleCheck(v, ["roles"], v.conditions.roles);
    roleCheck(v, ["exceptRoles"], v.conditions.exceptRoles);
  }
  for (const r of requirements) {
    roleCheck(r, ["roles"], r.roles);
    roleCheck(r, ["exceptRoles"], r.exceptRoles);
    r.byRole.forEach((b, i) => roleCheck(r, ["byRole", i, "roles"], b.roles));
    r.substitutes.forEach((b, i) => roleCheck(r, ["substitutes", i, "roles"], b.roles));
  }

  // Cyclic categories: walk each parent chain once; a chain that reaches a category still on
  // the current walk has closed a cycle (linear in the number of categories).
  const state = new Map<string, "walking" | "done">();
  for (const c of categories.values()) {
    const walk: string[] = [];
    let cur: CategoryDef | undefined = c;
    while (cur && !state.has(cur.id)) {
      state.set(cur.id, "walking");
      walk.push(cur.id);
      cur = cur.parent ? categories.get(cur.parent) : undefined;
    }
    if (cur && state.get(cur.id) === "walking") {
      const cycle = walk.slice(walk.indexOf(cur.id));
      const first = categories.get(cycle[0]!)!;
      at(first, ["parent"], "rule-cycle", msg("rule-cycle", { cycle: [...cycle, cycle[0]!] }));
    }
    for (const id of walk) state.set(id, "done");
  }

  // Caps below required minimums: unreachable whenever the requirement's window fits in the cap's.
  for (const r of requirements) {
    if (r.target.type !== "item" && r.target.type !== "category") continue;
    const mins = [r.minimum, ...r.byRole.map((b) => b.minimum)].filter((x): x is number => x !== undefined);
    if (mins.length === 0) continue;
    const need = Math.max(...mins);
    const capped =
      r.target.type === "item"
        ? items.get(r.target.id)?.versions.filter((v) => v.cap !== undefined).map((v) => ({ cap: v.cap!, per: v.per, d: v as Defined }))
        : [categories.get(r.target.id)].filter((c) => c?.cap !== undefined).map((c) => ({ cap: c!.cap!, per: c!.per, d: c as Defined }));
    for (const c of capped ?? []) {
      // A default window is unknown when the scheme's settings were left out.
      if (skipped?.scheme && (r.per === undefined || c.per === undefined)) continue;
      if (c.cap < need && WINDOW_ORDER[r.per ?? meta.period] <= WINDOW_ORDER[c.per ?? meta.period]) {
        at(r, ["minimum"], "rule-cap-floor", msg("rule-cap-floor", { minimum: need, at: loc(c.d), cap: c.cap }));
        break;
      }
    }
  }

  // A 学分 scheme converting hours needs a rate; without one, 1 学时 would silently count 1 学分.
  if (meta.unit === "credits" && meta.hoursPerCredit === undefined) {
    for (const item of items.values()) {
      for (const v of item.versions) {
        if (v.credit.type === "hours" && v.credit.hoursPerCredit === undefined) {
          at(v, ["hours"], "rule-conversion", msg("rule-conversion.no-rate", { item: v.id }), msg("rule-conversion.hint-no-rate"));
        }
      }
    }
  }

  const scheme: Scheme = {
    meta,
    kinds: new Map([...kinds].map(([id, k]) => [id, { id: k.id, label: k.label, labelEn: k.labelEn, fields: k.fields, ...(k.session ? { session: true } : {}), ...(k.leadRole ? { leadRole: k.leadRole } : {}) }])),
    categories,
    items,
    requirements,
    grades,
    files: sets.map((s) => s.file),
    ...(skipped ? { skipped } : {}),
  };
  return { scheme, problems };
}

function joinSkipped(a: SkippedIds | undefined, b: SkippedIds): SkippedIds {
  if (!a) return { kinds: copy(b.kinds), categories: copy(b.categories), items: copy(b.items), scheme: b.scheme };
  const join = (x: Set<string> | "any", y: Set<string> | "any") => (x === "any" || y === "any" ? "any" : new Set([...x, ...y]));
  return { kinds: join(a.kinds, b.kinds), categories: join(a.categories, b.categories), items: join(a.items, b.items), scheme: a.scheme || b.scheme };
}
const copy = (x: Set<string> | "any") => (x === "any" ? x : new Set(x));
