/**
 * The web application: security headers, language, the logged-in person and the CSRF check
 * on every request, then the routes. Any error ends in a plain page without a stack trace.
 */
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { bodyLimit } from "hono/body-limit";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { t, parseLang, type Lang } from "../i18n.js";
import { ensureServeDir, openAccounts } from "./accounts.js";
import type { Ctx, Server, ServeOptions, Vars } from "./context.js";
import { LoginLimiter } from "./limiter.js";
import { SaveQueue } from "./queue.js";
import { PackUpkeep } from "../git/pack-upkeep.js";
import { clientAddress, expectedHost, isSecure, readForm, field } from "./request.js";
import { viewerOf } from "./roles.js";
import { sameToken, Sessions, SESSIONS_FILE } from "./sessions.js";
import { RepoState } from "./state.js";
import { APP_CSS } from "./views/css.js";
import { errorPage, type Frame } from "./views/layout.js";
import { registerAuth } from "./routes-auth.js";
import { registerMe } from "./routes-me.js";
import { registerEdit } from "./routes-edit.js";
import { registerEvidence } from "./routes-evidence.js";
import { registerLeader } from "./routes-leader.js";
import { registerOffice } from "./routes-office.js";
import { registerReview } from "./routes-review.js";
import { MyPageMemo } from "./my-page-memo.js";

export const SESSION_COOKIE = "yx_sid";
export const PRE_COOKIE = "yx_pre";
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function createServer(opts: ServeOptions, socketAddress?: (c: Ctx) => string | undefined): { app: Hono<{ Variables: Vars }>; server: Server } {
  const state = new RepoState(opts.root, "zh", opts.afterLoad);
  const server: Server = {
    opts: { trustProxy: false, maxUploadBytes: 10 * 1024 * 1024, watch: true, ...opts },
    state,
    sessions: new Sessions(opts.now, join(ensureServeDir(opts.root), SESSIONS_FILE)),
    limiter: new LoginLimiter(opts.now),
    queue: new SaveQueue(state, undefined, {}, new PackUpkeep(opts.packLimit)),
    accounts: openAccounts(opts.root),
    pages: new MyPageMemo(),
  };
  if (server.opts.watch) server.state.start();
  const app = new Hono<{ Variables: Vars }>();

  app.onError((err, c) => {
    process.stderr.write(`yanxiu serve: ${c.req.method} ${new URL(c.req.url).pathname}: ${err?.stack ?? err}\n`);
    const lang = (c.get("lang") as Lang | undefined) ?? "zh";
    return c.html(String(errorPage(frameOf(c as Ctx, t(lang, "出错了", "Something went wrong")), t(lang, "出错了", "Something went wrong"),
      t(lang, "服务器处理这个请求时出错,什么也没有改动。请稍后再试;如果一直这样,请告诉教务处。", "The server failed on this request and changed nothing. Try again later; if it keeps happening, tell the office."))), 500);
  });
  app.notFound((c) => {
    const lang = (c.get("lang") as Lang | undefined) ?? "zh";
    return c.html(String(errorPage(frameOf(c as Ctx, t(lang, "找不到", "Not found")), t(lang, "找不到这个页面", "No such page"), t(lang, "链接可能已经失效。", "The link may be out of date."))), 404);
  });

  // Set before the answer is made, so every answer is made with them (a route's own Cache-Control
  // wins); set after, each one made Hono copy the answer into a new web Response.
  app.use("*", async (c, next) => {
    c.header("Content-Security-Policy", CSP);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "same-origin");
    c.header("Cache-Control", "no-store");
    await next();
  });

  app.get("/assets/app.css", (c) => c.body(APP_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "max-age=3600" }));
  app.get("/healthz", (c) => c.text("ok"));

  // Uploads: a few evidence files per record; anything far larger is refused before it is read.
  const maxBody = server.opts.maxUploadBytes * 5 + 1024 * 1024;
  const tooLarge = (c: Ctx) => c.html(String(errorPage(frameOf(c, "413"), t(langOf(c), "文件太大", "Too large"), t(langOf(c), `上传的内容太大:每个文件不超过 ${Math.round(server.opts.maxUploadBytes / 1048576)} MB`, `The upload is too large: at most ${Math.round(server.opts.maxUploadBytes / 1048576)} MB per file`))), 413);
  const counted = bodyLimit({ maxSize: maxBody, onError: (c) => tooLarge(c as Ctx) });
  app.use("*", (c, next) => {
    // A body of declared length is judged by its header, as bodyLimit judges it, without asking
    // for the body: asking made Node's request a web Request with a stream (~1 ms per save), and
    // left, the form is read straight from the socket. A body without a length is counted.
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) return Number.parseInt(length || "0", 10) > maxBody ? Promise.resolve(tooLarge(c as Ctx)) : next();
    return counted(c, next);
  });

  app.use("*", async (c, next) => {
    const ctx = c as Ctx;
    const repo = server.state.current();
    ctx.set("repo", repo);
    ctx.set("dataset", repo.dataset);
    const query = parseLang(ctx.req.query("lang"));
    const secure = isSecure(ctx, server.opts.trustProxy);
    ctx.set("secure", secure);
    if (query) setCookie(ctx, "yx_lang", query, { path: "/", sameSite: "Lax", maxAge: 365 * 86400, secure });
    ctx.set("lang", query ?? parseLang(getCookie(ctx, "yx_lang")) ?? repo.dataset?.config.lang ?? "zh");
    ctx.set("address", clientAddress(ctx, server.opts.trustProxy, socketAddress?.(ctx)));

    let pre = getCookie(ctx, PRE_COOKIE);
    if (!pre || !/^[A-Za-z0-9_-]{20,}$/.test(pre)) {
      pre = randomBytes(24).toString("base64url");
      setCookie(ctx, PRE_COOKIE, pre, { path: "/", httpOnly: true, sameSite: "Strict", secure });
    }
    ctx.set("preCsrf", pre);

    const session = server.sessions.get(getCookie(ctx, SESSION_COOKIE));
    if (session && repo.dataset) {
      const account = server.accounts.get(session.teacher);
      const viewer = account && !account.disabled && account.password ? viewerOf(repo.dataset, session.teacher, server.opts.today()) : undefined;
      if (viewer) {
        ctx.set("session", session);
        ctx.set("viewer", viewer);
      } else {
        server.sessions.destroy(session.id); // left the school, disabled or reset meanwhile
      }
    }

    if (ctx.req.method === "POST") {
      const refusal = crossSite(ctx, server.opts.trustProxy);
      if (refusal) return forbidden(ctx, refusal);
      const form = await readForm(ctx);
      (ctx as unknown as { form: unknown }).form = form;
      const token = field(form, "_csrf");
      const ok = ctx.get("session") ? sameToken(token, ctx.get("session")!.csrf) : sameToken(token, pre);
      if (!ok) return forbidden(ctx, t(ctx.get("lang"), "表单已过期或来自别的网站,没有保存。请刷新页面后再提交。", "The form has expired or came from another site; nothing was saved. Reload the page and submit again."));
    }
    await next();
  });

  registerAuth(app, server);
  registerMe(app, server);
  registerEdit(app, server);
  registerEvidence(app, server);
  registerLeader(app, server);
  registerReview(app, server);
  registerOffice(app, server);
  return { app, server };
}

