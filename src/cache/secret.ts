/**
 * The cache is authenticated with a key kept outside the school repository, so cache files
 * that arrive with the repository (committed with `git add -f`, planted in a pull request)
 * are never trusted: a fresh machine, such as CI, has a key of its own and ignores them.
 * Without a usable key the cache is simply not used.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync, openSync, readFileSync, writeSync, closeSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

let cached: Buffer | null | undefined;

export function cacheKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.YANXIU_CACHE_KEY_FILE) return env.YANXIU_CACHE_KEY_FILE;
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "yanxiu", "cache-key");
}

/** This user's cache key, made on first use (32 random bytes, readable by the user only). */
export function cacheSecret(): Buffer | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const path = cacheKeyPath();
  try {
    const key = readFileSync(path);
    if (key.length >= 32) return (cached = key);
  } catch {
    /* not made yet */
  }
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const fd = openSync(path, "wx", 0o600);
    try {
      writeSync(fd, randomBytes(32));
    } finally {
      closeSync(fd);
    }
    return (cached = readFileSync(path));
  } catch {
    // Another process may have made it meanwhile; otherwise there is no usable key.
    try {
      const key = readFileSync(path);
      if (key.length >= 32) return (cached = key);
    } catch {
      /* none */
    }
    cached = null;
    return undefined;
  }
}

export function sign(secret: Buffer, text: string): string {
  return createHmac("sha256", secret).update(text).digest("hex");
}

/** The text after the signature line, if the signature is this key's; otherwise undefined. */
export function verified(secret: Buffer, stored: string): string | undefined {
  const nl = stored.indexOf("\n");
  if (nl !== 64) return undefined;
  const body = stored.slice(nl + 1);
  const expected = Buffer.from(sign(secret, body), "hex");
  const given = Buffer.from(stored.slice(0, nl), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? body : undefined;
}
