import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { IDLE_MS } from "../../src/serve/sessions.js";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

let root: string;
let now: number;
const FILE = () => join(root, ".yanxiu-serve", "sessions.json");
const clock = () => now;

beforeEach(async () => {
  root = makeSchool();
  now = Date.UTC(2026, 3, 20, 8);
  await withPasswords(root, ["t16", "t01"]);
});

/** The same browser (its cookies) against a new server on the same school: a restart. */
function restarted(c: Client): Client {
  const again = new Client(start(root, { now: clock }).app);
  for (const [k, v] of c.cookies) again.cookies.set(k, v);
  return again;
}

describe("sessions survive a restart", () => {
  it("logged in before the restart, still logged in after it, and the forms' token still works", async () => {
    const c = new Client(start(root, { now: clock }).app);
    await c.login("t16");
    const after = restarted(c);
    const page = await after.get("/");
    expect(page.status).toBe(200);
    expect(page.text).toContain("我的研修");
    await after.get("/add?kind=observation");
    const r = await after.post("/add", { kind: "observation", date: "2026-04-15", title: "重启之后", count: "1" });
    expect(r.status, r.text).toBe(200);
    expect(git(root, "log", "-1", "--format=%an").trim()).toBe("刘娟");
  });

  it("the file holds a hash of the session id, never the id; owner-only; not tracked by git", async () => {
    const c = new Client(start(root, { now: clock }).app);
    await c.login("t16");
    const id = c.cookies.get("yx_sid")!;
    const text = readFileSync(FILE(), "utf8");
    expect(text).not.toContain(id);
    expect(text).toContain(createHash("sha256").update(id).digest("hex"));
    expect(statSync(FILE()).mode & 0o777).toBe(0o600);
    expect(git(root, "status", "--porcelain").trim()).toBe("");
  });

  it("logout still ends the session, after a restart too", async () => {
    const c = new Client(start(root, { now: clock }).app);
    await c.login("t16");
    const old = c.cookies.get("yx_sid")!;
    await c.post("/logout", {});
    const after = restarted(c);
    after.cookies.set("yx_sid", old);
    const r = await after.get("/");
    expect(r.status).toBe(303);
    expect(r.res.headers.get("location")).toBe("/login");
  });

  it("an expired session is refused after a restart and dropped from the file", async () => {
    const c = new Client(start(root, { now: clock }).app);
    await c.login("t16");
    const key = createHash("sha256").update(c.cookies.get("yx_sid")!).digest("hex");
    now += IDLE_MS + 1000;
    const after = restarted(c);
    expect((await after.get("/")).status).toBe(303);
    const other = new Client(start(root, { now: clock }).app);
    await other.login("t01");
    expect(readFileSync(FILE(), "utf8")).not.toContain(key);
    expect(JSON.parse(readFileSync(FILE(), "utf8")).sessions).toHaveLength(1);
  });

  it("a damaged file logs everyone out and does not stop the server", async () => {
    const c = new Client(start(root, { now: clock }).app);
    await c.login("t16");
    writeFileSync(FILE(), "{ not json");
    const after = restarted(c);
    expect((await after.get("/")).status).toBe(303);
    await after.login("t16");
    expect((await after.get("/")).status).toBe(200);
  });
});
