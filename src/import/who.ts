/**
 * A teacher, a group or a kind named in a spreadsheet cell: by id, else by name (or Chinese
 * label) when that names exactly one; otherwise the reason in the user's language, naming the
 * candidates. Pure.
 */
import { t, type Lang } from "../i18n.js";
import type { Group, Teacher } from "../model.js";
import type { KindDef } from "../rules/types.js";
import { didYouMean } from "../did-you-mean.js";

export type Found<T> = { ok: T } | { error: string };

const sep = (lang: Lang) => t(lang, "、", ", ");

export function findTeacher(teachers: readonly Teacher[], groups: readonly Group[], key: string, lang: Lang): Found<Teacher> {
  const k = key.trim();
  const byId = teachers.find((x) => x.id === k);
  if (byId) return { ok: byId };
  const byName = teachers.filter((x) => x.name === k);
  if (byName.length === 1) return { ok: byName[0]! };
  if (byName.length > 1) {
    const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id;
    const who = byName.map((x) => `${x.id}${x.groups.length ? `(${x.groups.map(groupName).join(sep(lang))})` : ""}`).join(sep(lang));
    return { error: t(lang, `名册中有 ${byName.length} 位教师叫「${k}」:${who};请填工号`, `${byName.length} teachers on the roster are called '${k}': ${who}; give the id`) };
  }
  const guess = didYouMean(k, [...teachers.map((x) => x.id), ...teachers.map((x) => x.name)]);
  return { error: t(lang, `名册中没有教师「${k}」${guess ? `;是不是「${guess}」?` : ""}`, `no teacher '${k}' on the roster${guess ? `; did you mean '${guess}'?` : ""}`) };
}

export function findGroup(groups: readonly Group[], key: string, lang: Lang): Found<Group> {
  const k = key.trim();
  const found = groups.find((g) => g.id === k) ?? (groups.filter((g) => g.name === k).length === 1 ? groups.find((g) => g.name === k) : undefined);
  if (found) return { ok: found };
  const guess = didYouMean(k, [...groups.map((g) => g.id), ...groups.map((g) => g.name)]);
  return { error: t(lang, `名册中没有教研组「${k}」${guess ? `;是不是「${guess}」?` : ""}`, `no group '${k}' on the roster${guess ? `; did you mean '${guess}'?` : ""}`) };
}

/** A kind by its id, its Chinese label or its English label, as the school's rules define them. */
export function findKind(kinds: ReadonlyMap<string, KindDef>, key: string, lang: Lang): Found<KindDef> {
  const k = key.trim();
  const byId = kinds.get(k);
  if (byId) return { ok: byId };
  const all = [...kinds.values()];
  const byLabel = all.filter((x) => x.label === k || x.labelEn.toLowerCase() === k.toLowerCase());
  if (byLabel.length === 1) return { ok: byLabel[0]! };
  // "听课" for 听课/观课议课: a label holding what was typed is the likeliest meaning.
  const holding = all.filter((x) => x.label.includes(k));
  const guess = holding.length === 1 ? holding[0]!.label : didYouMean(k, [...all.map((x) => x.id), ...all.map((x) => x.label)]);
  return { error: t(lang, `规则中没有活动类型「${k}」${guess ? `;是不是「${guess}」?` : ""}(类型见模板的「类型说明」表)`, `the rules define no kind '${k}'${guess ? `; did you mean '${guess}'?` : ""} (the template's 类型说明 sheet lists them)`) };
}
