/**
 * A server killed in the middle of a batch, as a power cut or `kill -9` of its process group
 * would (its git helper and any git with it), then started again: the next start finishes the
 * batch from the note written before the files were placed (src/serve/journal.ts,
 * src/serve/recover.ts). Real git, real processes, the real `yanxiu serve` for the restart.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN } from "../helpers/run-cli.js";
import { RECOVERED, recoverSaves, recoveryText } from "../../src/serve/recover.js";
import { journalPath, sha256 } from "../../src/serve/journal.js";
import { SERVER_COMMITTER } from "../../src/serve/git-commit.js";
import { ensureServeDir } from "../../src/serve/accounts.js";
import { SaveQueue } from "../../src/serve/queue.js";
import { appendItem, type SaveRequest } from "../../src/serve/save.js";
import { git, makeSchool, start, TODAY } from "./helpers.js";

const DRIVER = join(import.meta.dirname, "fixtures/crash-driver.mjs");
const T01 = "records/2025-2026-2/t01.yaml";
const T02 = "records/2025-2026-2/t02.yaml";
const PHOTO = "evidence/t01/2026-04-15-crash.txt";
const roots: string[] = [];
afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

/** Runs the driver until it stops at `step`, then kills its whole process group. */
async function killedAt(step: "after-note" | "before-update-ref" | "before-index", prepare?: (root: string) => void): Promise<string> {
  const root = makeSchool();
  roots.push(root);
  prepare?.(root);
  const signal = join(root, ".yanxiu-serve-test-signal");
  const child = spawn(process.execPath, [DRIVER, root, signal, step, TODAY], { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const deadline = Date.now() + 240_000;
  while (!existsSync(signal) || readFileSync(signal, "utf8") === "") {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the driver ended without stopping: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(readFileSync(signal, "utf8")).toBe(String(child.pid));
  process.kill(-child.pid!, "SIGKILL");
  await exited;
  rmSync(signal);
  return root;
}

/** A start with git's index locked (another git, or one killed): it fails, and says why; the lock's path. */
async function recoveredWithIndexLocked(root: string): Promise<string> {
  const lock = join(root, ".git/index.lock");
  writeFileSync(lock, "");
  expect((await recoverSaves(root, SERVER_COMMITTER))?.failed).toMatch(/index\.lock/);
  return lock;
}

const log = (root: string) => git(root, "log", "--format=%an <%ae>|%cn|%s").trim().split("\n");
const status = (root: string) => git(root, "status", "--porcelain", "--untracked-files=all").trimEnd();

/** Starts `yanxiu serve` on the school, waits for its URL, stops it; what it wrote to stderr. */
async function serveOnce(root: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, "serve", root, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, YANXIU_TODAY: TODAY } });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d));
  await new Promise<void>((ready, fail) => {
    child.stdout.on("data", (d: Buffer) => { out += d; if (out.includes("http://")) ready(); });
    child.once("exit", (code) => fail(new Error(`serve exited with ${code}: ${err}`)));
  });
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return err;
}

function saveOf(root: string, title: string): SaveRequest {
  return {
    root, lang: "zh", today: TODAY, file: T01,
    transform: appendItem({ listKey: "records", ownerKey: "teacher", owner: "t01", headerComment: "" }, { date: "2026-04-15", kind: "observation", title, count: 1 }, "zh"),
    author: { name: "老师t01", email: "t01@school.test" },
    subject: `records: t01 ${title}`,
  };
}

