/**
 * Plain YAML parsing for the audit. No positions are needed here, and the project's
 * position-keeping parser costs several times more per file over thousands of commits.
 * Alias expansion is bounded and a broken file reads as nothing.
 */
import { parse } from "yaml";
import { MAX_ALIAS_COUNT } from "../repo/yaml-source.js";

export function parsePlain(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return parse(text, { maxAliasCount: MAX_ALIAS_COUNT, version: "1.2", prettyErrors: false });
  } catch {
    return undefined;
  }
}
