/**
 * Login sessions: a random id in an HttpOnly, SameSite=Lax cookie, an idle expiry and an
 * absolute one, and a CSRF token per session that every form posts back. Given a file (in the
 * git-ignored .yanxiu-serve/), they are kept there too, so a restart of the server logs nobody
 * out: the file holds only a SHA-256 hash of each id (a copy of it opens no session), is
 * written whole or not at all, and expired sessions are dropped when it is read or written.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "../repo/write.js";

export interface Session {
  id: string;
  teacher: string;
  csrf: string;
  created: number;
  seen: number;
}

/** What is kept of a session: everything but its id, which only the cookie holds. */
interface Stored {
  key: string;
  teacher: string;
  csrf: string;
  created: number;
  seen: number;
}

/** The sessions' file name inside .yanxiu-serve/. */
export const SESSIONS_FILE = "sessions.json";

export const IDLE_MS = 8 * 60 * 60 * 1000;
export const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** "Last seen" is written back at most this often (the idle expiry is hours). */
const SEEN_WRITE_MS = 5 * 60 * 1000;

const token = () => randomBytes(32).toString("base64url");
const keyOf = (id: string) => createHash("sha256").update(id).digest("hex");

export class Sessions {
  private readonly byKey = new Map<string, Stored>();
  private written = new Map<string, number>();

  /** `file`: where sessions outlive the process; without it they are kept in memory only. */
  constructor(private readonly now: () => number = Date.now, private readonly file?: string) {
    if (file) this.load(file);
  }

  /** A fresh session id on every login, so an id planted before login is worth nothing. */
  create(teacher: string): Session {
    const t = this.now();
    const id = token();
    const s: Stored = { key: keyOf(id), teacher, csrf: token(), created: t, seen: t };
    this.byKey.set(s.key, s);
    this.sweep(false);
    this.save();
    return { id, teacher, csrf: s.csrf, created: s.created, seen: s.seen };
  }

  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const key = keyOf(id);
    const s = this.byKey.get(key);
    if (!s) return undefined;
    const t = this.now();
    if (this.expired(s, t)) {
      this.byKey.delete(key);
      this.save();
      return undefined;
    }
    s.seen = t;
    if (t - (this.written.get(key) ?? 0) >= SEEN_WRITE_MS) this.save();
    return { id, teacher: s.teacher, csrf: s.csrf, created: s.created, seen: s.seen };
  }

  destroy(id: string | undefined): void {
    if (id && this.byKey.delete(keyOf(id))) this.save();
  }

  /** Every session of a teacher ends (password reset, account disabled). */
  destroyTeacher(teacher: string): void {
    let gone = false;
    for (const [key, s] of this.byKey) if (s.teacher === teacher) gone = this.byKey.delete(key) || gone;
    if (gone) this.save();
  }

  private expired(s: Stored, t: number): boolean {
    return t - s.seen > IDLE_MS || t - s.created > ABSOLUTE_MS;
  }

  private sweep(always: boolean): void {
    if (!always && this.byKey.size < 10_000) return;
    const t = this.now();
    for (const [key, s] of this.byKey) if (this.expired(s, t)) this.byKey.delete(key);
  }

  private load(file: string): void {
    let list: unknown;
    try {
      list = (JSON.parse(readFileSync(file, "utf8")) as { sessions?: unknown }).sessions;
    } catch {
      return; // no file yet, or a damaged one: everyone logs in again
    }
    if (!Array.isArray(list)) return;
    for (const s of list as Partial<Stored>[]) {
      if (typeof s?.key !== "string" || !/^[0-9a-f]{64}$/.test(s.key) || typeof s.teacher !== "string" || typeof s.csrf !== "string"
        || typeof s.created !== "number" || typeof s.seen !== "number") continue;
      this.byKey.set(s.key, { key: s.key, teacher: s.teacher, csrf: s.csrf, created: s.created, seen: s.seen });
      this.written.set(s.key, s.seen);
    }
    this.sweep(true);
  }

  private save(): void {
    if (!this.file) return;
    this.sweep(true);
    const list = [...this.byKey.values()];
    try {
      writeFileAtomic(this.file, JSON.stringify({ sessions: list }) + "\n", { mode: 0o600 });
      this.written = new Map(list.map((s) => [s.key, s.seen]));
    } catch (e) {
      // Sessions still work in memory; only a restart would log people out.
      process.stderr.write(`yanxiu serve: could not keep sessions in ${this.file}: ${(e as Error).message}\n`);
    }
  }
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== "string") return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
