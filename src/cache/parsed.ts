/**
 * A cache of parsed and validated record/session files in the school repo's git-ignored
 * .yanxiu-cache/ folder, so a run after a small change re-reads only the files that changed.
 *
 * Shards are signed with a key kept outside the repository (cache/secret.ts), so cache files
 * that come with the repository itself are never trusted.
 *
 * An entry is keyed by the sha1 of the file's bytes together with a fingerprint of the code
 * that turns bytes into data and Activities (tool version + the compiled schema, repo and cache
 * modules), so a new version of yanxiu never trusts an old entry. Only files without problems
 * are cached: a file with problems is parsed in full every time, since its problems need real
 * positions. A cached file's YAML document is rebuilt on demand when a later check wants a
 * position inside it. Results are identical with and without the cache (test/cache).
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Lang } from "../i18n.js";
import type { Activity } from "../model.js";
import { CACHE_DIR } from "../repo/layout.js";
import { parseBytes } from "../repo/read.js";
import { MAX_FILE_BYTES, type YamlSource } from "../repo/yaml-source.js";
import { writeFileAtomic } from "../repo/write.js";
import type { LoadedFile } from "../repo/read.js";
import { recordFileSchema, sessionFileSchema, type RecordFile, type SessionFile } from "../schema/files.js";
import { recordActivities, sessionActivities } from "../schema/activities.js";
import { fastRecordFile, fastSessionFile } from "../schema/fast-validate.js";
import { fastParseYaml, noteLines } from "../repo/fast-yaml.js";
import { cacheSecret, sign, verified } from "./secret.js";
import { decodeActivities, encodeActivities, type EncodedActivity } from "./activity-codec.js";

export const CACHE_FORMAT = 1;
const TOOL_VERSION = "0.1.0";

export interface FileResult {
  loaded: LoadedFile;
  found: { valid: Activity[]; partial: Activity[] };
}

interface Entry {
  /** sha1 of fingerprint, kind and the file's bytes. */
  h: string;
  /** The parsed YAML as plain data (checks read it across files). */
  d: unknown;
  v: EncodedActivity[];
  p: EncodedActivity[];
}

interface Shard {
  fingerprint: string;
  shapes: string[];
  files: Record<string, Entry>;
}

/**
 * An entry in memory. It never holds the activities twice: a fresh or decoded file keeps its
 * Activities (`found`, encoded only when its shard is written); an entry not used in this run
 * keeps the stored form, its shapes still indexes into `shapes`.
 */
interface LiveEntry {
  h: string;
  d: unknown;
  found?: FileResult["found"];
  stored?: { v: EncodedActivity[]; p: EncodedActivity[]; shapes: string[] };
}

interface OpenShard {
  entries: Map<string, LiveEntry>;
  dirty: boolean;
}

export interface ParsedCache {
  /** The file's result from the cache, or from `fresh` (given the bytes already read) and then cached. */
  load(file: string, kind: "records" | "sessions", lang: Lang, fresh: (bytes?: Uint8Array) => FileResult): FileResult;
  /**
   * Write the shards that changed. With `prune` (a load of every file), entries of files not
   * seen are dropped, and each shard is written as soon as the load moves on to another
   * folder, so only one folder's parsed data is held at a time.
   */
  save(): void;
}

/**
 * A record/session file, read without the cache: the fast reader when the file is plain and
 * valid, else `slow` (the full parser, with every problem positioned).
 */
export function readActivityFile(root: string, file: string, kind: "records" | "sessions", lang: Lang, slow: (bytes?: Uint8Array) => FileResult): FileResult {
  const bytes = safeRead(join(root, file));
  if (!bytes) return slow();
  return fastRead(file, kind, bytes, lang) ?? slow(bytes);
}

