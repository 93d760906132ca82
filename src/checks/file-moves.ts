/**
 * Where a misplaced record or session file belongs, when that is certain, for `term-folder` and
 * `file-place` to offer `check --fix` a move: every entry of the file dated in one term T (or, for
 * a file with no entries, the term folder it is already in) gives `<folder>/<T>/<id>.yaml`. No move
 * when the entries span several terms, when the target exists or another file belongs there too
 * (a person merges the records: two files cannot be changed whole-or-nothing together), when
 * the file was not read whole (a syntax or format error may hide an entry's date), or when the
 * move would take records into or out of a closed term (its hours are final: the office decides).
 */
import { allTerms, termOf } from "../model.js";
import { CONFIG_FILE } from "../repo/layout.js";
import { closedOn, closedTermsOf } from "../repo/closed-terms.js";
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import type { CheckContext } from "./context.js";

export type FileMove =
  | { kind: "move"; to: string }
  | { kind: "target-exists"; to: string }
  | { kind: "shared-target"; to: string; others: string[] }
  | { kind: "several-terms"; terms: string[] }
  /** A closed term's records are final: no file moves into or out of its folder. */
  | { kind: "closed"; term: string };

const planned = new WeakMap<CheckContext, Map<string, FileMove>>();

/** The misplaced files of the repository, each with its move or why there is none; memoized per check run. */
export function fileMoves(ctx: CheckContext): Map<string, FileMove> {
  let moves = planned.get(ctx);
  if (!moves) planned.set(ctx, (moves = planMoves(ctx)));
  return moves;
}

function planMoves(ctx: CheckContext): Map<string, FileMove> {
  const out = new Map<string, FileMove>();
  const config = ctx.dataset?.config;
  if (!config) return out;
  const known = new Set(allTerms(config).map((x) => x.id));
  const files = ctx.repo.files.filter((f) => f.kind === "records" || f.kind === "sessions");
  const present = new Set(files.map((f) => f.file));
  const closed = new Set(closedTermsOf(ctx.source(CONFIG_FILE)?.data).filter((c) => closedOn(c, ctx.today)).map((c) => c.term));
  const dates = new Map<string, string[]>();
  for (const a of ctx.entries) {
    const list = dates.get(a.origin.file);
    if (list) list.push(a.date);
    else dates.set(a.origin.file, [a.date]);
  }
  // One lookup per distinct date: a district has 100k records and a few hundred dates.
  const termIds = new Map<string, string | undefined>();
  const termIdOf = (date: string) => {
    if (!termIds.has(date)) termIds.set(date, termOf(config, date)?.id);
    return termIds.get(date);
  };
  const targets = new Map<string, string[]>();
  for (const f of files) {
    if (f.problems.some((p) => p.severity === "error")) continue;
    const parts = f.file.split("/");
    const stem = stemOf(f.file);
    const terms = new Set<string>();
    let undated = false;
    for (const date of dates.get(f.file) ?? []) {
      const term = termIdOf(date);
      if (term) terms.add(term);
      else undated = true;
    }
    if (undated) continue;
    if (terms.size > 1) {
      out.set(f.file, { kind: "several-terms", terms: [...terms].sort() });
      continue;
    }
    const term = terms.size === 1 ? [...terms][0]! : parts.length === 3 && known.has(parts[1]!) ? parts[1]! : undefined;
    if (term === undefined) continue;
    const to = `${parts[0]}/${term}/${stem}.yaml`;
    if (to === f.file) continue;
    const final = [term, parts.length === 3 ? parts[1]! : ""].find((x) => closed.has(x));
    if (final !== undefined) {
      out.set(f.file, { kind: "closed", term: final });
      continue;
    }
    if (present.has(to)) out.set(f.file, { kind: "target-exists", to });
    else targets.set(to, [...(targets.get(to) ?? []), f.file]);
  }
  for (const [to, from] of targets) {
    for (const file of from) {
      out.set(file, from.length === 1 ? { kind: "move", to } : { kind: "shared-target", to, others: from.filter((x) => x !== file) });
    }
  }
  return out;
}

/** The teacher's or group's id a file is named by: records/2025-2026-1/t01.yml → t01. */
export function stemOf(file: string): string {
  return file.split("/").at(-1)!.replace(/\.ya?ml$/i, "");
}

/**
 * A term-folder problem (one entry filed in the wrong term) with the file's move as its fix, or a
 * hint saying what to do by hand. `entryTarget`: the file this entry belongs in.
 */
export function withMove(p: Problem, move: FileMove | undefined, entryTarget: string): Problem {
  switch (move?.kind) {
    case undefined: return p;
    case "move": return { ...p, hint: msg("file-move.hint-move", { to: move.to }), fix: { move: { from: p.file, to: move.to } } };
    case "target-exists": return { ...p, hint: msg("file-move.hint-target-exists", { to: move.to }) };
    case "shared-target": return { ...p, hint: msg("file-move.hint-shared-target", { to: move.to, others: move.others }) };
    case "several-terms": return { ...p, hint: msg("file-move.hint-several-terms", { to: entryTarget, terms: move.terms }) };
    case "closed": return { ...p, hint: msg("file-move.hint-closed", { term: move.term }) };
  }
}

/** A file-place problem (the whole file misplaced) with the file's move as its fix, or a hint saying what to do by hand. */
export function withFileMove(p: Problem, move: FileMove | undefined): Problem {
  switch (move?.kind) {
    case undefined: return p;
    case "move": return { ...p, hint: msg("file-move.hint-move", { to: move.to }), fix: { move: { from: p.file, to: move.to } } };
    case "target-exists": return { ...p, hint: msg("file-move.hint-merge", { to: move.to }) };
    case "shared-target": return { ...p, hint: msg("file-move.hint-shared-target", { to: move.to, others: move.others }) };
    case "several-terms": return { ...p, hint: msg("file-move.hint-split", { folder: p.file.split("/")[0]!, id: stemOf(p.file), terms: move.terms }) };
    case "closed": return { ...p, hint: msg("file-move.hint-closed", { term: move.term }) };
  }
}
