/**
 * Every record and session file's hashed cross-file keys (src/checks/incremental.ts), flat: file
 * i's keys are `hashes[offsets[i] … offsets[i + 1])`. At 100,000 records that is ~8,400 files and
 * ~100,000 keys; kept in check's incremental entry as an object of arrays it cost ~22 ms to parse,
 * as much to write, and an array per file of garbage. As two typed arrays the entry keeps them as
 * two base64 texts (src/cli/incremental-entry.ts), and the neighbourhood is found by one loop.
 */
/** One file's keys: an array, or a view of the flat one. */
type KeyList = Iterable<number> & { readonly length: number };

export class FileKeys {
  private index?: Map<string, number>;

  constructor(readonly files: readonly string[], readonly offsets: Uint32Array, readonly hashes: Uint32Array) {}

  static from(entries: Iterable<readonly [string, KeyList]>): FileKeys {
    const files: string[] = [];
    const lists: KeyList[] = [];
    let total = 0;
    for (const [file, keys] of entries) {
      files.push(file);
      lists.push(keys);
      total += keys.length;
    }
    const offsets = new Uint32Array(files.length + 1);
    const hashes = new Uint32Array(total);
    let at = 0;
    lists.forEach((keys, i) => {
      offsets[i] = at;
      for (const k of keys) hashes[at++] = k;
    });
    offsets[files.length] = at;
    return new FileKeys(files, offsets, hashes);
  }

  /** Well formed: an offset per file and one past, rising, the last at the end of the hashes. */
  static checked(files: readonly string[], offsets: Uint32Array, hashes: Uint32Array): FileKeys | undefined {
    if (offsets.length !== files.length + 1 || offsets[0] !== 0 || offsets[files.length] !== hashes.length) return undefined;
    for (let i = 0; i < files.length; i++) if (offsets[i]! > offsets[i + 1]! || typeof files[i] !== "string") return undefined;
    if (new Set(files).size !== files.length) return undefined;
    return new FileKeys(files, offsets, hashes);
  }

  get size(): number {
    return this.files.length;
  }

  /** A file's keys, or undefined when it has none kept (a new file). */
  get(file: string): number[] | undefined {
    this.index ??= new Map(this.files.map((f, i) => [f, i]));
    const i = this.index.get(file);
    return i === undefined ? undefined : Array.from(this.hashes.subarray(this.offsets[i], this.offsets[i + 1]));
  }

  /** Has file i one of these keys? */
  sharesAny(i: number, wanted: ReadonlySet<number>): boolean {
    const end = this.offsets[i + 1]!;
    for (let k = this.offsets[i]!; k < end; k++) if (wanted.has(this.hashes[k]!)) return true;
    return false;
  }

  /** These files' keys replaced (undefined: the file is gone), files not kept before added at the end. */
  with(changes: ReadonlyMap<string, readonly number[] | undefined>): FileKeys {
    const files: string[] = [];
    let total = this.hashes.length;
    for (const keys of changes.values()) total += keys?.length ?? 0;
    const offsets = new Uint32Array(this.files.length + changes.size + 1);
    const hashes = new Uint32Array(total);
    let at = 0;
    const add = (file: string, keys: ArrayLike<number>): void => {
      offsets[files.length] = at;
      files.push(file);
      for (let k = 0; k < keys.length; k++) hashes[at++] = keys[k]!;
    };
    this.files.forEach((file, i) => {
      const changed = changes.get(file);
      if (changed) add(file, changed);
      else if (!changes.has(file)) {
        // unchanged: its keys copied as they are
        offsets[files.length] = at;
        files.push(file);
        hashes.set(this.hashes.subarray(this.offsets[i]!, this.offsets[i + 1]!), at);
        at += this.offsets[i + 1]! - this.offsets[i]!;
      }
    });
    const kept = new Set(this.files);
    for (const [file, keys] of changes) if (!kept.has(file) && keys !== undefined) add(file, keys);
    offsets[files.length] = at;
    return new FileKeys(files, offsets.slice(0, files.length + 1), hashes.slice(0, at));
  }
}
