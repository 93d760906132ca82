/**
 * A rule file that fails its schema (problems already reported by zod) still yields every
 * entry that is valid on its own, so that merge can check references, overlaps and cycles in
 * the same run, as records are read leniently (src/schema/activities.ts). The ids of the entries
 * left out are kept, so a reference to one of them is not reported again as undefined.
 */
import type { z } from "zod";
import { ruleFileSchema, categorySchema, gradeSchema, itemSchema, kindSchema, requirementSchema, schemeMetaSchema, type RuleFile } from "./schema.js";
import type { SkippedIds } from "./types.js";
import { didYouMean } from "../did-you-mean.js";

type Tracked = "kinds" | "categories" | "items";

export function noSkipped(): SkippedIds {
  return { kinds: new Set(), categories: new Set(), items: new Set(), scheme: false };
}

/** An entry of `list` was left out; an id that cannot be read leaves the whole list unjudgeable. */
export function noteSkipped(skipped: SkippedIds, list: Tracked, id: unknown): void {
  const ids = skipped[list];
  if (ids === "any") return;
  if (typeof id === "string" && id !== "") ids.add(id);
  else skipped[list] = "any";
}

export function isEmpty(s: SkippedIds): boolean {
  return !s.scheme && (["kinds", "categories", "items"] as const).every((l) => s[l] !== "any" && s[l].size === 0);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** Where each kept entry stood in the file's list, so that positions still point at it. */
export type RawIndices = Record<"kinds" | "categories" | "items" | "requirements" | "grades", number[]>;

/** The file's valid parts as the file schema would give them; what is left out goes into `skipped`. */
export function lenientRuleFile(raw: unknown, skipped: SkippedIds): { data: RuleFile; indices: RawIndices } {
  const indices: RawIndices = { kinds: [], categories: [], items: [], requirements: [], grades: [] };
  const file = isObject(raw) ? raw : {};
  // Not a map, or a misspelt list name (itmes:): that whole list is unknown, so is anything in
  // it; the other lists are still known (a misspelt items: must not hide unknown kinds).
  if (!isObject(raw)) {
    for (const list of ["kinds", "categories", "items"] as const) skipped[list] = "any";
    skipped.scheme = true;
  } else {
    const keys = Object.keys(ruleFileSchema.shape);
    for (const key of Object.keys(raw).filter((k) => !keys.includes(k))) {
      const meant = didYouMean(key, keys);
      const lists = meant === undefined ? (["kinds", "categories", "items"] as const) : (["kinds", "categories", "items"] as const).filter((l) => l === meant);
      for (const list of lists) skipped[list] = "any";
    }
  }
  const list = <S extends z.ZodType>(key: keyof RawIndices, schema: S): z.output<S>[] => {
    const entries = file[key];
    if (entries === undefined) return [];
    const tracked = key === "kinds" || key === "categories" || key === "items" ? key : undefined;
    if (!Array.isArray(entries)) {
      if (tracked) skipped[tracked] = "any";
      return [];
    }
    const valid: z.output<S>[] = [];
    entries.forEach((entry, index) => {
      const parsed = schema.safeParse(entry);
      if (parsed.success) {
        valid.push(parsed.data);
        indices[key].push(index);
      } else if (tracked) noteSkipped(skipped, tracked, isObject(entry) ? entry.id : undefined);
    });
    return valid;
  };
  let scheme: RuleFile["scheme"];
  if (file.scheme !== undefined) {
    const parsed = schemeMetaSchema.safeParse(file.scheme);
    if (parsed.success) scheme = parsed.data;
    else skipped.scheme = true;
  }
  const data = {
    scheme,
    kinds: list("kinds", kindSchema),
    categories: list("categories", categorySchema),
    items: list("items", itemSchema),
    requirements: list("requirements", requirementSchema),
    grades: list("grades", gradeSchema),
  };
  return { data, indices };
}
