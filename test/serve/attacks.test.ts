/**
 * Every refusal of issue 13's "Attacks and bad input", over HTTP against the in-process app,
 * a real school repo in a temp folder and real git: each asserts the refusal and that no
 * file and no commit changed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

const T01 = "records/2025-2026-2/t01.yaml";
const T02 = "records/2025-2026-2/t02.yaml";

let root: string;
let app: ReturnType<typeof start>["app"];
let server: ReturnType<typeof start>["server"];
const head = () => git(root, "rev-parse", "HEAD").trim();
const bytes = (f: string) => readFileSync(join(root, f), "utf8");
const clean = () => git(root, "status", "--porcelain", "--", "records", "sessions", "evidence").trim();

beforeEach(async () => {
  root = makeSchool();
  await withPasswords(root, ["t01", "t02", "t06", "t11"]);
  ({ app, server } = start(root));
});

const record = { kind: "observation", date: "2026-04-15", title: "4月听课记录", count: "2" };

describe("refused writes leave every file and the history as they were", () => {
  it("an unauthenticated post is refused", async () => {
    const c = new Client(app);
    await c.get("/login");
    const before = head();
    const r = await c.post("/add", record);
    expect(r.status).toBe(403);
    expect(head()).toBe(before);
    expect(clean()).toBe("");
  });

  it("a post without the form's CSRF token is refused, even when logged in", async () => {
    const c = new Client(app);
    await c.login("t01");
    const before = bytes(T01);
    const r = await c.post("/add", record, { csrf: null });
    expect(r.status).toBe(403);
    expect(r.text).toContain("表单已过期");
    expect(bytes(T01)).toBe(before);
  });

  it("a cross-site post (another Origin) is refused before anything is read", async () => {
    const c = new Client(app);
    await c.login("t01");
    const before = head();
    const r = await c.post("/add", record, { headers: { origin: "http://evil.example" } });
    expect(r.status).toBe(403);
    expect(r.text).toContain("别的网站");
    expect(head()).toBe(before);
  });

  it("a teacher cannot write into another teacher's file: the record lands in her own", async () => {
    const c = new Client(app);
    await c.login("t01");
    const other = bytes(T02);
    const r = await c.post("/add", { ...record, teacher: "t02", owner: "t02", file: T02 });
    expect(r.status).toBe(200);
    expect(bytes(T02)).toBe(other);
    expect(git(root, "show", "--name-only", "--format=", "HEAD").trim()).toBe(T01);
  });

  it("a teacher cannot record a group session (self-crediting) from the add form", async () => {
    const c = new Client(app);
    await c.login("t02");
    const before = head();
    const r = await c.post("/add", { kind: "group-discussion", date: "2026-04-15", title: "研讨", hours: "40" });
    expect(r.status).toBe(403);
    expect(head()).toBe(before);
  });
});

describe("what is shown is text", () => {
  it("HTML and script in a title are rendered as text", async () => {
    const c = new Client(app);
    await c.login("t01");
    const evil = `<script>alert(1)</script><img src=x onerror=alert(2)>"'`;
    const r = await c.post("/add", { ...record, title: evil });
    expect(r.status).toBe(200);
    const page = await c.get("/");
    expect(page.text).not.toContain("<script>alert(1)");
    expect(page.text).not.toContain("<img src=x");
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;");
    expect(page.res.headers.get("content-security-policy")).toContain("script-src 'none'");
  });
});

describe("uploads", () => {
  const jpeg = (size = 100) => { const b = new Uint8Array(size); b.set([0xff, 0xd8, 0xff, 0xe0]); return b; };

  it("a name with a path is refused; nothing is written", async () => {
    const c = new Client(app);
    await c.login("t01");
    const before = head();
    const r = await c.post("/add", { ...record, evidence: new File([jpeg()], "../../roster.yaml") });
    expect(r.status).toBe(400);
    expect(r.text).toContain("带有路径");
    expect(head()).toBe(before);
    expect(clean()).toBe("");
  });

  it("a file over the limit is refused", async () => {
    ({ app, server } = start(root, { maxUploadBytes: 1000 }));
    const c = new Client(app);
    await c.login("t01");
    const r = await c.post("/add", { ...record, evidence: new File([jpeg(2000)], "cert.jpg") });
    expect(r.status).toBe(400);
    expect(r.text).toContain("太大");
    expect(clean()).toBe("");
  });

  it("a body far over the limit is refused before it is read", async () => {
    ({ app, server } = start(root, { maxUploadBytes: 1000 }));
    const c = new Client(app);
    await c.login("t01");
    const r = await c.post("/add", { ...record, evidence: new File([jpeg(3 * 1024 * 1024)], "cert.jpg") });
    expect(r.status).toBe(413);
    expect(clean()).toBe("");
  });

  it("a file that is not a photo or PDF (whatever its name) is refused", async () => {
    const c = new Client(app);
    await c.login("t01");
    const r = await c.post("/add", { ...record, evidence: new File(["<html><script>x</script>"], "cert.jpg", { type: "image/jpeg" }) });
    expect(r.status).toBe(400);
    expect(r.text).toContain("不是照片");
    expect(clean()).toBe("");
  });

  it("a photo is saved under evidence/<teacher>/ and committed with the record", async () => {
    const c = new Client(app);
    await c.login("t01");
    const r = await c.post("/add", { ...record, evidence: new File([jpeg()], "证书 照片.JPG") });
    expect(r.status, r.text).toBe(200);
    const files = git(root, "show", "--name-only", "--format=", "HEAD").trim().split("\n").sort();
    expect(files).toEqual(["evidence/t01/2026-04-15-证书-照片.jpg", T01]);
    expect(bytes(T01)).toContain("evidence: evidence/t01/2026-04-15-证书-照片.jpg");
  });
});

describe("bad input", () => {
  it("a malformed field shows the check message beside the field, nothing written", async () => {
    const c = new Client(app);
    await c.login("t01");
    const before = head();
    const r = await c.post("/add", { ...record, count: "三节" });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/<label for="count">[^<]*<\/label><input id="count"[^>]*value="三节"[^>]*><p class="err" role="alert">应为数字/);
    expect(head()).toBe(before);
  });

  it("a problem found by check (a future date) is shown beside the date", async () => {
    const c = new Client(app);
    await c.login("t01");
    const r = await c.post("/add", { ...record, date: "2026-05-20" });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/<input id="date"[^>]*><p class="err" role="alert">日期 2026-05-20 在今天\(2026-04-20\)之后/);
    expect(clean()).toBe("");
  });
});

describe("logins", () => {
  it("1,000 wrong passwords are slowed and locked, without a crash; the right one then waits too", async () => {
    // One attempt a second for 1,000 seconds, on the server's clock.
    let now = Date.now();
    ({ app, server } = start(root, { trustProxy: true, now: () => now }));
    const c = new Client(app, { "x-forwarded-for": "10.0.0.9" });
    await c.get("/login");
    const token = c.csrf();
    const statuses = new Map<number, number>();
    // CPU time (the hash threads' included), not the clock: the 990 refused attempts must cost no
    // hash (~0.1 s of CPU each here, ~100 s for all); on a busy machine the clock runs on while this
    // process waits for a core.
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 1000; i++) {
      now += 1000;
      const r = await c.post("/login", { who: "t01", password: `guess${i}` }, { csrf: token });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    // Each failure doubles the wait (1 s, 2 s … 256 s), the tenth locks the account for 15 min:
    // only 10 attempts are ever hashed, the other 990 are refused at once as too soon.
    expect(statuses.get(401)).toBe(10);
    expect(statuses.get(429)).toBe(990);
    expect(server.limiter.locked("t01")).toBe(true);
    const cpu = process.cpuUsage(cpu0);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(20_000);
    const right = await c.post("/login", { who: "t01", password: "correct horse" }, { csrf: token });
    expect(right.status).toBe(429);
    expect((await c.get("/healthz")).text).toBe("ok");
  });

  it("ten wrong passwords lock the account for 15 minutes", async () => {
    let now = 1_000_000;
    const { LoginLimiter } = await import("../../src/serve/limiter.js");
    const l = new LoginLimiter(() => now);
    for (let i = 0; i < 10; i++) {
      now += l.wait("t01", `10.0.0.${i}`);
      expect(l.wait("t01", `10.0.0.${i}`)).toBe(0);
      l.fail("t01", `10.0.0.${i}`);
    }
    expect(l.locked("t01")).toBe(true);
    expect(l.wait("t01", "10.9.9.9")).toBe(15 * 60 * 1000);
  });

  it("session fixation: a planted session id is ignored and login issues a new one", async () => {
    const c = new Client(app);
    c.cookies.set("yx_sid", "planted-by-attacker");
    await c.login("t01");
    expect(c.cookies.get("yx_sid")).not.toBe("planted-by-attacker");
    const attacker = new Client(app);
    attacker.cookies.set("yx_sid", "planted-by-attacker");
    expect((await attacker.get("/")).status).toBe(303);
  });

  it("logout ends the session: its id is worth nothing afterwards", async () => {
    const c = new Client(app);
    await c.login("t01");
    const now = c.cookies.get("yx_sid")!;
    await c.get("/");
    await c.post("/logout", {});
    expect(c.cookies.has("yx_sid")).toBe(false);
    const after = new Client(app);
    after.cookies.set("yx_sid", now);
    expect((await after.get("/")).status).toBe(303);
    expect((await after.post("/add", record, { csrf: "x" })).status).toBe(403);
  });

  it("cookies are HttpOnly and SameSite, with an expiry", async () => {
    const c = new Client(app);
    await c.get("/login");
    const r = await c.post("/login", { who: "t01", password: "correct horse" });
    const cookie = r.res.headers.getSetCookie().find((x) => x.startsWith("yx_sid="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=\d+/);
  });

  it("a teacher who left (roster left:) cannot log in, and an open session ends", async () => {
    const c = new Client(app);
    await c.login("t02");
    const roster = bytes("roster.yaml").replace("    joined: 2007-08-30\n", "    joined: 2007-08-30\n    left: 2026-04-01\n");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(root, "roster.yaml"), roster);
    server.state.markStale();
    expect((await c.get("/")).status).toBe(303);
    const again = new Client(app);
    await again.get("/login");
    const r = await again.post("/login", { who: "t02", password: "correct horse" });
    expect(r.status).toBe(401);
    expect(r.text).toContain("不在本校名册");
  });

  it("no stack trace reaches the browser", async () => {
    const c = new Client(app);
    await c.login("t01");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(root, "yanxiu.yaml"), "school: [unclosed\n");
    server.state.markStale();
    const r = await c.get("/");
    expect(r.text).not.toMatch(/at \w+ \(|\.ts:\d+|Error:/);
  });
});

describe("saves at once, and saves that fail", () => {
  it("two teachers saving in the same moment both land, each commit authored by its teacher", async () => {
    const a = new Client(app);
    const b = new Client(app);
    await a.login("t01");
    await b.login("t02");
    await a.get("/add?kind=observation");
    await b.get("/add?kind=observation");
    const [ra, rb] = await Promise.all([a.post("/add", record), b.post("/add", { ...record, title: "王老师听课" })]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const log = git(root, "log", "-2", "--format=%an|%s").trim().split("\n").sort();
    expect(log).toEqual(["王晓丽|records: t02 王老师听课 2026-04-15 (web)", "黄敏斌|records: t01 4月听课记录 2026-04-15 (web)"]);
    // The answer goes out once the commit is made; git's index is brought in step just after.
    await server.queue.idle();
    expect(clean()).toBe("");
  });

  it("a broken repository: the commit fails, the file is put back byte-identical, the user is told", async () => {
    const c = new Client(app);
    await c.login("t01");
    const before = bytes(T01);
    const { writeFileSync, existsSync } = await import("node:fs");
    writeFileSync(join(root, ".git/HEAD"), "garbage\n");
    const r = await c.post("/add", { ...record, evidence: new File([new Uint8Array([0xff, 0xd8, 0xff, 0, 0])], "a.jpg") });
    expect(r.status).toBe(500);
    expect(r.text).toContain("git 提交失败");
    expect(r.text).not.toMatch(/\.ts:\d+/);
    expect(bytes(T01)).toBe(before);
    expect(existsSync(join(root, "evidence/t01/2026-04-15-a.jpg"))).toBe(false);
  });
});
