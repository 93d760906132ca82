/**
 * A cached report read in pieces through one reused buffer: a warm `score --format json` at
 * 100,000 records is a 26 MB entry, and a fresh 26 MB buffer costs more (page faults) than
 * reading, verifying and writing it. The file is read twice through one open descriptor:
 * once to check its signature, then to copy the text out. That is as safe as one read only
 * while no one but its owner (this user, who holds the key) can change it in place, so the
 * caller reads a file others may write whole instead (`Pieces.private`).
 */
import type { Pieces } from "../repo/fs.js";
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
 * The JSON header's bytes and the text of a private file (see above), if the signature (the
 * first line) is this key's; otherwise undefined. The file stays open for `copyTo`.
 */
export function verifiedPieces(secret: Buffer, file: Pieces): { header: Buffer; text: StoredText } | undefined {
  if (!file.private) throw new Error("only a file no one else may change is read twice");
  let buffer = Buffer.allocUnsafe(PIECE);
  let mac: Mac | undefined;
  const headerParts: Buffer[] = [];
  let headerEnd = -1;
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
    const bodyOffset = Math.max(0, position - SIGNATURE_LINE);
    mac!.update(piece);
    if (headerEnd < 0) {
      const nl = piece.indexOf(0x0a);
      headerParts.push(Buffer.from(nl < 0 ? piece : piece.subarray(0, nl)));
      if (nl >= 0) headerEnd = SIGNATURE_LINE + bodyOffset + nl;
    }
    position += n;
  }
  const expected = mac?.digest();
  if (!signature || !expected || !sameSignature(signature, expected) || headerEnd < 0) return undefined;
  const start = headerEnd + 1;
  const text: StoredText = {
    size: file.size - start,
    async copyTo(write) {
      try {
        for (let position = start; position < file.size; ) {
          const n = file.read(buffer, position);
          if (n <= 0) throw new Error("the cached report changed while it was read");
          if (!(await write(buffer.subarray(0, n)))) buffer = Buffer.allocUnsafe(PIECE);
          position += n;
        }
      } finally {
        file.close();
      }
    },
    readAll() {
      try {
        const out = Buffer.allocUnsafe(file.size - start);
        for (let got = 0; got < out.length; ) {
          const n = file.read(out.subarray(got), start + got);
          if (n <= 0) throw new Error("the cached text changed while it was read");
          got += n;
        }
        return out;
      } finally {
        file.close();
      }
    },
  };
  return { header: Buffer.concat(headerParts), text };
}
