/** Log in, first login with a one-time code, log out. */
import type { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { t } from "../i18n.js";
import type { Ctx, Server, Vars } from "./context.js";
import { logEvent } from "./accounts.js";
import { hashSecret, normaliseCode, verifySecret } from "./password.js";
import { field } from "./request.js";
import { viewerOf } from "./roles.js";
import { ABSOLUTE_MS } from "./sessions.js";
import { page } from "./views/layout.js";
import { loginBody, welcomeBody } from "./views/login.js";
import { formOf, frameOf, langOf, SESSION_COOKIE } from "./app.js";

/** Compared against when the id is unknown, so a wrong id costs as long as a wrong password. */
let dummyHash: Promise<string> | undefined;

export function registerAuth(app: Hono<{ Variables: Vars }>, server: Server): void {
  const render = (c: Ctx, body: ReturnType<typeof loginBody>, status: 200 | 400 | 401 | 429 = 200) =>
    c.html(String(page(frameOf(c, t(langOf(c), "登录", "Log in")), body)), status);

  const startSession = (c: Ctx, teacher: string) => {
    server.sessions.destroy(c.get("session")?.id);
    const s = server.sessions.create(teacher);
    setCookie(c, SESSION_COOKIE, s.id, { path: "/", httpOnly: true, sameSite: "Lax", secure: c.get("secure"), maxAge: Math.floor(ABSOLUTE_MS / 1000) });
    server.accounts.update((a) => { const acc = a.get(teacher); if (acc) acc.lastLogin = new Date().toISOString(); });
    return c.redirect("/", 303);
  };

  /** Who is trying, by id (or by a name only one teacher has). */
  const resolve = (c: Ctx, who: string) => {
    const teachers = c.get("dataset")?.roster.teachers ?? [];
    const k = who.trim();
    return teachers.find((x) => x.id === k) ?? (teachers.filter((x) => x.name === k).length === 1 ? teachers.find((x) => x.name === k) : undefined);
  };

  const tooSoon = (c: Ctx, key: string) => {
    const wait = server.limiter.wait(key, c.get("address"));
    if (wait <= 0) return undefined;
    const l = langOf(c);
    const locked = server.limiter.locked(key);
    const secs = Math.ceil(wait / 1000);
    return locked
      ? t(l, `错误次数太多,这个账号已锁定 ${Math.ceil(secs / 60)} 分钟;忘记密码请找教务处重置`, `Too many wrong attempts: this account is locked for ${Math.ceil(secs / 60)} min; if you forgot the password, ask the office for a reset`)
      : t(l, `尝试太频繁,请 ${secs} 秒后再试`, `Too many attempts: try again in ${secs} s`);
  };

  app.get("/login", (c) => (c.get("viewer") ? c.redirect("/", 303) : render(c, loginBody({ lang: langOf(c), csrf: c.get("preCsrf") }))));

  app.post("/login", async (c) => {
    const form = formOf(c);
    const who = field(form, "who").slice(0, 100);
    const password = field(form, "password").slice(0, 1000);
    const l = langOf(c);
    const teacher = resolve(c, who);
    const key = teacher?.id ?? who.trim().toLowerCase();
    const wait = tooSoon(c, key);
    if (wait) return render(c, loginBody({ lang: l, csrf: c.get("preCsrf"), who, error: wait }), 429);
    const account = teacher ? server.accounts.read().get(teacher.id) : undefined;
    const ok = await verifySecret(password, account?.password ?? (await (dummyHash ??= hashSecret("not a password"))));
    const active = teacher && c.get("dataset") ? viewerOf(c.get("dataset")!, teacher.id, server.opts.today()) !== undefined : false;
    if (!ok || !teacher || !account?.password || account.disabled || !active) {
      server.limiter.fail(key, c.get("address"));
      logEvent(server.opts.root, { event: "login-failed", who: key, address: c.get("address") });
      const why = ok && teacher && !active ? t(l, "你已不在本校名册中,不能再登录", "You are no longer on the school's roster and cannot log in")
        : ok && account?.disabled ? t(l, "这个账号已被教务处停用", "This account was disabled by the office")
        : t(l, "教师编号或密码不对", "Wrong teacher id or password");
      return render(c, loginBody({ lang: l, csrf: c.get("preCsrf"), who, error: why }), 401);
    }
    server.limiter.succeed(teacher.id);
    logEvent(server.opts.root, { event: "login", who: teacher.id, address: c.get("address") });
    return startSession(c, teacher.id);
  });

  app.get("/welcome", (c) => render(c, welcomeBody({ lang: langOf(c), csrf: c.get("preCsrf"), who: c.req.query("id") ?? "" })));

  app.post("/welcome", async (c) => {
    const form = formOf(c);
    const l = langOf(c);
    const who = field(form, "who").slice(0, 100);
    const code = normaliseCode(field(form, "code").slice(0, 100));
    const password = field(form, "password");
    const password2 = field(form, "password2");
    const teacher = resolve(c, who);
    const key = teacher?.id ?? who.trim().toLowerCase();
    const show = (status: 400 | 401 | 429, error?: string, errors?: Record<string, string>) =>
      render(c, welcomeBody({ lang: l, csrf: c.get("preCsrf"), who, error, errors }), status);
    const wait = tooSoon(c, key);
    if (wait) return show(429, wait);
    if (password.length < 8 || password.length > 200) return show(400, undefined, { password: t(l, "密码至少 8 位", "The password needs 8 characters or more") });
    if (password !== password2) return show(400, undefined, { password: t(l, "两次输入的密码不一样", "The two passwords differ") });
    const account = teacher ? server.accounts.read().get(teacher.id) : undefined;
    const ok = await verifySecret(code, account?.code ?? (await (dummyHash ??= hashSecret("not a password"))));
    const active = teacher && c.get("dataset") ? viewerOf(c.get("dataset")!, teacher.id, server.opts.today()) !== undefined : false;
    if (!ok || !teacher || !account?.code || account.disabled || !active) {
      server.limiter.fail(key, c.get("address"));
      logEvent(server.opts.root, { event: "code-failed", who: key, address: c.get("address") });
      return show(401, undefined, { code: t(l, "教师编号或邀请码不对(邀请码只能用一次)", "Wrong teacher id or code (a code works only once)") });
    }
    const hash = await hashSecret(password);
    server.accounts.update((a) => {
      const acc = a.get(teacher.id)!;
      acc.password = hash;
      delete acc.code;
      acc.passwordSet = new Date().toISOString();
    });
    server.sessions.destroyTeacher(teacher.id);
    server.limiter.succeed(teacher.id);
    logEvent(server.opts.root, { event: "password-set", who: teacher.id, address: c.get("address") });
    return startSession(c, teacher.id);
  });

  app.post("/logout", (c) => {
    server.sessions.destroy(c.get("session")?.id);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/login", 303);
  });
}
