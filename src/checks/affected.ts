/**
 * Which files a check of "what changed" must report on. The whole repository is still
 * loaded (references and duplicates span files); this only narrows the report, so the
 * problems of a changed file are exactly those a full check finds in it.
 */
import { normalize } from "node:path";
import type { LoadedRepo } from "../pipeline/load.js";
import { CONFIG_FILE, ROSTER_FILE } from "../repo/layout.js";
import type { RepoChanges } from "../git/changed.js";
import { duplicateKey } from "./duplicates.js";

/**
 * Files whose problems can differ after these changes: the changed record and session
 * files, the files holding a duplicate of one of their activities, and the files citing
 * changed or deleted evidence. A changed config, roster or rule file changes the meaning of
 * every file: then the answer is undefined, meaning "all".
 */
export function filesToCheck(repo: LoadedRepo, changes: RepoChanges): Set<string> | undefined {
  const touched = [...changes.changed, ...changes.deleted];
  const ruleFiles = new Set(repo.dataset?.config.rules ?? repo.files.filter((f) => f.kind === "rules").map((f) => f.file));
  if (touched.some((p) => p === CONFIG_FILE || p === ROSTER_FILE || ruleFiles.has(p))) return undefined;

  const loaded = new Set(repo.files.map((f) => f.file));
  const files = new Set(changes.changed.filter((p) => loaded.has(p)));
  const activities = repo.dataset?.activities ?? [];
  const touchedSet = new Set(touched);
  const byKey = new Map<string, Set<string>>();
  for (const a of activities) {
    const k = duplicateKey(a);
    byKey.set(k, (byKey.get(k) ?? new Set()).add(a.origin.file));
  }
  const direct = new Set(files);
  for (const a of activities) {
    if (direct.has(a.origin.file)) for (const f of byKey.get(duplicateKey(a)) ?? []) files.add(f);
    if (a.evidence.some((e) => touchedSet.has(normalize(e).replace(/\\/g, "/")))) files.add(a.origin.file);
  }
  return files;
}
