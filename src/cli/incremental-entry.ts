/**
 * check's incremental entry (src/cli/check-incremental.ts) as kept: its two large parts as typed
 * arrays in base64, so reading it back makes no object per file or per number. At 100,000
 * records the keys (~100,000 30-bit hashes over ~8,400 files) and the table's numbers (5 per file,
 * times as fractional milliseconds) were 2 MB of JSON arrays: ~36 ms to parse, ~28 ms to write,
 * and their garbage. Little-endian as written; an entry from a machine of the other order is
 * not read (the entry's `endian`).
 */
import { endianness } from "node:os";
import { isFileTable, type FileTable } from "../cache/file-table.js";
import { FileKeys } from "../checks/file-keys.js";

export const ENDIAN = endianness();

export interface KeptTable {
  paths: string[];
  /** Float64Array of the table's numbers (null as NaN), base64. */
  numbers: string;
  racy: Record<string, string>;
}

export interface KeptKeys {
  files: string[];
  /** Uint32Array, base64. */
  offsets: string;
  /** Uint32Array, base64. */
  hashes: string;
}

const toBase64 = (a: Float64Array | Uint32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

/** The bytes of a base64 text in a fresh, aligned buffer; undefined when not a whole number of `width`-byte items. */
function fromBase64(text: unknown, width: number): ArrayBuffer | undefined {
  if (typeof text !== "string") return undefined;
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % width !== 0) return undefined;
  const out = new ArrayBuffer(bytes.length);
  new Uint8Array(out).set(bytes);
  return out;
}

export function keepTable(table: FileTable): KeptTable {
  const numbers = new Float64Array(table.numbers.length);
  for (let i = 0; i < numbers.length; i++) numbers[i] = table.numbers[i] ?? Number.NaN;
  return { paths: table.paths, numbers: toBase64(numbers), racy: table.racy };
}

export function tableKept(kept: unknown): FileTable | undefined {
  const k = kept as KeptTable | null;
  if (typeof k !== "object" || k === null) return undefined;
  const buffer = fromBase64(k.numbers, 8);
  if (!buffer) return undefined;
  const values = new Float64Array(buffer);
  const numbers: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) numbers[i] = Number.isNaN(values[i]) ? null : values[i]!;
  const table = { paths: k.paths, numbers, racy: k.racy };
  return isFileTable(table) ? table : undefined;
}

export function keepKeys(keys: FileKeys): KeptKeys {
  return { files: [...keys.files], offsets: toBase64(keys.offsets), hashes: toBase64(keys.hashes) };
}

export function keysKept(kept: unknown): FileKeys | undefined {
  const k = kept as KeptKeys | null;
  if (typeof k !== "object" || k === null || !Array.isArray(k.files)) return undefined;
  const offsets = fromBase64(k.offsets, 4);
  const hashes = fromBase64(k.hashes, 4);
  return offsets && hashes ? FileKeys.checked(k.files, new Uint32Array(offsets), new Uint32Array(hashes)) : undefined;
}
