/**
 * Teachers and groups as people name them: an id (t07, ｔ０７, T07), a name (李娜, 李 娜), an e-mail, or a
 * group's name (语文组, 语文教研组). One resolver for every command and flag, so a name that works in
 * `--teacher` works in `--absent`, `--as`, `score --teacher` and the rest. Pure: the roster comes in.
 */
import { t, type Lang } from "../i18n.js";
import type { Group, Teacher } from "../model.js";
import { didYouMean } from "../did-you-mean.js";
import { toHalfWidth } from "./date.js";

export type Resolved<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "unknown"; /** The closest id or name, when it looks like a typo. */ guess?: T }
  | { ok: false; reason: "ambiguous"; candidates: T[] };

/** Full-width to half-width, zero-width characters and all spaces removed: how a typed key is compared. */
export function foldKey(text: string): string {
  return toHalfWidth(text.normalize("NFKC")).replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, "");
}

const lower = (s: string) => foldKey(s).toLowerCase();

/**
 * First the id exactly, then the id however it was typed (full-width, upper case), then the name, then an
 * e-mail. A name two teachers share is ambiguous: the caller lists their ids.
 */
export function resolveTeacher(teachers: readonly Teacher[], text: string): Resolved<Teacher> {
  const key = text.trim();
  const exact = teachers.find((x) => x.id === key);
  if (exact) return { ok: true, value: exact };
  return pick(teachers, [
    (x) => lower(x.id) === lower(key),
    (x) => foldKey(x.name) === foldKey(key),
    (x) => x.emails.some((e) => lower(e) === lower(key)),
  ], key, (x) => [x.id, x.name]);
}

/** A group's type word at the end of its name: 语文组, 语文教研组 and 语文备课组 all say 语文. */
const GROUP_SUFFIX = /(教研组|备课组|学科组|组)$/;
const groupCore = (name: string) => foldKey(name).replace(GROUP_SUFFIX, "");

/** The id, then the group's name, then its name without the type word (语文教研组 for a group called 语文组). */
export function resolveGroup(groups: readonly Group[], text: string): Resolved<Group> {
  const key = text.trim();
  const exact = groups.find((g) => g.id === key);
  if (exact) return { ok: true, value: exact };
  return pick(groups, [
    (g) => lower(g.id) === lower(key),
    (g) => foldKey(g.name) === foldKey(key),
    (g) => groupCore(key) !== "" && groupCore(g.name) === groupCore(key),
  ], key, (g) => [g.id, g.name]);
}

/** The first test that matches anything decides: one match is the answer, more are ambiguous. */
function pick<T>(all: readonly T[], tests: ((x: T) => boolean)[], key: string, keysOf: (x: T) => string[]): Resolved<T> {
  for (const test of tests) {
    const found = all.filter(test);
    if (found.length === 1) return { ok: true, value: found[0]! };
    if (found.length > 1) return { ok: false, reason: "ambiguous", candidates: found };
  }
  const byKey = new Map<string, T>();
  for (const x of all) for (const k of keysOf(x)) byKey.set(k, x);
  const guess = didYouMean(foldKey(key), [...byKey.keys()]);
  return { ok: false, reason: "unknown", guess: guess === undefined ? undefined : byKey.get(guess) };
}

/** Splits a list as typed: commas (half- or full-width), 、 and spaces. */
export function splitList(text: string): string[] {
  return text.split(/[,，、;；\s\u3000]+/).map((s) => s.trim()).filter(Boolean);
}

/** Every name in a list, or the first that does not resolve. */
export function resolveTeachers(teachers: readonly Teacher[], text: string): { ok: true; value: Teacher[] } | { ok: false; text: string; why: Resolved<Teacher> & { ok: false } } {
  const out: Teacher[] = [];
  for (const part of splitList(text)) {
    const r = resolveTeacher(teachers, part);
    if (!r.ok) return { ok: false, text: part, why: r };
    out.push(r.value);
  }
  return { ok: true, value: out };
}

const teacherLabel = (x: Teacher) => `${x.name}(${x.id})`;
const groupLabel = (g: Group) => `${g.name}(${g.id})`;

/**
 * What to say when a teacher cannot be found: the closest one, or the ids of all who share the name.
 * `flag` (like "--absent") is named so the fix can be typed as shown.
 */
export function teacherNotFound(text: string, why: Resolved<Teacher> & { ok: false }, lang: Lang, groups: readonly Group[] = [], flag?: string): string {
  if (why.reason === "ambiguous") {
    const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id;
    const where = (x: Teacher, sep: string) => (x.groups.length > 0 ? `${sep}${x.groups.map(groupName).join(sep === "," ? "、" : ", ")}` : "");
    const zh = why.candidates.map((x) => `${x.id}(${x.name}${where(x, ",")})`).join("、");
    const en = why.candidates.map((x) => `${x.id} (${x.name}${where(x, "; ")})`).join(", ");
    const example = `${flag ? `${flag} ` : ""}${why.candidates[0]!.id}`;
    return t(lang, `名册里有 ${why.candidates.length} 位教师叫「${text}」:${zh};请用编号,比如 ${example}`,
      `${why.candidates.length} teachers in the roster are called '${text}': ${en}; use an id, e.g. ${example}`);
  }
  const head = flag ? `${flag} ${text}:` : "";
  return t(lang, `${head}名册里没有教师「${text}」${why.guess ? `;是不是 ${teacherLabel(why.guess)}?` : ";用 roster.yaml 中的编号或姓名"}`,
    `${flag ? `${flag} ${text}: ` : ""}there is no teacher '${text}' in the roster${why.guess ? `; did you mean ${why.guess.name} (${why.guess.id})?` : "; use an id or a name from roster.yaml"}`);
}

export function groupNotFound(text: string, why: Resolved<Group> & { ok: false }, lang: Lang, flag?: string): string {
  if (why.reason === "ambiguous") {
    const ids = why.candidates.map(groupLabel);
    return t(lang, `「${text}」可能是 ${ids.join("、")};请用编号,比如 ${flag ?? "--group"} ${why.candidates[0]!.id}`,
      `'${text}' could be ${why.candidates.map((g) => `${g.name} (${g.id})`).join(", ")}; use an id, e.g. ${flag ?? "--group"} ${why.candidates[0]!.id}`);
  }
  const head = flag ? `${flag} ${text}:` : "";
  return t(lang, `${head}名册里没有教研组「${text}」${why.guess ? `;是不是 ${groupLabel(why.guess)}?` : ";用 roster.yaml 中组的编号或名称"}`,
    `${flag ? `${flag} ${text}: ` : ""}there is no group '${text}' in the roster${why.guess ? `; did you mean ${why.guess.name} (${why.guess.id})?` : "; use a group's id or name from roster.yaml"}`);
}
