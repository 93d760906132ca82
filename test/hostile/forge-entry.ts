/**
 * Forging the result cache's entries as an attacker would (test/hostile/*cache*.test.ts): each entry's
 * header rewritten, then signed again with a key the attacker chose, or left with its old signature.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SIGNATURE_LINE } from "../../src/cache/secret.js";
import { entryParts, trailerFor, TRAILER_BYTES } from "../../src/cache/entry-layout.js";

/** Every entry file of a school's result cache. */
export const cacheEntries = (dir: string) => readdirSync(join(dir, ".yanxiu-cache/results")).map((f) => join(dir, ".yanxiu-cache/results", f));

/**
 * Rewrites the header of every entry `forge` changes (it returns false to leave one alone); each is
 * signed again with `resign`, or keeps its old signature. Returns how many were forged.
 */
export function forgeEntries(dir: string, forge: (value: Record<string, unknown>) => boolean, resign?: (body: Buffer) => string): number {
  let forged = 0;
  for (const path of cacheEntries(dir)) {
    const stored = readFileSync(path);
    const body = stored.subarray(SIGNATURE_LINE);
    const parts = entryParts(body.length, body.subarray(body.length - TRAILER_BYTES))!;
    const entry = JSON.parse(body.subarray(parts.textBytes, parts.textBytes + parts.headerBytes).toString("utf8")) as { value?: Record<string, unknown> };
    if (!entry.value || !forge(entry.value)) continue;
    const header = Buffer.from(`${JSON.stringify(entry)}\n`);
    const newBody = Buffer.concat([body.subarray(0, parts.textBytes), header, trailerFor(header.length)]);
    writeFileSync(path, Buffer.concat([resign ? Buffer.from(`${resign(newBody)}\n`) : stored.subarray(0, SIGNATURE_LINE), newBody]));
    forged++;
  }
  return forged;
}
