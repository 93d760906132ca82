/**
 * The account store: one JSON file in .yanxiu-serve/ beside the school's files, ignored by git
 * and never committed. It holds, per roster teacher, the scrypt hash of the password or of the
 * pending one-time code, and whether the office disabled the account. Written atomically.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, appendFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../repo/write.js";

export const SERVE_DIR = ".yanxiu-serve";
export const ACCOUNTS_FILE = "accounts.json";

export interface Account {
  id: string;
  /** scrypt hash of the password, once set. */
  password?: string;
  /** scrypt hash of the one-time code while an invitation is pending. */
  code?: string;
  invited?: string;
  passwordSet?: string;
  disabled?: boolean;
  lastLogin?: string;
}

export interface AccountStore {
  read(): Map<string, Account>;
  /**
   * One account, as the file holds it now: read again only when the file changed (another
   * inode, size or change time: `yanxiu accounts` replaces it whole), since every request asks.
   */
  get(id: string): Readonly<Account> | undefined;
  update(fn: (accounts: Map<string, Account>) => void): void;
  path: string;
}

export function serveDir(root: string): string {
  return join(root, SERVE_DIR);
}

/**
 * Make sure the folder exists with its own .gitignore ("*"), so even a repo whose .gitignore
 * predates serve never stages it; owner-only permissions.
 */
export function ensureServeDir(root: string): string {
  const dir = serveDir(root);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ignore = join(dir, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "# yanxiu serve: accounts and secrets, never committed\n*\n");
  return dir;
}

export function openAccounts(root: string): AccountStore {
  const path = join(serveDir(root), ACCOUNTS_FILE);
  const read = (): Map<string, Account> => {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      return new Map();
    }
    const data = JSON.parse(text) as { accounts?: Account[] };
    return new Map((data.accounts ?? []).map((a) => [a.id, a]));
  };
  let kept: { stamp: string; accounts: Map<string, Account> } | undefined;
  const stampOf = (): string => {
    try {
      const st = statSync(path, { bigint: true });
      return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
    } catch {
      return "none";
    }
  };
  return {
    path,
    read,
    get(id) {
      const stamp = stampOf();
      if (kept?.stamp !== stamp) kept = { stamp, accounts: read() };
      return kept.accounts.get(id);
    },
    update(fn) {
      ensureServeDir(root);
      const accounts = read();
      fn(accounts);
      const list = [...accounts.values()].sort((a, b) => a.id.localeCompare(b.id));
      writeFileAtomic(path, JSON.stringify({ accounts: list }, null, 1) + "\n");
    },
  };
}

/** One line per security event (logins, lock-outs, invitations), for the office to read. */
export function logEvent(root: string, event: Record<string, unknown>): void {
  try {
    ensureServeDir(root);
    appendFileSync(join(serveDir(root), "events.log"), JSON.stringify({ at: new Date().toISOString(), ...event }) + "\n");
  } catch {
    /* a log that cannot be written must not stop a login */
  }
}
