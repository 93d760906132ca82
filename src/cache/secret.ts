/**
 * The cache is authenticated with a key kept outside the school repository, so cache files
 * that arrive with the repository (committed with `git add -f`, planted in a pull request)
 * are never trusted: a fresh machine, such as CI, has a key of its own and ignores them.
 * Without a usable key the cache is simply not used.
 */
import { createHmac, randomBytes, timingSafeEqual, type Hmac } from "node:crypto";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { nodeFs, type WriteFs } from "../repo/fs.js";

/** Where the key lives and how to reach it: the caller's environment and file system, never process.*. */
export interface KeyIo {
  env: Readonly<Record<string, string | undefined>>;
  fs?: Pick<WriteFs, "readFileSync" | "mkdirSync" | "openSync" | "writeSync" | "closeSync">;
}

/** Keys already read in this process, by path (in-process tests use several key files). */
const known = new Map<string, Buffer | null>();

export function cacheKeyPath(env: KeyIo["env"]): string {
  if (env.YANXIU_CACHE_KEY_FILE) return env.YANXIU_CACHE_KEY_FILE;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache");
  return join(base, "yanxiu", "cache-key");
}

/** This user's cache key, made on first use (32 random bytes, readable by the user only). */
export function cacheSecret(io: KeyIo): Buffer | undefined {
  const path = cacheKeyPath(io.env);
  const memo = known.get(path);
  if (memo !== undefined) return memo ?? undefined;
  const fs = io.fs ?? nodeFs;
  const read = (): Buffer | undefined => {
    const key = Buffer.from(fs.readFileSync(path));
    return key.length >= 32 ? key : undefined;
  };
  const remember = (key: Buffer | undefined) => (known.set(path, key ?? null), key);
  try {
    const key = read();
    if (key) return remember(key);
  } catch {
    /* not made yet */
  }
  try {
    // The folder is the user's own (0700); the option passes through to node:fs.
    fs.mkdirSync(dirname(path), { recursive: true, mode: 0o700 } as { recursive: true });
    const fd = fs.openSync(path, "wx", 0o600);
    try {
      const bytes = randomBytes(32);
      let done = 0;
      while (done < bytes.length) {
        const n = fs.writeSync(fd, bytes, done, bytes.length - done, null);
        if (n <= 0) throw new Error("the key could not be written");
        done += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    return remember(read());
  } catch {
    // Another process may have made it meanwhile; otherwise there is no usable key.
    try {
      return remember(read());
    } catch {
      return remember(undefined);
    }
  }
}

export function sign(secret: Buffer, text: string | Uint8Array): string {
  return signer(secret).update(text).digest("hex");
}

/**
 * HMAC-SHA-512: on a 64-bit CPU it signs a 26 MB report in half the time SHA-256 takes (28 against
 * 55 ms here), and a cold score signs what it writes, a warm one what it reads.
 */
const MAC = "sha512";
/** The signature line: the MAC in hex, then a newline. */
export const SIGNATURE_HEX = 128;
export const SIGNATURE_LINE = SIGNATURE_HEX + 1;

/** The MAC `sign` computes, to be fed piece by piece (a large entry is never joined into one buffer). */
export function signer(secret: Buffer): Hmac {
  return createHmac(MAC, secret);
}

/** The text after the signature line, if the signature is this key's; otherwise undefined. */
export function verified(secret: Buffer, stored: string): string | undefined {
  const nl = stored.indexOf("\n");
  if (nl !== SIGNATURE_HEX) return undefined;
  const body = stored.slice(nl + 1);
  const expected = Buffer.from(sign(secret, body), "hex");
  const given = Buffer.from(stored.slice(0, nl), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? body : undefined;
}

/** The bytes after the signature line, if the signature is this key's (no text decoding of a large entry). */
export function verifiedBytes(secret: Buffer, stored: Uint8Array): Uint8Array | undefined {
  if (stored.length < SIGNATURE_LINE || stored[SIGNATURE_HEX] !== 0x0a) return undefined;
  const body = stored.subarray(SIGNATURE_LINE);
  const expected = Buffer.from(sign(secret, body), "hex");
  const given = Buffer.from(Buffer.from(stored.subarray(0, SIGNATURE_HEX)).toString("latin1"), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? body : undefined;
}
