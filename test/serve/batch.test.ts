/**
 * The web page's saves in batches (src/serve/queue.ts, src/git/batch-commit.ts), on real git:
 * many teachers at once land as one commit each, by its author, with only that teacher's file,
 * made in fewer batches than saves; a file locked by another program answers "busy" without
 * holding up the server; git objects on a full disk put every file back and tell each user.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lockPathFor } from "../../src/repo/lock.js";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

const TEACHERS = ["t01", "t02", "t03", "t04", "t05", "t07", "t08", "t09"];
const record = (id: string) => ({ kind: "observation", date: "2026-04-15", title: `${id} 四月听课`, count: "1" });
const fileOf = (id: string) => `records/2025-2026-2/${id}.yaml`;

async function loggedIn(app: ReturnType<typeof start>["app"], id: string): Promise<Client> {
  const c = new Client(app);
  await c.login(id);
  await c.get("/add?kind=observation");
  return c;
}

describe("saves in batches", () => {
  it("eight teachers at once: one commit each, by its author, with only its file, in fewer batches than saves", async () => {
    const root = makeSchool();
    await withPasswords(root, TEACHERS);
    const { app, server } = start(root);
    const head = git(root, "rev-parse", "HEAD").trim();
    const clients = await Promise.all(TEACHERS.map((id) => loggedIn(app, id)));
    const results = await Promise.all(clients.map((c, i) => c.post("/add", record(TEACHERS[i]!))));
    expect(results.map((r) => r.status)).toEqual(TEACHERS.map(() => 200));
    const commits = git(root, "log", "--format=@@%an <%ae>|%cn|%s", "--name-only", `${head}..HEAD`).split("@@").slice(1).map((c) => c.replace(/\n+/g, "\n").trim());
    expect(commits).toHaveLength(8);
    const names = new Map(TEACHERS.map((id) => [id, git(root, "log", "-1", "--format=%an <%ae>", "--", fileOf(id)).trim()]));
    for (const id of TEACHERS) {
      expect(commits).toContain(`${names.get(id)}|yanxiu serve|records: ${id} ${id} 四月听课 2026-04-15 (web)\n${fileOf(id)}`);
      expect(readFileSync(join(root, fileOf(id)), "utf8")).toContain(`title: ${id} 四月听课`);
    }
    // Each batch is one reflog entry naming how many saves it committed.
    const batches = git(root, "reflog", "--format=%gs", "refs/heads/main").split("\n").map((l) => /yanxiu serve: (\d+) save/.exec(l)?.[1]).filter(Boolean).map(Number);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(8);
    expect(batches.length).toBeLessThan(8);
    await server.queue.idle(); // answered before git's index is brought in step
    expect(git(root, "status", "--porcelain").trim()).toBe("");
  });

  it("a file another program holds locked: the server keeps answering, the save answers busy, nothing written", async () => {
    const root = makeSchool();
    await withPasswords(root, ["t01"]);
    const { app } = start(root);
    const c = await loggedIn(app, "t01");
    const before = readFileSync(join(root, fileOf("t01")));
    const holder = spawn("sleep", ["30"]);
    const lock = lockPathFor(root, fileOf("t01"));
    mkdirSync(join(lock, ".."), { recursive: true });
    writeFileSync(lock, `${holder.pid} ${(await import("node:os")).hostname()}\n`);
    try {
      const order: string[] = [];
      const save = c.post("/add", record("t01")).then((r) => { order.push("save"); return r; });
      const health = await new Client(app).get("/healthz");
      order.push("healthz");
      const r = await save;
      expect(health.text).toBe("ok");
      expect(order).toEqual(["healthz", "save"]);
      expect(r.status).toBe(409);
      expect(r.text).toContain("正在写入");
      expect(r.text).toContain("请稍后再试");
      expect(readFileSync(join(root, fileOf("t01")))).toEqual(before);
    } finally {
      holder.kill();
      rmSync(lock, { force: true });
    }
    const again = await c.post("/add", record("t01"), { csrf: c.csrf() });
    expect(again.status).toBe(200);
  });
});

let mountPoint = "";
let skipReason = process.getuid?.() === 0 ? "" : "not root, so no tmpfs can be mounted";
afterAll(() => {
  if (!mountPoint) return;
  spawnSync("umount", [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe("git's objects on a full disk", () => {
  it("the commit fails: every file of the batch is put back byte-identical, nothing committed, each user told", async () => {
    if (!skipReason) {
      mountPoint = mkdtempSync(join(tmpdir(), "yanxiu-tmpfs-"));
      const m = spawnSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint], { encoding: "utf8" });
      if (m.status !== 0) skipReason = `mount -t tmpfs failed: ${(m.stderr || m.error?.message || "").trim()}`;
    }
    if (skipReason) {
      console.warn(`[serve full disk] SKIPPED: ${skipReason}`);
      return;
    }
    // The work tree on the ordinary disk, its .git on a small tmpfs that is then filled.
    const root = mkdtempSync(join(tmpdir(), "yanxiu-serve-"));
    cpSync(makeSchool(), root, { recursive: true });
    const gitDir = join(mountPoint, "school.git");
    git(root, "gc", "-q");
    cpSync(join(root, ".git"), gitDir, { recursive: true });
    rmSync(join(root, ".git"), { recursive: true, force: true });
    writeFileSync(join(root, ".git"), `gitdir: ${gitDir}\n`);
    await withPasswords(root, ["t01", "t02"]);
    const { app } = start(root);
    const a = await loggedIn(app, "t01");
    const b = await loggedIn(app, "t02");
    const head = git(root, "rev-parse", "HEAD").trim();
    const filler = join(mountPoint, "filler");
    spawnSync("dd", ["if=/dev/zero", `of=${filler}`, "bs=64k"], { encoding: "utf8" });
    const before = TEACHERS.slice(0, 2).map((id) => readFileSync(join(root, fileOf(id))));
    const [ra, rb] = await Promise.all([a.post("/add", record("t01")), b.post("/add", record("t02"))]);
    expect([ra.status, rb.status]).toEqual([500, 500]);
    for (const r of [ra, rb]) {
      expect(r.text).toContain("git 提交失败");
      expect(r.text).toContain("没有保存任何内容");
      expect(r.text).not.toMatch(/\.ts:\d+|at async/);
    }
    expect(TEACHERS.slice(0, 2).map((id) => readFileSync(join(root, fileOf(id))))).toEqual(before);
    rmSync(filler);
    expect(git(root, "rev-parse", "HEAD").trim()).toBe(head);
    expect(existsSync(lockPathFor(root, fileOf("t01")))).toBe(false);
    // Space again: the next save just works.
    const again = await a.post("/add", record("t01"), { csrf: a.csrf() });
    expect(again.status).toBe(200);
    expect(git(root, "log", "-1", "--format=%s").trim()).toBe("records: t01 t01 四月听课 2026-04-15 (web)");
  });
});
