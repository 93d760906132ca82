/**
 * The source of a record or session file that loaded without problems, kept small: its data
 * only. Its text, YAML document and line map are read again from the file the first time a
 * check asks for a position in it (a duplicate, an unknown id found later), so a check at a
 * million records does not keep every file's text, bytes and line map alive.
 */
import { join } from "node:path";
import { LineCounter } from "yaml";
import type { ReadFs } from "../repo/fs.js";
import { parseBytes } from "../repo/read.js";
import type { YamlSource } from "../repo/yaml-source.js";

export function slimSource(root: string, file: string, data: unknown, fs: ReadFs): YamlSource {
  let full: YamlSource | undefined;
  const parsed = (): YamlSource => (full ??= reread(root, file, data, fs));
  return {
    file,
    data,
    get text() {
      return parsed().text;
    },
    get doc() {
      return parsed().doc;
    },
    get lineCounter() {
      return parsed().lineCounter;
    },
  } as YamlSource;
}

/**
 * The file as it is now. Loading read it moments ago; should it have gone or stopped parsing
 * since, an empty text stands in (positions then fall on line 1) rather than an error.
 */
function reread(root: string, file: string, data: unknown, fs: ReadFs): YamlSource {
  let bytes: Uint8Array | undefined;
  try {
    bytes = fs.readFileSync(join(root, file));
  } catch {
    bytes = undefined;
  }
  const source = bytes && parseBytes(file, bytes).source;
  return source?.doc ? source : { file, text: "", lineCounter: new LineCounter(), data };
}
