/**
 * `table: { by: [level, award], values: {...} }` — credit looked up by the record's fields.
 * Keys are vocabulary ids or their Chinese words (区级, 一等奖); `province+` means that level
 * or higher (省级及以上); `default` catches the rest. A number where a map could be means
 * "whatever the remaining fields are".
 */
import type { Activity } from "../../model.js";
import { ACTIVITY_ROLES, AWARDS, LEVEL_RANK, LEVELS, STAGES } from "../../schema/vocab.js";
import type { TableDim, TableNode } from "../types.js";

const VOCABS: Partial<Record<TableDim, { ids: string[]; entries: { zh: string }[]; normalize: (w: string) => string | undefined }>> = {
  level: LEVELS,
  award: AWARDS,
  role: ACTIVITY_ROLES,
  stage: STAGES,
};

export type KeyResult = { key: string } | { error: "unknown"; allowed: string[] };

/** Normalise one table key of a dimension to its id form. */
export function normalizeKey(dim: TableDim, key: string): KeyResult {
  if (key === "default") return { key };
  const vocab = VOCABS[dim];
  if (!vocab) return { key }; // kind ids are checked against the scheme's kinds at merge
  const plus = dim === "level" && key.endsWith("+");
  const base = plus ? key.slice(0, -1) : key.replace(/及以上$/, "");
  const orAbove = plus || (dim === "level" && key.endsWith("及以上"));
  const id = vocab.normalize(base);
  // The Chinese words first: they are what a school writes (主持 参与 主讲 主备).
  if (!id) return { error: "unknown", allowed: [...vocab.entries.map((e) => e.zh), ...vocab.ids, ...(dim === "level" ? vocab.ids.map((i) => `${i}+`) : []), "default"] };
  return { key: orAbove ? `${id}+` : id };
}

export interface TableIssue {
  path: string[];
  kind: "unknown-key" | "too-deep" | "too-shallow";
  key?: string;
  allowed?: string[];
}

/** Normalise every key; report keys that name nothing and maps nested deeper than `by`. */
export function normalizeTable(by: TableDim[], node: TableNode, path: string[] = []): { values: TableNode; issues: TableIssue[] } {
  if (typeof node === "number") return { values: node, issues: [] };
  const depth = path.length;
  if (depth >= by.length) return { values: 0, issues: [{ path, kind: "too-deep" }] };
  const issues: TableIssue[] = [];
  const out: Record<string, TableNode> = {};
  for (const [key, child] of Object.entries(node)) {
    const r = normalizeKey(by[depth]!, key);
    if ("error" in r) {
      issues.push({ path: [...path, key], kind: "unknown-key", key, allowed: r.allowed });
      continue;
    }
    const sub = normalizeTable(by, child, [...path, key]);
    issues.push(...sub.issues);
    out[r.key] = sub.values;
  }
  return { values: out, issues };
}

function fieldOf(act: Partial<Activity>, dim: TableDim): string | undefined {
  return act[dim] as string | undefined;
}

/** Credit for one record (before count), or undefined when no entry matches. */
export function lookupTable(by: TableDim[], values: TableNode, act: Partial<Activity>, depth = 0): number | undefined {
  if (typeof values === "number") return values;
  const dim = by[depth];
  if (!dim) return undefined;
  const value = fieldOf(act, dim);
  const candidates: TableNode[] = [];
  if (value !== undefined && values[value] !== undefined) candidates.push(values[value]!);
  if (dim === "level" && value !== undefined && value in LEVEL_RANK) {
    // The highest "X+" at or below the record's level: province+ covers national.
    const plus = Object.keys(values)
      .filter((k) => k.endsWith("+") && LEVEL_RANK[k.slice(0, -1)]! <= LEVEL_RANK[value]!)
      .sort((a, b) => LEVEL_RANK[b.slice(0, -1)]! - LEVEL_RANK[a.slice(0, -1)]!);
    for (const k of plus) candidates.push(values[k]!);
  }
  if (values.default !== undefined) candidates.push(values.default);
  for (const c of candidates) {
    const found = lookupTable(by, c, act, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
