/**
 * The evidence a kind's items ask for by name (`evidence: [计划, 笔记, 总结]`): a record counts only
 * when each name appears in one of its evidence paths. A phone names its photos IMG_0001.jpg, so
 * the form offers one upload per name and the saved file carries the name. Pure.
 */
import type { Scheme } from "../rules/types.js";
import type { Form } from "./request.js";
import { files } from "./request.js";
import { tidyStem } from "./uploads.js";

/**
 * The names, in the order the rules give them, over every version of every item of the kind. Only
 * names a saved file's name can carry as they are (letters, digits, _ and -: uploads.ts tidies the rest
 * away), since the rules look for the very name: "教学设计(初稿)" would be saved as 教学设计-初稿
 * and still not count, so it gets no box of its own and the form promises nothing for it.
 */
export function evidenceNames(scheme: Scheme | undefined, kind: string): string[] {
  const names = new Set<string>();
  for (const item of scheme?.items.values() ?? []) {
    for (const v of item.versions) {
      if (!v.kinds.includes(kind)) continue;
      for (const name of v.conditions.evidence ?? []) if (name !== "" && tidyStem(name) === name) names.add(name);
    }
  }
  return [...names];
}

/** The form field of the upload for one name. */
export const namedField = (name: string) => `evidence:${name}`;

/**
 * The files a form uploads: the general ones as named, and each one chosen for a name with that
 * name in front (unless its own name has it already). Only the kind's own names are read.
 */
export function chosenUploads(form: Form, names: readonly string[]): File[] {
  const named = names.flatMap((name) => files(form, namedField(name)).map((f) => (f.name.includes(name) ? f : new File([f], `${name}-${f.name}`, { type: f.type }))));
  return [...named, ...files(form, "evidence")];
}
