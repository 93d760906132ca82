/**
 * The VS Code setup `yanxiu init` writes: `yaml.schemas` maps each schema in .yanxiu/schema/ to
 * its files, and the YAML extension (redhat.vscode-yaml, which runs the YAML language server)
 * is recommended, so opening the repository offers completion and marks mistakes while typing.
 */
import { SCHEMA_GLOBS } from "./json-schema.js";

/** Where a school's own schemas live, relative to the repository. */
export const SCHEMA_DIR = ".yanxiu/schema";

export const YAML_EXTENSION = "redhat.vscode-yaml";

export function vscodeFiles(): Map<string, string> {
  const schemas = Object.fromEntries(Object.entries(SCHEMA_GLOBS).map(([file, globs]) => [`./${SCHEMA_DIR}/${file}`, globs]));
  const settings = {
    "yaml.schemas": schemas,
    // Hovers and completion come from the schemas above, never from the internet.
    "yaml.schemaStore.enable": false,
    "files.encoding": "utf8",
  };
  return new Map([
    [".vscode/settings.json", JSON.stringify(settings, null, 2) + "\n"],
    [".vscode/extensions.json", JSON.stringify({ recommendations: [YAML_EXTENSION] }, null, 2) + "\n"],
  ]);
}

/** The `# yaml-language-server: $schema=…` line for a file at `path`, pointing at the local schema. */
export function modeline(path: string, schemaFile: string): string {
  const depth = path.split("/").length - 1;
  return `# yaml-language-server: $schema=${"../".repeat(depth)}${SCHEMA_DIR}/${schemaFile}`;
}
