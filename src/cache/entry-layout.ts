/**
 * One result-cache entry on disk, in this order:
 *   the signature line: the nonce and the GMAC tag in hex (src/cache/secret.ts);
 *   the text: a report's bytes as they went to stdout (empty for most entries);
 *   the header: one line of JSON (the stamp, the value, the text's length);
 *   the trailer: the header's length in bytes, as 15 digits and a newline.
 * The signature covers everything after its own line, in that order.
 *
 * The text comes before the header so that an entry can be written while its text is made:
 * score writes each chunk of its report to the entry as it goes to stdout, and neither holds
 * the report to the end nor writes it out a second time there. The header (the stamp is taken
 * once the run is done) and the signature are written last, then the file is renamed into
 * place: until then a reader finds the entry before (or none), and a file cut off anywhere
 * fails its signature or its trailer.
 */
const DIGITS = 15;
export const TRAILER_BYTES = DIGITS + 1;

/** The trailer naming a header of `headerBytes` bytes (its newline included). */
export function trailerFor(headerBytes: number): Buffer {
  return Buffer.from(`${String(headerBytes).padStart(DIGITS, "0")}\n`, "latin1");
}

/**
 * Where the text and the header lie in an entry's body (the bytes after the signature line),
 * from its trailer (the body's last TRAILER_BYTES bytes); undefined when that is no trailer or
 * names more than the body holds. Only a place to look: the body is trusted once its signature is.
 */
export function entryParts(bodyBytes: number, trailer: Uint8Array): { textBytes: number; headerBytes: number } | undefined {
  if (trailer.length !== TRAILER_BYTES || trailer[DIGITS] !== 0x0a) return undefined;
  let headerBytes = 0;
  for (let i = 0; i < DIGITS; i++) {
    const digit = trailer[i]! - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    headerBytes = headerBytes * 10 + digit;
  }
  const textBytes = bodyBytes - TRAILER_BYTES - headerBytes;
  return headerBytes > 0 && textBytes >= 0 ? { textBytes, headerBytes } : undefined;
}
