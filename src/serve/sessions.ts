/**
 * Login sessions, kept in memory: a random id in an HttpOnly, SameSite=Lax cookie, an idle
 * expiry and an absolute one, and a CSRF token per session that every form posts back.
 * A restart logs everyone out, which is acceptable for a school server and keeps no
 * session secrets on disk.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";

export interface Session {
  id: string;
  teacher: string;
  csrf: string;
  created: number;
  seen: number;
}

export const IDLE_MS = 8 * 60 * 60 * 1000;
export const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

const token = () => randomBytes(32).toString("base64url");

export class Sessions {
  private readonly byId = new Map<string, Session>();
  constructor(private readonly now: () => number = Date.now) {}

  /** A fresh session id on every login, so an id planted before login is worth nothing. */
  create(teacher: string): Session {
    const t = this.now();
    const s: Session = { id: token(), teacher, csrf: token(), created: t, seen: t };
    this.byId.set(s.id, s);
    this.sweep();
    return s;
  }

  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    if (!s) return undefined;
    const t = this.now();
    if (t - s.seen > IDLE_MS || t - s.created > ABSOLUTE_MS) {
      this.byId.delete(id);
      return undefined;
    }
    s.seen = t;
    return s;
  }

  destroy(id: string | undefined): void {
    if (id) this.byId.delete(id);
  }

  /** Every session of a teacher ends (password reset, account disabled). */
  destroyTeacher(teacher: string): void {
    for (const [id, s] of this.byId) if (s.teacher === teacher) this.byId.delete(id);
  }

  private sweep(): void {
    if (this.byId.size < 10_000) return;
    const t = this.now();
    for (const [id, s] of this.byId) if (t - s.seen > IDLE_MS || t - s.created > ABSOLUTE_MS) this.byId.delete(id);
  }
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== "string") return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
