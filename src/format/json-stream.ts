/**
 * JSON.stringify(value, null, 2) + "\n", produced piece by piece: the top-level arrays (a
 * district's teachers and trace) one element at a time, so a million-record score never
 * holds its whole JSON text (hundreds of MB) at once. The text is byte for byte the same.
 */
export function* jsonPieces(value: Record<string, unknown>): Generator<string> {
  const keys = Object.keys(value).filter((k) => isSerialisable(value[k]));
  if (keys.length === 0) {
    yield "{}\n";
    return;
  }
  yield "{";
  for (const [i, key] of keys.entries()) {
    const v = value[key];
    yield `${i === 0 ? "" : ","}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      // Native JSON.stringify of a slice wrapped as {key: slice} already indents its items as
      // they sit in the whole text; only the wrapper's first and last lines are cut off.
      const head = `{\n  ${JSON.stringify(key)}: [\n`.length;
      const tail = "\n  ]\n}".length;
      let count = FIRST_SLICE;
      for (let j = 0; j < v.length; ) {
        const text = JSON.stringify({ [key]: v.slice(j, j + count) }, null, 2);
        // Apart, not joined: a slice of the text is encoded without copying it first.
        yield j === 0 ? "[\n" : ",\n";
        yield text.slice(head, text.length - tail);
        j += count;
        // As many items next time as make about SLICE_CHARS, going by these items' length.
        count = Math.max(1, Math.min(MAX_SLICE, Math.floor((SLICE_CHARS * count) / text.length)));
      }
      yield "\n  ]";
    } else {
      yield indent(JSON.stringify(v, null, 2), "  ");
    }
  }
  yield "\n}\n";
}

/**
 * Array items stringified at once: enough for native speed, and a text small enough to stay
 * out of V8's large-object space (objects over 128 KB; a two-byte string of CJK text takes 2
 * bytes a character). A text there is collected only by a full collection of the whole heap,
 * with every loaded record in it: 256 trace entries at a time (~200 KB each) made the report's
 * JSON ~4x dearer than ~32,000 characters at a time (docs/benchmark.md, eighth round).
 */
const SLICE_CHARS = 32_000;
const FIRST_SLICE = 8;
/** Never more than the fixed slice of before: a run of small items followed by large ones stays as it was. */
const MAX_SLICE = 256;

/**
 * Pieces encoded as UTF-8 straight into chunks of about `size` bytes, each a fresh buffer that
 * ends between pieces (never inside a character): no joined string to copy, and the bytes a
 * stream would have encoded anyway.
 */
export function* chunkedBytes(pieces: Iterable<string>, size = 1 << 20): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(size);
  let used = 0;
  for (const p of pieces) {
    // A UTF-16 unit never takes more than 3 bytes (a surrogate pair takes 4 for 2).
    const most = p.length * 3;
    if (used + most > buf.length) {
      if (used > 0) yield buf.subarray(0, used);
      buf = Buffer.allocUnsafe(Math.max(size, most));
      used = 0;
    }
    used += buf.write(p, used);
  }
  if (used > 0) yield buf.subarray(0, used);
}

function isSerialisable(v: unknown): boolean {
  return v !== undefined && typeof v !== "function" && typeof v !== "symbol";
}

/** JSON text never holds a raw newline inside a string, so every newline starts a line. */
function indent(text: string, by: string): string {
  return text.replace(/\n/g, `\n${by}`);
}