describe("the note of each batch", () => {
  it("is written before the batch's files are placed and emptied once it is committed", async () => {
    const root = makeSchool();
    roots.push(root);
    const { server } = start(root);
    const seen: string[] = [];
    const queue = new SaveQueue(server.state, async (r, commits, opts) => {
      // While the batch commits, its files in place: the note names the save and its file's new bytes.
      seen.push(readFileSync(journalPath(root), "utf8"));
      const { commitBatch } = await import("../../src/git/batch-commit.js");
      return commitBatch(r, commits, opts);
    });
    expect((await queue.save(saveOf(root, "平常的一条"))).ok).toBe(true);
    const note = JSON.parse(seen[0]!) as { saves: { subject: string; files: { path: string; sha256: string }[] }[] };
    expect(note.saves.map((s) => s.subject)).toEqual(["records: t01 平常的一条"]);
    expect(note.saves[0]!.files[0]).toMatchObject({ path: T01, sha256: createHash("sha256").update(readFileSync(join(root, T01))).digest("hex") });
    // Answered once the branch holds the commit; emptied once git's index holds it too.
    for (const until = Date.now() + 60_000; statSync(journalPath(root)).size > 0 && Date.now() < until;) await new Promise((r) => setTimeout(r, 10));
    expect(statSync(journalPath(root)).size).toBe(0);
    expect(await recoverSaves(root, SERVER_COMMITTER)).toBeUndefined();
    expect(status(root)).toBe("");
  });

  it("a batch whose index git could not update (another git held it) is kept for the next start, which sets it", async () => {
    const root = makeSchool();
    roots.push(root);
    const { server } = start(root);
    const lock = join(root, ".git/index.lock");
    writeFileSync(lock, ""); // another git, running past the wait
    const queue = new SaveQueue(server.state, undefined, { indexWaitMs: 50 });
    expect((await queue.save(saveOf(root, "索引被占用时的一条"))).ok).toBe(true);
    await queue.idle();
    rmSync(lock);
    expect(git(root, "diff", "--cached", "--name-only", "HEAD").trim()).toBe(T01);
    expect(statSync(journalPath(root)).size).toBe(0);
    expect(readdirSync(join(root, ".yanxiu-serve")).filter((n) => n.startsWith("journal.pending-"))).toHaveLength(1);
    expect((await recoverSaves(root, SERVER_COMMITTER))?.indexFixed).toEqual([T01]);
    expect(status(root)).toBe("");
    expect(readdirSync(join(root, ".yanxiu-serve")).filter((n) => n.startsWith("journal.pending-"))).toEqual([]);
  });

  it("cannot be written: nothing is placed or committed, and the teacher is told", async () => {
    const root = makeSchool();
    roots.push(root);
    const before = readFileSync(join(root, T01));
    ensureServeDir(root);
    mkdirSync(journalPath(root)); // a folder where the note's file goes: opening it fails as a full or broken disk would
    const { server } = start(root);
    const r = await new SaveQueue(server.state).save(saveOf(root, "写不进去的一条"));
    expect(r).toMatchObject({ ok: false, reason: "io" });
    expect((r as { message: string }).message).toContain("没有保存任何内容");
    expect(readFileSync(join(root, T01))).toEqual(before);
    expect(log(root)).toHaveLength(1);
    expect(status(root)).toBe("");
  });
});

