/** A real school repo in a temp folder (the demo school, committed with real git) and a client with cookies. */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { createServer } from "../../src/serve/app.js";
import { openAccounts } from "../../src/serve/accounts.js";
import { hashSecret } from "../../src/serve/password.js";

export const DEMO = join(import.meta.dirname, "../../examples/demo-school");
export const TODAY = "2026-04-20";

export function git(root: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "core.quotePath=false", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
}

export function makeSchool(): string {
  const root = mkdtempSync(join(tmpdir(), "yanxiu-serve-"));
  cpSync(DEMO, root, { recursive: true });
  git(root, "init", "-q", "-b", "main");
  git(root, "-c", "user.name=office", "-c", "user.email=office@example.org", "add", "-A");
  git(root, "-c", "user.name=office", "-c", "user.email=office@example.org", "commit", "-q", "-m", "the demo school");
  return root;
}

/** Give these teachers a password directly (the invite flow has its own tests). */
export async function withPasswords(root: string, ids: string[], password = "correct horse"): Promise<void> {
  const hash = await hashSecret(password);
  openAccounts(root).update((a) => { for (const id of ids) a.set(id, { id, password: hash }); });
}

export function start(root: string, extra: { trustProxy?: boolean; maxUploadBytes?: number; now?: () => number; packLimit?: number } = {}) {
  return createServer({ root, today: () => TODAY, watch: false, ...extra });
}

export class Client {
  cookies = new Map<string, string>();
  last = "";
  constructor(readonly app: ReturnType<typeof start>["app"], readonly headers: Record<string, string> = {}) {}

  async request(path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await this.app.request(`http://school.test${path}`, {
      method: init.method ?? "GET", body: init.body,
      headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...(init.headers ?? {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = pair!.split("=");
      if (/max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k!);
      else this.cookies.set(k!, v.join("="));
    }
    return res;
  }

  async get(path: string): Promise<{ status: number; text: string; res: Response }> {
    const res = await this.request(path);
    const text = await res.text();
    this.last = text;
    return { status: res.status, text, res };
  }

  /** The value of a hidden field of the last page (the first of that name). */
  hidden(name: string): string {
    const m = new RegExp(`type="hidden" name="${name}" value="([^"]*)"`).exec(this.last);
    if (!m) throw new Error(`no hidden field ${name} on the last page`);
    return m[1]!;
  }

  csrf(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.last);
    if (!m) throw new Error("no csrf token on the last page");
    return m[1]!;
  }

  async post(path: string, fields: Record<string, string | File | (string | File)[]>, opts: { csrf?: string | null; multipart?: boolean; headers?: Record<string, string> } = {}): Promise<{ status: number; text: string; res: Response }> {
    const token = opts.csrf === null ? undefined : (opts.csrf ?? this.csrf());
    const all: Record<string, string | File | (string | File)[]> = { ...(token ? { _csrf: token } : {}), ...fields };
    let body: BodyInit;
    if (opts.multipart || Object.values(all).some((v) => v instanceof File)) {
      const fd = new FormData();
      for (const [k, v] of Object.entries(all)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
      body = fd;
    } else {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(all)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x as string);
      body = p;
    }
    const res = await this.request(path, { method: "POST", body, headers: opts.headers });
    const text = await res.text();
    this.last = text;
    return { status: res.status, text, res };
  }

  async login(who: string, password = "correct horse"): Promise<void> {
    await this.get("/login");
    const r = await this.post("/login", { who, password });
    if (r.status !== 303) throw new Error(`login of ${who} failed: ${r.status} ${r.text.slice(0, 300)}`);
    await this.get("/");
  }
}
