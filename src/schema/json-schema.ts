/**
 * JSON Schemas for editors, generated from the zod schemas so they never drift: with the
 * YAML language server, a `# yaml-language-server: $schema=…` line (or an editor mapping)
 * gives autocompletion and inline errors while typing records.
 */
import { z } from "zod";
import { configSchema, recordFileSchema, rosterSchema, sessionFileSchema } from "./files.js";
import { ruleFileSchema } from "../rules/schema.js";

export const SCHEMA_FILES = {
  "config.schema.json": { schema: configSchema, title: "yanxiu config (yanxiu.yaml)" },
  "roster.schema.json": { schema: rosterSchema, title: "yanxiu roster (roster.yaml)" },
  "records.schema.json": { schema: recordFileSchema, title: "yanxiu teacher records (records/<term>/<teacher>.yaml)" },
  "sessions.schema.json": { schema: sessionFileSchema, title: "yanxiu group sessions (sessions/<term>/<group>.yaml)" },
  "rules.schema.json": { schema: ruleFileSchema, title: "yanxiu rule file (rules/*.yaml)" },
} as const;

export function jsonSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, { schema, title }] of Object.entries(SCHEMA_FILES)) {
    const json = z.toJSONSchema(schema as z.ZodType, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    out.set(file, JSON.stringify({ title, ...json }, null, 2) + "\n");
  }
  return out;
}