/** The bytes of a plain file within the size limit; undefined sends the caller the ordinary way. */
function safeRead(abs: string): Uint8Array | undefined {
  try {
    const st = lstatSync(abs);
    // Links and oversized files take the ordinary path, which reports them.
    if (st.isSymbolicLink() || !st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
    return readFileSync(abs);
  } catch {
    return undefined;
  }
}

/** Fast path: only for files the fast reader takes and the schema accepts, i.e. files without problems. */
function fastRead(file: string, kind: "records" | "sessions", bytes: Uint8Array, lang: Lang): FileResult | undefined {
  const source = fastSource(file, bytes, lang);
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
export function fastSource(file: string, bytes: Uint8Array, lang: Lang): YamlSource | undefined {
  if (bytes.includes(0)) return undefined;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const fast = fastParseYaml(text);
  if (!fast) return undefined;
  const source = lazySource(file, bytes, fast.data, lang, text);
  noteLines(source, fast.lines);
  return source;
}

/** `fastSource` of a file on disk (plain files within the size limit only). */
export function readFastSource(root: string, file: string, lang: Lang): YamlSource | undefined {
  const bytes = safeRead(join(root, file));
  return bytes && fastSource(file, bytes, lang);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

export function openParsedCache(root: string, prune: boolean): ParsedCache {
  const folder = join(root, CACHE_DIR, "parsed");
  const fp = fingerprint();
  const secret = cacheSecret();
  const shards = new Map<string, OpenShard>();
  const seen = new Set<string>();
  let current: string | undefined;

  const write = (key: string, shard: OpenShard) => {
    if (prune) {
      for (const file of shard.entries.keys()) {
        if (!seen.has(file)) {
          shard.entries.delete(file);
          shard.dirty = true;
        }
      }
    }
    if (!shard.dirty) return;
    if (!secret) return;
    try {
      ensureIgnored(join(root, CACHE_DIR));
      const body = JSON.stringify(toShard(shard.entries, fp));
      writeFileAtomic(join(folder, shardName(key)), `${sign(secret, body)}\n${body}`);
    } catch {
      // A read-only checkout simply runs uncached.
    }
  };

  const shardOf = (file: string): OpenShard => {
    const key = dirname(file);
    if (prune && current !== undefined && key !== current && shards.has(current)) {
      // Files come sorted, so a folder is done when the next one starts. Should one of its
      // files still come (a subfolder sorted in between), its shard is simply read again.
      write(current, shards.get(current)!);
      shards.delete(current);
    }
    current = key;
    let shard = shards.get(key);
    if (!shard) {
      shard = { entries: secret ? readShard(join(folder, shardName(key)), fp, secret) : new Map(), dirty: false };
      shards.set(key, shard);
    }
    return shard;
  };

  return {
    load(file, kind, lang, fresh) {
      const abs = join(root, file);
      const bytes = safeRead(abs);
      if (!bytes) return fresh();
      seen.add(file);
      const hash = createHash("sha1").update(fp).update("\0").update(kind).update("\0").update(bytes).digest("hex");
      const shard = shardOf(file);
      const hit = shard.entries.get(file);
      if (hit && hit.h === hash) return fromEntry(file, kind, bytes, hit, lang);
      const result = fastRead(file, kind, bytes, lang) ?? fresh(bytes);
      const { loaded } = result;
      if (loaded.problems.length === 0 && loaded.source && loaded.source.data !== undefined) {
        shard.entries.set(file, { h: hash, d: loaded.source.data, found: result.found });
        shard.dirty = true;
      } else if (shard.entries.delete(file)) shard.dirty = true;
      return result;
    },
    save() {
      for (const [key, shard] of shards) write(key, shard);
      shards.clear();
    },
  };
}

/** One shard per folder (records/<term>, sessions/<term>): a change rewrites one term's shard. */
function shardName(folder: string): string {
  return `${folder.replace(/[^\w.-]/g, "_")}.json`;
}

function readShard(path: string, fp: string, secret: Buffer): Map<string, LiveEntry> {
  try {
    // A shard not signed with this user's key (planted, committed, tampered with) is ignored.
    const body = verified(secret, readFileSync(path, "utf8"));
    if (body === undefined) return new Map();
    const shard = JSON.parse(body) as Shard;
    if (shard.fingerprint !== fp) return new Map();
    const entries = new Map<string, LiveEntry>();
    for (const [file, e] of Object.entries(shard.files)) {
      entries.set(file, { h: e.h, d: e.d, stored: { v: e.v, p: e.p, shapes: shard.shapes } });
    }
    return entries;
  } catch {
    return new Map();
  }
}

/** Shapes (key lists) are stored once per shard; entries refer to them by index. */
function toShard(entries: Map<string, LiveEntry>, fp: string): Shard {
  const shapes: string[] = [];
  const index = new Map<string, number>();
  const ref = (acts: EncodedActivity[], from?: string[]) =>
    acts.map(([shape, ...values]) => {
      const name = from ? from[shape as number]! : (shape as string);
      let i = index.get(name);
      if (i === undefined) {
        i = shapes.push(name) - 1;
        index.set(name, i);
      }
      return [i, ...values] as unknown as EncodedActivity;
    });
  const files: Record<string, Entry> = {};
  for (const [file, e] of entries) {
    files[file] = e.found
      ? { h: e.h, d: e.d, v: ref(encodeActivities(e.found.valid)), p: ref(encodeActivities(e.found.partial)) }
      : { h: e.h, d: e.d, v: ref(e.stored!.v, e.stored!.shapes), p: ref(e.stored!.p, e.stored!.shapes) };
  }
  return { fingerprint: fp, shapes, files };
}

function fromEntry(file: string, kind: LoadedFile["kind"], bytes: Uint8Array, e: LiveEntry, lang: Lang): FileResult {
  const found = e.found ?? {
    valid: decodeActivities(e.stored!.v, file, e.stored!.shapes),
    partial: decodeActivities(e.stored!.p, file, e.stored!.shapes),
  };
  // From now on the entry holds the Activities themselves, not a second, encoded copy.
  e.found = found;
  e.stored = undefined;
  return { loaded: { file, kind, source: lazySource(file, bytes, e.d, lang), problems: [] }, found };
}

/**
 * A YamlSource whose data comes from the cache; the text and the YAML document (for
 * positions) are only built if a check asks for them.
 */
function lazySource(file: string, bytes: Uint8Array, data: unknown, lang: Lang, text?: string): YamlSource {
  let full: YamlSource | undefined;
  const parsed = () => (full ??= parseBytes(file, bytes, lang).source!);
  return {
    file,
    data,
    get text() {
      return text ?? parsed().text;
    },
    get doc() {
      return parsed().doc;
    },
    get lineCounter() {
      return parsed().lineCounter;
    },
  } as YamlSource;
}

function ensureIgnored(dir: string): void {
  const ignore = join(dir, ".gitignore");
  if (existsSync(ignore)) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(ignore, "# yanxiu's cache: never committed\n*\n");
}

let cachedFingerprint: string | undefined;

/**
 * Tool version plus the code that decides what a file means: the schema, repo, cache and
 * pipeline modules (compiled JS, or the TS sources under the test runner). Any change there, even
 * without a version bump, starts a fresh cache.
 */
export function fingerprint(): string {
  if (cachedFingerprint) return cachedFingerprint;
  const here = dirname(fileURLToPath(import.meta.url));
  const ext = fileURLToPath(import.meta.url).endsWith(".ts") ? ".ts" : ".js";
  const hash = createHash("sha1").update(`${TOOL_VERSION}\0${CACHE_FORMAT}\0`);
  for (const sub of ["schema", "repo", "cache", "pipeline"]) {
    const dir = join(here, "..", sub);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith(ext)).sort();
    } catch {
      /* not there: nothing to add */
    }
    for (const n of names) hash.update(n).update(readFileSync(join(dir, n)));
  }
  hash.update(readFileSync(join(here, "..", `model${ext}`)));
  return (cachedFingerprint = hash.digest("hex"));
}