describe("a server killed mid-batch, then started again", () => {
  it("killed after its files were placed, before the commit: the next start commits each save by its own author", async () => {
    const root = await killedAt("before-update-ref");
    // As the kill left it: both files and the photo on disk, nothing committed, the note kept.
    expect(log(root)).toEqual(["office <office@example.org>|office|the demo school"]);
    expect(readFileSync(join(root, T01), "utf8")).toContain("被打断的一号记录");
    expect(status(root).split("\n").sort()).toEqual([` M ${T01}`, ` M ${T02}`, `?? ${PHOTO}`]);
    expect(statSync(journalPath(root)).size).toBeGreaterThan(0);

    const said = await serveOnce(root);
    expect(said).toContain(`committed now: records: t01 被打断的一号记录${RECOVERED}; records: t02 被打断的二号记录${RECOVERED}`);
    expect(log(root)).toEqual([
      `老师t02 <t02@school.test>|yanxiu serve|records: t02 被打断的二号记录${RECOVERED}`,
      `老师t01 <t01@school.test>|yanxiu serve|records: t01 被打断的一号记录${RECOVERED}`,
      "office <office@example.org>|office|the demo school",
    ]);
    // Each commit holds its own save's files, and the tree is clean: nothing waits for a later save.
    expect(git(root, "show", "--name-only", "--format=", "HEAD~1").trim().split("\n").sort()).toEqual([PHOTO, T01]);
    expect(git(root, "show", "--name-only", "--format=", "HEAD").trim()).toBe(T02);
    expect(status(root)).toBe("");
    expect(statSync(journalPath(root)).size).toBe(0);
    // A second start finds nothing to finish.
    expect(await serveOnce(root)).toBe("");
    expect(log(root)).toHaveLength(3);
  });

  it("killed after the branch moved, before git's index was updated: the next start sets the index, so a hand commit keeps the saves", async () => {
    const root = await killedAt("before-index");
    expect(log(root).slice(0, 2).map((l) => l.split("|")[2])).toEqual(["records: t02 被打断的二号记录", "records: t01 被打断的一号记录"]);
    // What the kill left: the index still holds the old files, so a `git commit` would take the saves back out.
    expect(git(root, "diff", "--cached", "--name-only", "HEAD").trim().split("\n").sort()).toEqual([PHOTO, T01, T02]);

    const said = await serveOnce(root);
    expect(said).toContain(`set to the commits for ${T01}`);
    expect(git(root, "diff", "--cached", "--name-only", "HEAD").trim()).toBe("");
    expect(status(root)).toBe("");
    // The office's next hand commit (of an unrelated file) leaves both saves in the history's tip.
    writeFileSync(join(root, "README-office.txt"), "备忘\n");
    git(root, "add", "README-office.txt");
    git(root, "-c", "user.name=office", "-c", "user.email=office@example.org", "commit", "-q", "-m", "office note");
    expect(git(root, "show", `HEAD:${T01}`)).toContain("被打断的一号记录");
    expect(git(root, "show", `HEAD:${T02}`)).toContain("被打断的二号记录");
    expect(git(root, "show", "--name-only", "--format=", "HEAD").trim()).toBe("README-office.txt");
  });

  it("a file edited by hand after the kill is left as it is, and said; the other save is committed", async () => {
    const root = await killedAt("before-update-ref");
    const edited = readFileSync(join(root, T02), "utf8") + "# 教务处手工加的一行\n";
    writeFileSync(join(root, T02), edited);
    const r = await recoverSaves(root, SERVER_COMMITTER);
    expect(r).toEqual({ committed: [`records: t01 被打断的一号记录${RECOVERED}`], indexFixed: [], left: [{ subject: "records: t02 被打断的二号记录", path: T02, why: "changed" }], removed: [], broken: [] });
    expect(log(root).map((l) => l.split("|")[0])).toEqual(["老师t01 <t01@school.test>", "office <office@example.org>"]);
    expect(readFileSync(join(root, T02), "utf8")).toBe(edited);
    expect(status(root)).toBe(` M ${T02}`);
    expect(await recoverSaves(root, SERVER_COMMITTER)).toBeUndefined();
  });

  it("a note that is not whole is kept aside and said, and nothing is committed", async () => {
    const root = makeSchool();
    roots.push(root);
    writeFileSync(join(root, T01), readFileSync(join(root, T01), "utf8") + "# 手工\n");
    const path = journalPath(root);
    rmSync(path, { force: true });
    ensureServeDir(root);
    writeFileSync(path, '{"version":1,"saves":[{"author":');
    const r = await recoverSaves(root, SERVER_COMMITTER);
    expect(r?.broken).toEqual([expect.stringMatching(/journal\.json\.broken-\d+$/)]);
    expect(readdirSync(join(root, ".yanxiu-serve")).some((n) => n.startsWith("journal.json.broken-"))).toBe(true);
    expect(log(root)).toHaveLength(1);
    expect(status(root)).toBe(` M ${T01}`);
  });

  it("killed after the note, before any file was placed: the upload is removed, nothing committed", async () => {
    const root = await killedAt("after-note");
    // Left by the kill: the photo (written as the save was staged) and the two temporary files.
    expect(status(root).split("\n").filter((l) => !l.endsWith(".tmp"))).toEqual([`?? ${PHOTO}`]);
    expect(status(root).split("\n").filter((l) => l.endsWith(".tmp"))).toHaveLength(2);
    const r = await recoverSaves(root, SERVER_COMMITTER);
    expect(r).toEqual({ committed: [], indexFixed: [], left: [], removed: [PHOTO], broken: [] });
    expect(log(root)).toHaveLength(1);
    expect(status(root)).toBe("");
  });

  it("the office reset the branch back after the kill: the saves it dropped are not committed again", async () => {
    const root = await killedAt("before-index");
    git(root, "reset", "-q", "HEAD~2"); // the office drops the two web commits, keeping the files
    const r = await recoverSaves(root, SERVER_COMMITTER);
    expect(r?.committed).toEqual([]);
    expect(r?.left.map((l) => l.why)).toEqual(["moved", "moved"]);
    expect(log(root)).toEqual(["office <office@example.org>|office|the demo school"]);
  });

  it("a batch that could not be finished (git's index locked) is kept for the next start, past the batches made meanwhile", async () => {
    const root = await killedAt("before-index");
    const lock = await recoveredWithIndexLocked(root);
    expect(statSync(journalPath(root)).size).toBe(0);
    // The server runs on: a batch writes and empties the note; the kept one is not touched.
    rmSync(lock);
    const { server } = start(root);
    expect((await new SaveQueue(server.state).save(saveOf(root, "重启后的一条"))).ok).toBe(true);
    const second = await recoverSaves(root, SERVER_COMMITTER);
    // t01's file was saved again meanwhile (its index then set by that batch); the photo and t02's file wait for the start.
    expect(second?.indexFixed.sort()).toEqual([PHOTO, T02]);
    expect(second?.left).toEqual([]);
    expect(readdirSync(join(root, ".yanxiu-serve")).filter((n) => n.startsWith("journal.pending-"))).toEqual([]);
    expect(status(root)).toBe("");
  });

  it("a forged note naming files outside the records, ignored or through a link is not committed", async () => {
    const root = makeSchool();
    roots.push(root);
    ensureServeDir(root);
    writeFileSync(join(root, ".yanxiu-serve/accounts.json"), "{}\n");
    writeFileSync(join(root, "secret.txt"), "outside\n");
    symlinkSync(join(root, "secret.txt"), join(root, "records/2025-2026-2/link.yaml"));
    const forged = (path: string, bytes: Buffer) => ({ author: { name: "老师t09", email: "t09@school.test" }, subject: `records: forged ${path}`, files: [{ path, sha256: sha256(bytes), before: null }] });
    const note = { version: 1, saves: [forged("records/2025-2026-2/link.yaml", Buffer.from("outside\n"))] };
    writeFileSync(journalPath(root), JSON.stringify(note));
    const r = await recoverSaves(root, SERVER_COMMITTER);
    expect(r?.committed).toEqual([]);
    expect(r?.left).toEqual([{ subject: "records: forged records/2025-2026-2/link.yaml", path: "records/2025-2026-2/link.yaml", why: "changed" }]);
    writeFileSync(journalPath(root), JSON.stringify({ version: 1, saves: [forged(".yanxiu-serve/accounts.json", Buffer.from("{}\n"))] }));
    expect((await recoverSaves(root, SERVER_COMMITTER))?.broken).toHaveLength(1);
    expect(log(root)).toHaveLength(1);
  });
});

