/**
 * Record, session and roster files from bytes to data: the fast reader and the hand-written
 * validator for plain, valid files (most of a school), the full YAML parser and zod for every
 * other file, so that each problem is positioned. One decision, made here: a file goes the
 * fast way only when the fast reader takes it and the schema accepts it, i.e. when it has no
 * problems; test/cache/same-results.test.ts proves the two ways agree.
 */
import { join } from "node:path";
import type { Activity } from "../model.js";
import { nodeReadFs, type ReadFs } from "../repo/fs.js";
import { parseBytes, type LoadedFile } from "../repo/read.js";
import { MAX_FILE_BYTES, type YamlSource } from "../repo/yaml-source.js";
import { fastParseYaml, noteLines, type ReadText } from "../repo/fast-yaml.js";
import { recordFileSchema, sessionFileSchema, type RecordFile, type SessionFile } from "../schema/files.js";
import { recordActivities, sessionActivities } from "../schema/activities.js";
import { fastRecordFile, fastSessionFile } from "../schema/fast-validate.js";

export interface FileResult {
  loaded: LoadedFile;
  found: { valid: Activity[]; partial: Activity[] };
}

/**
 * A record/session file: the fast reader when the file is plain and valid, else `slow` (the
 * full parser, with every problem positioned), given the bytes already read.
 */
export function readActivityFile(root: string, file: string, kind: "records" | "sessions", slow: (bytes?: Uint8Array) => FileResult, fs: ReadFs = nodeReadFs): FileResult {
  // Read into one buffer kept for the next file: nothing below holds the bytes past this call
  // (the fast way keeps the text, the slow way parses the bytes at once).
  const bytes = safeRead(join(root, file), fs, readBuffer);
  if (!bytes) return slow();
  const fast = fastRead(file, kind, bytes);
  if (!fast) return slow(bytes);
  // safeRead reads no link (the symlink check's question about the file itself).
  fast.loaded.plain = true;
  return fast;
}

/** The bytes of a plain file within the size limit; undefined sends the caller the ordinary way. */
function safeRead(abs: string, fs: ReadFs, into?: Buffer): Uint8Array | undefined {
  try {
    // One open, never through a link: no lstat before the read (one system call less per file).
    if (fs.readPlainFile) return fs.readPlainFile(abs, MAX_FILE_BYTES, into).bytes;
    const st = fs.lstatSync(abs);
    // Links and oversized files take the ordinary path, which reports them.
    if (st.isSymbolicLink() || !st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
    return fs.readFileSync(abs);
  } catch {
    return undefined;
  }
}

/** Fast path: only for files the fast reader takes and the schema accepts, i.e. files without problems. */
export function fastRead(file: string, kind: "records" | "sessions", bytes: Uint8Array, read?: ReadText): FileResult | undefined {
  const source = fastSource(file, bytes, read);
  if (!source) return undefined;
  // The hand-written validator takes the all-valid file; zod judges everything else.
  const quick = kind === "records" ? fastRecordFile(source.data) : fastSessionFile(source.data);
  const valid = quick !== undefined ? { success: true, data: quick } : (kind === "records" ? recordFileSchema : sessionFileSchema).safeParse(source.data);
  if (!valid.success) return undefined;
  const found = kind === "records" ? recordActivities(source, valid.data as RecordFile) : sessionActivities(source, valid.data as SessionFile);
  return { loaded: { file, kind, source, problems: [] }, found };
}

/**
 * A plain file read by the fast reader: its data and the lines it noted; the full document
 * (for other positions) is built only if something asks. Undefined: read it the ordinary way.
 */
export function fastSource(file: string, bytes: Uint8Array, read?: ReadText): YamlSource | undefined {
  if (bytes.includes(0)) return undefined;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // `read`: the caller's parse of the same text (the web page's save parsed it to check its append).
  const fast = read?.text === text ? read.parse : fastParseYaml(text);
  if (!fast) return undefined;
  const source = lazySource(file, fast.data, text);
  noteLines(source, fast.lines);
  return source;
}

/** `fastSource` of a file on disk (plain files within the size limit only). */
export function readFastSource(root: string, file: string, fs: ReadFs = nodeReadFs): YamlSource | undefined {
  const bytes = safeRead(join(root, file), fs);
  return bytes && fastSource(file, bytes);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** readActivityFile's buffer: a school's record and session files are a few KB; larger ones get their own. */
const readBuffer = Buffer.allocUnsafe(256 * 1024);

/**
 * A YamlSource whose YAML document (for positions) is only built if a check asks for it. From
 * the text, not the bytes (which may be a reused buffer's): the text decoded them without a
 * problem, so its UTF-8 decodes to the very same text (byte-order marks gone either way).
 */
function lazySource(file: string, data: unknown, text: string): YamlSource {
  let full: YamlSource | undefined;
  const parsed = () => (full ??= parseBytes(file, Buffer.from(text, "utf8")).source!);
  return {
    file,
    data,
    text,
    get doc() {
      return parsed().doc;
    },
    get lineCounter() {
      return parsed().lineCounter;
    },
  } as YamlSource;
}
