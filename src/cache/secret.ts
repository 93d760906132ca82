/**
 * The cache is authenticated with a key kept outside the school repository, so cache files
 * that arrive with the repository (committed with `git add -f`, planted in a pull request)
 * are never trusted: a fresh machine, such as CI, has a key of its own and ignores them.
 * Without a usable key the cache is simply not used.
 */
import { createCipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
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
  return signer(secret).update(text).digest().toString("hex");
}

/**
 * GMAC (NIST SP 800-38D): AES-256-GCM authenticating the entry as additional data, nothing
 * encrypted. With the AES and carry-less multiply instructions every x86-64 and ARMv8 CPU of
 * the last decade has, it signs a 26 MB report in ~4 ms, against ~30 ms for HMAC-SHA-512 (and
 * ~16 ms for SHA-256 with SHA instructions), and a cold score signs what it writes, a warm one
 * what it reads. Each signature has its own random 96-bit nonce, written before the tag: GMAC
 * needs a nonce never used twice under one key, and 2^32 entries under one key would make a
 * repeat 1 in 2^32 likely. The AES key is derived from the user's secret, never used as is.
 */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** The signature line: the nonce and the tag in hex, then a newline. */
export const SIGNATURE_HEX = (NONCE_BYTES + TAG_BYTES) * 2;
export const SIGNATURE_LINE = SIGNATURE_HEX + 1;

/** A MAC fed piece by piece (a large entry is never joined into one buffer); `digest` gives the whole signature. */
export interface Mac {
  update(data: string | Uint8Array): Mac;
  digest(): Buffer;
}

const macKeys = new WeakMap<Buffer, Buffer>();
/** The label names the entry's layout (src/cache/entry-layout.ts): an entry laid out otherwise fails its signature. */
const macKey = (secret: Buffer): Buffer => {
  let key = macKeys.get(secret);
  if (!key) macKeys.set(secret, (key = createHmac("sha256", secret).update("yanxiu result cache, text before header: AES-256-GCM key").digest()));
  return key;
};

/** The MAC `sign` computes, with a fresh nonce (or the one of a signature being checked). */
export function signer(secret: Buffer, nonce: Buffer = randomBytes(NONCE_BYTES)): Mac {
  const gcm = createCipheriv("aes-256-gcm", macKey(secret), nonce);
  const mac: Mac = {
    update(data) {
      gcm.setAAD(typeof data === "string" ? Buffer.from(data, "utf8") : data);
      return mac;
    },
    digest() {
      gcm.final();
      return Buffer.concat([nonce, gcm.getAuthTag()]);
    },
  };
  return mac;
}

/** The MAC that must give `signature` (its nonce reused), or undefined when it is no signature. */
export function checker(secret: Buffer, signature: Buffer): Mac | undefined {
  return signature.length === NONCE_BYTES + TAG_BYTES ? signer(secret, signature.subarray(0, NONCE_BYTES)) : undefined;
}

/** A signature equal to the one computed (compared in constant time). */
export const sameSignature = (given: Buffer, expected: Buffer) => given.length === expected.length && timingSafeEqual(given, expected);

/** The text after the signature line, if the signature is this key's; otherwise undefined. */
export function verified(secret: Buffer, stored: string): string | undefined {
  const nl = stored.indexOf("\n");
  if (nl !== SIGNATURE_HEX) return undefined;
  const body = stored.slice(nl + 1);
  const given = Buffer.from(stored.slice(0, nl), "hex");
  const mac = checker(secret, given);
  return mac && sameSignature(given, mac.update(body).digest()) ? body : undefined;
}

/** The bytes after the signature line, if the signature is this key's (no text decoding of a large entry). */
export function verifiedBytes(secret: Buffer, stored: Uint8Array): Uint8Array | undefined {
  if (stored.length < SIGNATURE_LINE || stored[SIGNATURE_HEX] !== 0x0a) return undefined;
  const body = stored.subarray(SIGNATURE_LINE);
  const given = Buffer.from(Buffer.from(stored.subarray(0, SIGNATURE_HEX)).toString("latin1"), "hex");
  const mac = checker(secret, given);
  return mac && sameSignature(given, mac.update(body).digest()) ? body : undefined;
}
