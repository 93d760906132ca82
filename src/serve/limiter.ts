/**
 * Login attempts, limited per account and per address. Each failure doubles the wait before
 * the next attempt is even looked at (1 s, 2 s, 4 s … up to 15 min); ten failures in a row lock
 * the account for 15 minutes. Refusals are answered at once without hashing anything, so a
 * thousand wrong passwords cost the server almost nothing. A success clears the account's count.
 * Bounded memory: the oldest entries are dropped past a cap.
 */
export interface LimitState {
  failures: number;
  /** No attempt is looked at before this time (ms). */
  until: number;
}

export const LOCK_AFTER = 10;
export const LOCK_MS = 15 * 60 * 1000;
const MAX_WAIT_MS = 15 * 60 * 1000;
const MAX_KEYS = 50_000;

export class LoginLimiter {
  private readonly states = new Map<string, LimitState>();
  constructor(private readonly now: () => number = Date.now, private readonly addressAllowance = 5) {}

  /** Milliseconds to wait before this account or address may try again (0: may try now). */
  wait(account: string, address: string): number {
    const t = this.now();
    const a = this.states.get(`a:${account}`);
    const b = this.states.get(`ip:${address}`);
    return Math.max(0, (a?.until ?? 0) - t, (b?.until ?? 0) - t);
  }

  locked(account: string): boolean {
    const a = this.states.get(`a:${account}`);
    return Boolean(a && a.failures >= LOCK_AFTER && a.until > this.now());
  }

  fail(account: string, address: string): void {
    this.bump(`a:${account}`, 0);
    // An address may make a few mistakes (a shared school network) before it is slowed.
    this.bump(`ip:${address}`, this.addressAllowance);
  }

  succeed(account: string): void {
    this.states.delete(`a:${account}`);
  }

  private bump(key: string, free: number): void {
    const s = this.states.get(key) ?? { failures: 0, until: 0 };
    s.failures++;
    const over = s.failures - free;
    const wait = key.startsWith("a:") && s.failures >= LOCK_AFTER ? LOCK_MS : over > 0 ? Math.min(MAX_WAIT_MS, 1000 * 2 ** (over - 1)) : 0;
    s.until = this.now() + wait;
    this.states.delete(key);
    this.states.set(key, s);
    if (this.states.size > MAX_KEYS) this.states.delete(this.states.keys().next().value!);
  }
}
