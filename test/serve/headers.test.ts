/** Every answer carries the security headers, and no-store unless the route says otherwise. */
import { describe, expect, it } from "vitest";
import { Client, makeSchool, start, withPasswords } from "./helpers.js";

const SECURITY = (res: Response) => ({
  csp: res.headers.get("content-security-policy"),
  nosniff: res.headers.get("x-content-type-options"),
  frame: res.headers.get("x-frame-options"),
  referrer: res.headers.get("referrer-policy"),
});
const EXPECTED = {
  csp: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  nosniff: "nosniff", frame: "DENY", referrer: "same-origin",
};

describe("response headers", () => {
  it("on pages, redirects, refusals, errors, the style sheet and a save's answer", async () => {
    const root = makeSchool();
    await withPasswords(root, ["t16"]);
    const { app } = start(root, { maxUploadBytes: 1000 });
    const c = new Client(app);
    const login = await c.get("/login");
    const css = await c.get("/assets/app.css");
    const missing = await c.get("/no-such-page");
    const home = await c.get("/");
    await c.login("t16");
    const me = await c.get("/");
    await c.get("/add?kind=observation");
    const saved = await c.post("/add", { kind: "observation", date: "2026-04-15", title: "头部测试", count: "1" });
    const refused = await c.post("/add", { kind: "observation", date: "2026-04-15", title: "x" }, { csrf: "wrong" });
    const tooLarge = await app.request("/add", { method: "POST", body: "x", headers: { "content-length": String(10 * 1024 * 1024), "content-type": "application/x-www-form-urlencoded" } });
    const answers = { login: login.res, css: css.res, missing: missing.res, home: home.res, me: me.res, saved: saved.res, refused: refused.res, tooLarge };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.status]))).toEqual({ login: 200, css: 200, missing: 404, home: 303, me: 200, saved: 200, refused: 403, tooLarge: 413 });
    for (const [name, res] of Object.entries(answers)) {
      expect(SECURITY(res), name).toEqual(EXPECTED);
      expect(res.headers.get("cache-control"), name).toBe(name === "css" ? "max-age=3600" : "no-store");
    }
    expect(css.res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(home.res.headers.get("location")).toBe("/login");
  });
});
