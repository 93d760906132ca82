/**
 * A cached report read in pieces through one reused buffer: a warm `score --format json` at
 * 100,000 records is a 26 MB entry, and a fresh 26 MB buffer costs more (page faults) than
 * reading, verifying and writing it. The file is read twice through one open descriptor:
 * once to check its signature, then to copy the text out. That is as safe as one read only
 * while no one but its owner (this user, who holds the key) can change it in place, so the
 * caller reads a file others may write whole instead (`Pieces.private`).
 */
import type { Pieces } from "../repo/fs.js";
import { entryParts, TRAILER_BYTES } from "./entry-layout.js";
import { checker, sameSignature, SIGNATURE_HEX, SIGNATURE_LINE, type Mac } from "./secret.js";

const PIECE = 1 << 20;

export interface StoredText {
  /** The text's length in bytes. */
  size: number;
  /**
   * Copies the text out, piece by piece. `write` resolves true when it is done with a piece
   * (its buffer may be filled again), false when it may still hold it (the next piece gets a
   * fresh buffer). The file is closed at the end, or on failure.
   */
  copyTo(write: (piece: Buffer) => Promise<boolean>): Promise<void>;
  /** The whole text in one fresh buffer, at once (a small text); the file is closed. Use this or `copyTo`, once. */
  readAll(): Buffer;
}

/** The whole text in memory, as one piece. */
export function textInMemory(bytes: Buffer): StoredText {
  return { size: bytes.length, copyTo: async (write) => void (await write(bytes)), readAll: () => bytes };
}

/**
 * The JSON header's bytes and the text of a private file (see above) laid out as
 * src/cache/entry-layout.ts says, if the signature (the first line) is this key's; otherwise
 * undefined. The file stays open for `copyTo`.
 *
 * `worthVerifying` sees the header's bytes before anything is verified and may turn the entry
 * down (a stamp that is not this run's): a refusal is only ever a miss, never a belief, so the
 * unverified bytes may decide it, and a 26 MB report made for other files is not hashed to learn that.
 */
export function verifiedPieces(secret: Buffer, file: Pieces, worthVerifying?: (header: Buffer) => boolean): { header: Buffer; text: StoredText } | undefined {
  if (!file.private) throw new Error("only a file no one else may change is read twice");
  if (file.size < SIGNATURE_LINE + TRAILER_BYTES) return undefined;
  let buffer = Buffer.allocUnsafe(PIECE);
  // Where the header lies: read from the trailer first, believed only once the signature is.
  const tail = buffer.subarray(0, TRAILER_BYTES);
  if (file.read(tail, file.size - TRAILER_BYTES) !== TRAILER_BYTES) return undefined;
  const parts = entryParts(file.size - SIGNATURE_LINE, tail);
  if (!parts) return undefined;
  const textEnd = SIGNATURE_LINE + parts.textBytes;
  const headerEnd = textEnd + parts.headerBytes;
  const header = Buffer.allocUnsafe(parts.headerBytes);
  if (worthVerifying && (file.read(header, textEnd) !== parts.headerBytes || !worthVerifying(header))) return undefined;
  let mac: Mac | undefined;
  let signature: Buffer | undefined;
  for (let position = 0; position < file.size; ) {
    const n = file.read(buffer, position);
    if (n <= 0) return undefined; // shorter than it said: changed meanwhile
    let piece = buffer.subarray(0, n);
    if (position === 0) {
      if (n < SIGNATURE_LINE || piece[SIGNATURE_HEX] !== 0x0a) return undefined;
      signature = Buffer.from(piece.subarray(0, SIGNATURE_HEX).toString("latin1"), "hex");
      mac = checker(secret, signature);
      if (!mac) return undefined;
      piece = piece.subarray(SIGNATURE_LINE);
    }
    mac!.update(piece);
    // The part of the header this piece holds.
    const from = Math.max(position, textEnd);
    const to = Math.min(position + n, headerEnd);
    if (from < to) buffer.copy(header, from - textEnd, from - position, to - position);
    position += n;
  }
  const expected = mac?.digest();
  if (!signature || !expected || !sameSignature(signature, expected) || header[header.length - 1] !== 0x0a) return undefined;
  const text: StoredText = {
    size: parts.textBytes,
    async copyTo(write) {
      try {
        for (let position = SIGNATURE_LINE; position < textEnd; ) {
          const n = file.read(buffer, position);
          if (n <= 0) throw new Error("the cached report changed while it was read");
          const piece = buffer.subarray(0, Math.min(n, textEnd - position));
          if (!(await write(piece))) buffer = Buffer.allocUnsafe(PIECE);
          position += piece.length;
        }
      } finally {
        file.close();
      }
    },
    readAll() {
      try {
        const out = Buffer.allocUnsafe(parts.textBytes);
        for (let got = 0; got < out.length; ) {
          const n = file.read(out.subarray(got), SIGNATURE_LINE + got);
          if (n <= 0) throw new Error("the cached text changed while it was read");
          got += n;
        }
        return out;
      } finally {
        file.close();
      }
    },
  };
  return { header: header.subarray(0, header.length - 1), text };
}
