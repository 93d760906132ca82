/**
 * Plain YAML parsing for the audit: no positions are needed here. A plain file (nearly all of
 * them) goes through the loading pipeline's fast reader (src/repo/fast-yaml.ts), whose data
 * equals the full parser's; anything else through the `yaml` package's plain parse, which
 * costs several times less per file than the position-keeping parser over thousands of
 * commits. Alias expansion is bounded and a broken file reads as nothing.
 */
import { parse } from "yaml";
import { fastParseYaml } from "../repo/fast-yaml.js";
import { MAX_ALIAS_COUNT } from "../repo/yaml-source.js";

export function parsePlain(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const fast = fastParseYaml(text);
  if (fast) return fast.data;
  try {
    return parse(text, { maxAliasCount: MAX_ALIAS_COUNT, version: "1.2", prettyErrors: false });
  } catch {
    return undefined;
  }
}