describe("a killed batch over changes made by hand", () => {
  const handEdit = (root: string) => writeFileSync(join(root, T02), readFileSync(join(root, T02), "utf8") + "# 教务处手工加的一行\n");

  it("killed before the commit: the save made on a hand edit is not committed under the teacher's name", async () => {
    const root = await killedAt("before-update-ref", handEdit);
    const r = await recoverSaves(root, SERVER_COMMITTER);
    expect(r?.committed).toEqual([`records: t01 被打断的一号记录${RECOVERED}`]);
    expect(r?.left).toEqual([{ subject: "records: t02 被打断的二号记录", path: T02, why: "hand" }]);
    expect(log(root).map((l) => l.split("|")[0])).toEqual(["老师t01 <t01@school.test>", "office <office@example.org>"]);
    expect(status(root)).toBe(` M ${T02}`);
  });

  it("killed before git's index was updated: the index is set even though it held the bytes before the hand edit", async () => {
    const root = await killedAt("before-index", handEdit);
    // Committed: the hand edit first, by the server, then each save by its teacher.
    expect(log(root).map((l) => l.split("|")[0])).toEqual(["老师t02 <t02@school.test>", "老师t01 <t01@school.test>", "yanxiu serve <yanxiu-serve@localhost>", "office <office@example.org>"]);
    const r = await recoverSaves(root, SERVER_COMMITTER);
    expect(r?.indexFixed.sort()).toEqual([PHOTO, T01, T02]);
    expect(status(root)).toBe("");
  });

  it("the start's own commit meets a locked index: the note is kept, and the start after sets the index", async () => {
    const root = await killedAt("before-update-ref");
    const lock = await recoveredWithIndexLocked(root);
    expect(log(root)).toHaveLength(3);
    rmSync(lock);
    const second = await recoverSaves(root, SERVER_COMMITTER);
    expect(second?.committed).toEqual([]);
    expect(second?.indexFixed.sort()).toEqual([PHOTO, T01, T02]);
    expect(log(root)).toHaveLength(3);
    expect(status(root)).toBe("");
  });
});

