/**
 * Every message a Problem can carry, by id. Problems hold { id, data }; the formatter renders
 * them in the report language with render(), so loading and checking need no language.
 * Each area keeps its messages in its own file here; this file joins them.
 */
import type { Lang } from "../i18n.js";
import type { Msg, MsgData, Problem, ShownProblem } from "../problem.js";
import type { Entry } from "./catalogue.js";
import { generalMessages } from "./general.js";
import { checkMessages } from "./checks.js";
import { rosterCheckMessages } from "./checks-roster.js";
import { recordCheckMessages } from "./checks-records.js";
import { schemaMessages } from "./schema.js";
import { ruleMessages } from "./rules.js";
import { yamlMessages } from "./yaml.js";
import { moveMessages } from "./moves.js";

const AREAS = [generalMessages, checkMessages, rosterCheckMessages, recordCheckMessages, schemaMessages, ruleMessages, yamlMessages, moveMessages] as const;

type Joined = typeof generalMessages & typeof checkMessages & typeof rosterCheckMessages & typeof recordCheckMessages
  & typeof schemaMessages & typeof ruleMessages & typeof yamlMessages & typeof moveMessages;

export const CATALOGUE: Joined = Object.assign({}, ...AREAS);

export type MessageId = keyof Joined;
type DataOf<K extends MessageId> = Joined[K] extends Entry<infer D> ? D : never;

/** Ids defined by more than one area: a test keeps this empty (a later area would silently win). */
export function clashingIds(): string[] {
  const seen = new Set<string>();
  const clashes: string[] = [];
  for (const area of AREAS) for (const id of Object.keys(area)) (seen.has(id) ? clashes.push(id) : seen.add(id));
  return clashes;
}

/** A message by id, its data type-checked against the catalogue. */
export function msg<K extends MessageId>(id: K, ...data: {} extends DataOf<K> ? [DataOf<K>?] : [DataOf<K>]): Msg {
  return data[0] === undefined ? { id } : { id, data: data[0] as MsgData };
}

/** The text of a message in a language; a plain string passes through (an id the catalogue lacks shows as itself). */
export function render(m: Msg | string, lang: Lang): string {
  if (typeof m === "string") return m;
  const entry = (CATALOGUE as Record<string, Entry<unknown>>)[m.id];
  if (!entry) return m.id;
  return entry[lang](m.data ?? {});
}

/** A problem with its message and hint rendered, for the formatters. */
export function showProblem(p: Problem, lang: Lang): ShownProblem {
  const { message, hint, ...rest } = p;
  const shown: ShownProblem = { ...rest, message: render(message, lang), messageId: message.id };
  if (message.data) shown.data = message.data;
  if (hint !== undefined) shown.hint = render(hint, lang);
  return shown;
}

export function showProblems(problems: readonly Problem[], lang: Lang): ShownProblem[] {
  return problems.map((p) => showProblem(p, lang));
}
