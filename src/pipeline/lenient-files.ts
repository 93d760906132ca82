/**
 * A config or roster with errors still tells a lot: the rule files it names, the calendar,
 * the teachers' ids. These read what is valid of them, field by field and entry by entry, so
 * that check can still run every check that does not depend on the broken part (the broken
 * part's own problems are reported by the schema). Never used for scoring.
 */
import type { z } from "zod";
import { configSchema, groupSchema, rosterSchema, teacherSchema, type ConfigFile, type RosterFile } from "../schema/files.js";

/** What a check may depend on that a broken file leaves unknown. */
export type Unsure = "config" | "calendar" | "rules-list" | "kinds" | "roster" | "roster-ids";

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** Each field of a strict object that passes on its own; required fields that fail get `fallback`. */
function validFields<T extends z.ZodObject>(schema: T, raw: Record<string, unknown>, fallback: Partial<z.output<T>>): { data?: z.output<T>; clean: boolean } {
  const out: Record<string, unknown> = {};
  let clean = true;
  for (const [key, field] of Object.entries(schema.shape)) {
    const parsed = (field as z.ZodType).safeParse(raw[key]);
    if (parsed.success) {
      if (parsed.data !== undefined) out[key] = parsed.data;
    } else {
      clean = false;
      const absent = (field as z.ZodType).safeParse(undefined);
      if (key in fallback) out[key] = (fallback as Record<string, unknown>)[key];
      else if (absent.success && absent.data !== undefined) out[key] = absent.data;
    }
  }
  // Required fields that neither passed nor have a stand-in leave nothing usable.
  const complete = Object.entries(schema.shape).every(([key, field]) => key in out || (field as z.ZodType).safeParse(undefined).success);
  return complete ? { data: out as z.output<T>, clean } : { clean: false };
}

export function lenientConfig(raw: unknown): { data: ConfigFile; unsure: Unsure[] } {
  const whole = configSchema.safeParse(raw);
  if (whole.success) return { data: whole.data, unsure: [] };
  const fallback = { school: "?", rules: [], years: [] } as unknown as Partial<ConfigFile>;
  const found = isObject(raw) ? validFields(configSchema, raw, fallback).data : undefined;
  const data = found ?? ({ school: "?", lang: "zh", rules: [], years: [], checks: {}, notScored: [] } as unknown as ConfigFile);
  const unsure: Unsure[] = ["config"];
  const ok = (key: string) => isObject(raw) && configSchema.shape[key as keyof typeof configSchema.shape].safeParse(raw[key]).success;
  if (!ok("years") || !ok("cycle")) unsure.push("calendar");
  if (!ok("rules")) unsure.push("rules-list");
  return { data: { ...data, rules: ok("rules") ? data.rules : [], years: ok("years") ? data.years : [] }, unsure };
}

/** Valid entries of a list; an entry with a valid id keeps its valid fields. */
function lenientList<T extends z.ZodObject>(schema: T, raw: unknown): { items: z.output<T>[]; idsComplete: boolean } {
  if (raw === undefined || raw === null) return { items: [], idsComplete: true };
  if (!Array.isArray(raw)) return { items: [], idsComplete: false };
  const items: z.output<T>[] = [];
  let idsComplete = true;
  for (const entry of raw) {
    const whole = schema.safeParse(entry);
    if (whole.success) {
      items.push(whole.data);
      continue;
    }
    const fields = isObject(entry) ? validFields(schema, entry, { name: entry.id } as unknown as Partial<z.output<T>>).data : undefined;
    if (fields) items.push(fields);
    else idsComplete = false;
  }
  return { items, idsComplete };
}

export function lenientRoster(raw: unknown): { data: RosterFile; unsure: Unsure[] } {
  // Read past typing mistakes only (src/repo/typing-mistakes.ts): all is known as the fix will make it.
  const whole = rosterSchema.safeParse(raw);
  if (whole.success) return { data: whole.data, unsure: [] };
  const map = isObject(raw) ? raw : {};
  const teachers = lenientList(teacherSchema, map.teachers);
  const groups = lenientList(groupSchema, map.groups);
  const idsComplete = isObject(raw) && teachers.idsComplete && groups.idsComplete && teachers.items.length > 0;
  const data = { groups: groups.items, teachers: teachers.items } as RosterFile;
  return { data, unsure: idsComplete ? ["roster"] : ["roster", "roster-ids"] };
}