describe("a batch committed, then undone by hand before the restart", () => {
  it("killed before its commit was marked in the note, then rewound: the branch's log shows it was committed, so it is not made again", async () => {
    const root = await killedAt("before-index");
    const note = JSON.parse(readFileSync(journalPath(root), "utf8")) as { committed?: string; tip?: string };
    expect(note.tip).toBe(note.committed);
    delete note.committed; // as a kill between moving the branch and marking the note leaves it
    writeFileSync(journalPath(root), JSON.stringify(note));
    git(root, "reset", "-q", "HEAD~2");
    const r = await recoverSaves(root, SERVER_COMMITTER);
    expect(r?.committed).toEqual([]);
    expect(r?.left.map((l) => l.why)).toEqual(["moved", "moved"]);
    expect(log(root)).toHaveLength(1);
  });

  it("a hand `git commit -a` over the stale index took the new photo out: said, with how to put it back", async () => {
    const root = await killedAt("before-index");
    git(root, "-c", "user.name=office", "-c", "user.email=office@example.org", "commit", "-q", "-a", "-m", "office: everything");
    expect(git(root, "ls-tree", "-r", "--name-only", "HEAD", "--", PHOTO).trim()).toBe("");
    const said = recoveryText(await recoverSaves(root, SERVER_COMMITTER));
    expect(said).toContain(`a later commit took ${PHOTO} back out`);
    expect(said).toContain(`'git add ${PHOTO}'`);
  });
});

describe("one server per repository", () => {
  it("a second `yanxiu serve` on a served repository is refused and touches nothing", async () => {
    const root = makeSchool();
    roots.push(root);
    const first = spawn(process.execPath, [BIN, "serve", root, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, YANXIU_TODAY: TODAY } });
    try {
      await new Promise<void>((ready) => { let out = ""; first.stdout.on("data", (d: Buffer) => { out += d; if (out.includes("http://")) ready(); }); });
      const second = spawnSync(process.execPath, [BIN, "serve", root, "--port", "0"], { encoding: "utf8", env: { ...process.env, YANXIU_TODAY: TODAY }, timeout: 120_000 });
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`另一个 yanxiu serve(进程 ${first.pid})正在为这个仓库服务`);
    } finally {
      first.kill("SIGTERM");
      await new Promise((r) => first.once("exit", r));
    }
    // Stopped, it leaves no lock: the next start serves.
    expect(existsSync(join(root, ".yanxiu-serve/serve.pid"))).toBe(false);
    expect(await serveOnce(root)).toBe("");
  });
});