/** A post whose Origin (or Referer) is another site is refused before anything is read. */
function crossSite(c: Ctx, trustProxy: boolean): string | undefined {
  const origin = c.req.header("origin") ?? c.req.header("referer");
  if (!origin || origin === "null") return origin === "null" ? t(c.get("lang"), "拒绝来自别的网站的提交", "a post from another site is refused") : undefined;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return t(c.get("lang"), "拒绝来自别的网站的提交", "a post from another site is refused");
  }
  return host === expectedHost(c, trustProxy) ? undefined : t(c.get("lang"), "拒绝来自别的网站的提交", "a post from another site is refused");
}

export function langOf(c: Ctx): Lang {
  return (c.get("lang") as Lang | undefined) ?? "zh";
}

export function frameOf(c: Ctx, title: string, active?: string): Frame {
  const v = c.get("viewer");
  const s = c.get("session");
  return {
    lang: langOf(c),
    school: c.get("dataset")?.config.school ?? "yanxiu",
    title,
    active,
    user: v && s ? { name: v.teacher.name, leads: v.leads.length > 0, office: v.office, csrf: s.csrf } : undefined,
  };
}

export function forbidden(c: Ctx, text: string): Response {
  const l = langOf(c);
  return c.html(String(errorPage(frameOf(c, t(l, "不允许", "Not allowed")), t(l, "不允许", "Not allowed"), text)), 403);
}

export function formOf(c: Ctx): import("./request.js").Form {
  return ((c as unknown as { form?: import("./request.js").Form }).form) ?? {};
}
